/// What TOMLKit's parser (toml++) must never see: it checks some malformed input with
/// `assert` and aborts the process instead of reporting it. Found by fuzz-settings:
/// - a raw control character (TOML allows none but tab and line ends anywhere; strings escape
///   them), and a NUL would also cut the text short on its way to C;
/// - a table header whose name starts with neither a bare-key character nor a quote
///   (`[#`, `[` at the end of a line).
/// A light lexer finds table headers as toml++ does: a `[` first on a line outside strings,
/// comments and the brackets of a value.
enum TOMLPrecheck {
    struct Problem: Equatable {
        var line: Int
        var message: String
    }

    static func firstProblem(in text: String) -> Problem? {
        let bytes = Array(text.utf8)
        var line = 1
        var depth = 0
        var lineStart = true
        var i = 0
        func at(_ j: Int) -> UInt8? { j < bytes.count ? bytes[j] : nil }
        func starts(_ quote: UInt8, _ j: Int) -> Bool { at(j) == quote && at(j + 1) == quote && at(j + 2) == quote }
        // The control characters first: the lexer below may skip over a string's bytes.
        for (j, byte) in bytes.enumerated() {
            if byte == 0x0A { line += 1; continue }
            if byte == 0x0D, at(j + 1) == 0x0A { continue }
            if byte == 0x09 || (byte >= 0x20 && byte != 0x7F) { continue }
            return Problem(line: line, message: "control character U+\(hex(byte)) is not allowed in TOML"
                + " (inside a string, write it as \\u\(hex(byte)))")
        }
        line = 1
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x0A:
                line += 1
                if depth == 0 { lineStart = true }
                i += 1
            case 0x20, 0x09, 0x0D:
                i += 1
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                lineStart = false
                let multi = starts(byte, i)
                i += multi ? 3 : 1
                while i < bytes.count {
                    if multi, starts(byte, i) {
                        i += 3
                        while at(i) == byte { i += 1 }  // up to two quotes may end the content
                        break
                    }
                    let c = bytes[i]
                    if c == 0x0A {
                        line += 1
                        if !multi { break }  // toml++ reports the unclosed string
                    }
                    if c == byte, !multi {
                        i += 1
                        break
                    }
                    i += c == UInt8(ascii: "\\") && byte == UInt8(ascii: "\"") ? 2 : 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if byte == UInt8(ascii: "["), depth == 0, lineStart {
                    // A table header: its name must start like a key.
                    var j = i + 1
                    func blanks() -> Bool {
                        let from = j
                        while at(j) == 0x20 || at(j) == 0x09 { j += 1 }
                        return j > from
                    }
                    let spaced = blanks()
                    if at(j) == UInt8(ascii: "["), !spaced {
                        j += 1
                        _ = blanks()
                    }
                    if let c = at(j), !startsKey(c), c != UInt8(ascii: "]") {
                        let shown = c == 0x0A || c == 0x0D ? "the end of the line" : "'\(Character(Unicode.Scalar(c)))'"
                        return Problem(line: line, message: c < 0x80
                            ? "a table header needs a name: [name] or [\"quoted name\"], saw \(shown)"
                            : "a table header needs a name: [name] or [\"quoted name\"]")
                    }
                    // The rest of the header is toml++'s to check.
                    while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                    lineStart = false
                } else {
                    depth += 1
                    lineStart = false
                    i += 1
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                lineStart = false
                i += 1
            default:
                lineStart = false
                i += 1
            }
        }
        return nil
    }

    private static func startsKey(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            true
        default: false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
