import CSystem

/// Text made safe for a terminal and measured in columns. Every string drawn into a
/// `CellGrid` goes through `safeCharacter`, so no control character, escape sequence or
/// bidi override that came from input can reach the terminal raw: each becomes a visible
/// placeholder (a control picture such as `␛`, or `�`; `?` in ASCII).
public enum DisplayText {
    /// The replacement for characters that cannot be shown.
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// A character safe to draw, and the columns it takes (1 or 2; never 0).
    public static func safeCharacter(_ character: Character, charset: Charset) -> (Character, Int) {
        let scalars = character.unicodeScalars
        let base = scalars.first!
        if base.value < 0x80 {
            // Printable ASCII passes; controls become pictures (`\r\n` keeps only `␍`).
            if base.value >= 0x20 && base.value != 0x7F {
                return scalars.count == 1 ? (character, 1) : combined(base, scalars.dropFirst(), charset)
            }
            if charset == .ascii { return ("?", 1) }
            let picture = base.value == 0x7F ? 0x2421 : 0x2400 + base.value
            return (Character(Unicode.Scalar(picture)!), 1)
        }
        guard charset == .utf8 else { return ("?", 1) }
        // Box drawing and block elements (frames, bars, sparklines): one column, always shown.
        if base.value >= 0x2500 && base.value <= 0x259F && scalars.count == 1 { return (character, 1) }
        if isHidden(base) { return (Character(replacement), 1) }
        let w = scalarWidth(base)
        if w <= 0 { return (Character(replacement), 1) }
        return scalars.count == 1 ? (character, w) : combined(base, scalars.dropFirst(), charset)
    }

    /// The base and the combining marks that follow it (at most 3); other scalars of the
    /// cluster (joiners, selectors, tags) are dropped, as terminals disagree on their width.
    private static func combined(_ base: Unicode.Scalar, _ rest: Substring.UnicodeScalarView.SubSequence,
                                 _ charset: Charset) -> (Character, Int)
    {
        var text = String.UnicodeScalarView()
        text.append(base)
        if charset == .utf8 {
            var marks = 0
            for scalar in rest where marks < 3 && isCombiningMark(scalar) {
                text.append(scalar)
                marks += 1
            }
        }
        let width = base.value < 0x80 ? 1 : max(1, scalarWidth(base))
        return (Character(String(text)), width)
    }

    /// Whether a scalar must never be drawn: C1 controls, bidi embeddings, overrides and
    /// isolates, other format characters, and the line and paragraph separators.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x80 && v <= 0x9F { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return true
        default:
            return false
        }
    }

    static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        // Variation selectors change how wide terminals draw the base (emoji): left out.
        if (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value) { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    /// Columns a printable scalar takes, as the C library's `wcwidth` says (ncurses moves the
    /// cursor by the same). -1 for a scalar it does not know (newer than its tables): such a
    /// scalar is shown as `�`, so the screen and the grid never disagree on a row's width.
    /// Where the C library knows no UTF-8 at all (an unset locale in tests) an estimate stands in.
    public static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let w = Int(eventtop_wcwidth(scalar.value))
        if w >= 0 || libraryKnowsUnicode { return w }
        if isCombiningMark(scalar) { return 0 }
        if scalar.properties.isEmojiPresentation || isEastAsianWide(scalar.value) { return 2 }
        return 1
    }

    /// Whether the C library's `wcwidth` measures non-ASCII here (a UTF-8 LC_CTYPE).
    static var libraryKnowsUnicode: Bool { eventtop_wcwidth(0x4E2D) == 2 }

    static func isEastAsianWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// Columns `text` takes once made safe.
    public static func width(of text: some StringProtocol, charset: Charset) -> Int {
        var total = 0
        for character in text { total += safeCharacter(character, charset: charset).1 }
        return total
    }

    /// `text` made safe and cut to at most `columns` columns, ending in `…` when cut.
    /// Returns the safe characters with their widths.
    public static func fitted(_ text: some StringProtocol, columns: Int, charset: Charset) -> [(Character, Int)] {
        guard columns > 0 else { return [] }
        var out: [(Character, Int)] = []
        var used = 0
        var cutAt: (count: Int, used: Int)?
        for character in text {
            let safe = safeCharacter(character, charset: charset)
            if cutAt == nil && used + safe.1 > columns - 1 { cutAt = (out.count, used) }
            if used + safe.1 > columns {
                // Too long: back to where `…` still fits.
                let keep = cutAt ?? (out.count, used)
                out.removeSubrange(keep.count...)
                out.append((charset.ellipsis, 1))
                return out
            }
            out.append(safe)
            used += safe.1
        }
        return out
    }

    /// `text` made safe and cut to `columns`, as a string (for tables measured beforehand).
    public static func fittedString(_ text: some StringProtocol, columns: Int, charset: Charset) -> String {
        String(fitted(text, columns: columns, charset: charset).map(\.0))
    }
}
