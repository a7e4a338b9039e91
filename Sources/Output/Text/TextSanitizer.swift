/// Makes text from input safe to print on a terminal, one line per row: control characters
/// (C0, DEL, C1), line and paragraph separators (U+2028, U+2029), bidi controls and the other
/// invisible format characters become visible escapes (`\x1b`, `\u{2028}`), so nothing from
/// input can drive the terminal or break a table's lines. The joiners U+200C and U+200D stay:
/// scripts and emoji need them.
public enum TextSanitizer {
    public static func visible(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if isHidden(scalar) {
                out += scalar.value < 0x100
                    ? "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                    : "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether a scalar must not reach the terminal as it is.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0: return true
        case 0x20..<0x7F: return false
        case 0x200C, 0x200D: return false
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}
