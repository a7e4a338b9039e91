/// Window lengths and intervals as people type them: `10s`, `1m`, `5m`, `1h`, `1h30m`, `2d`,
/// or a bare number of seconds.
public enum DurationParsing {
    /// Whole seconds, or nil when the text is not a positive duration (at most 400 days).
    public static func seconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy({ $0 &- 0x30 < 10 }) {
            guard bytes.count <= 9, let value = Int64(text), value > 0 else { return nil }
            return value
        }
        var total: Int64 = 0
        var i = 0
        while i < bytes.count {
            var value: Int64 = 0
            let digitsStart = i
            while i < bytes.count, bytes[i] &- 0x30 < 10 {
                guard i - digitsStart < 9 else { return nil }
                value = value * 10 + Int64(bytes[i] &- 0x30)
                i += 1
            }
            guard i > digitsStart, i < bytes.count else { return nil }
            let unit: Int64
            switch bytes[i] {
            case 0x73: unit = 1  // s
            case 0x6D: unit = 60  // m
            case 0x68: unit = 3600  // h
            case 0x64: unit = 86_400  // d
            default: return nil
            }
            i += 1
            total += value * unit
            guard total <= 400 * 86_400 else { return nil }
        }
        return total > 0 ? total : nil
    }

    /// Milliseconds for intervals that may be fractional (`0.5s`, `250ms`, `1s`, `2`).
    public static func milliseconds(_ text: String) -> Int64? {
        if text.hasSuffix("ms"), let v = Int64(text.dropLast(2)), v > 0, v <= 86_400_000 { return v }
        let number = text.hasSuffix("s") ? String(text.dropLast()) : text
        if let v = Double(number), v.isFinite, v >= 0.001, v <= 86_400 { return Int64((v * 1000).rounded()) }
        return seconds(text).map { $0 * 1000 }
    }

    /// `10s`, `1m`, `1h30m`, `2d`: the shortest spelling of whole seconds.
    public static func format(_ seconds: Int64) -> String {
        var rest = seconds
        var out = ""
        for (unit, name) in [(Int64(86_400), "d"), (3600, "h"), (60, "m"), (1, "s")] where rest >= unit {
            out += "\(rest / unit)\(name)"
            rest %= unit
        }
        return out.isEmpty ? "0s" : out
    }
}
