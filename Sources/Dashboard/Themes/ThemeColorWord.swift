import Cells

/// A problem with one line of a theme file; `ThemeFile` adds the file and line.
struct ThemeLineProblem: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Colors as theme files write them: `default`, a name (`red`, `bright-red`, `gray`), a
/// number 0–255 (the xterm palette) or `#RRGGBB`. Case does not matter.
enum ThemeColorWord {
    /// The 16 named colors, and gray (`bright-black`).
    static let names: [String: UInt8] = {
        let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]
        var names: [String: UInt8] = ["gray": 8, "grey": 8]
        for (index, name) in base.enumerated() {
            names[name] = UInt8(index)
            names["bright-" + name] = UInt8(index + 8)
        }
        return names
    }()

    /// Whether a word looks like a color at all (so a misspelt attribute is not called a
    /// bad color): a digit or `#` first, `default`, `bright-…`, or a name.
    static func looksLikeColor(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first else { return false }
        return first == "#" || ("0"..."9").contains(first) || word == "default" || word.hasPrefix("bright-")
            || names[word] != nil
    }

    /// The color a word names.
    static func color(_ word: some StringProtocol) throws(ThemeLineProblem) -> Color {
        let lower = word.lowercased()
        if lower == "default" { return .terminalDefault }
        if let index = names[lower] { return .indexed(index) }
        let scalars = Array(lower.unicodeScalars)
        if let first = scalars.first, ("0"..."9").contains(first) {
            guard scalars.allSatisfy({ ("0"..."9").contains($0) }) else {
                throw ThemeLineProblem("bad color number \(quoted(word)) (expected 0–255)")
            }
            guard scalars.count <= 3, let value = UInt8(lower) else {
                throw ThemeLineProblem("color number \(quoted(word)) out of range 0–255")
            }
            return .indexed(value)
        }
        if scalars.first == "#" {
            let digits = scalars.dropFirst().compactMap { hexValue($0) }
            guard scalars.count == 7, digits.count == 6 else {
                throw ThemeLineProblem("bad hex color \(quoted(word)) (expected #RRGGBB)")
            }
            return .rgb(digits[0] << 4 | digits[1], digits[2] << 4 | digits[3], digits[4] << 4 | digits[5])
        }
        throw ThemeLineProblem("unknown color \(quoted(word))")
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "0"..."9": UInt8(scalar.value - 0x30)
        case "a"..."f": UInt8(scalar.value - 0x61 + 10)
        default: nil
        }
    }
}
