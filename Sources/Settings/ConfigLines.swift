/// Where each key of a TOML file sits, for messages that name `file:line` (the TOML library
/// gives values, not their places): `key =` lines under each `[table]` header, and dotted keys
/// (`live.window = …`) under the table they name.
struct ConfigLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table: String?
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("[") {
                // A table header is where the table's own key is.
                let name = line.dropFirst().prefix { $0 != "]" }.trimmingSpaces
                table = name.isEmpty ? nil : name
                if !name.isEmpty { note(name, owner: nil, line: number + 1) }
                continue
            }
            guard let eq = line.firstIndex(of: "="), !line.hasPrefix("#") else { continue }
            let key = line[..<eq].trimmingSpaces
            if !key.isEmpty { note(key, owner: table, line: number + 1) }
        }
    }

    /// Records a (possibly dotted) key: `live.window` under `table` is `window` of `table.live`.
    private mutating func note(_ key: String, owner table: String?, line: Int) {
        var parts = key.split(separator: ".").map { String($0).trimmingSpaces.replacingQuotes }
        guard let last = parts.popLast() else { return }
        let owner = ([table].compactMap { $0 } + parts).joined(separator: ".")
        let slot = (owner.isEmpty ? "" : owner + "\u{0}") + last
        if lines[slot] == nil { lines[slot] = line }
    }

    /// The line of `key` in `table` (nil: the top), or 1 when it cannot be found.
    func line(of key: String, in table: String?) -> Int {
        lines[(table.map { $0 + "\u{0}" } ?? "") + key] ?? 1
    }
}

private extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    var replacingQuotes: String {
        guard count >= 2, let first, first == "\"" || first == "'", last == first else { return String(self) }
        return String(dropFirst().dropLast())
    }
}
