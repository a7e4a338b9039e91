/// Where one wanted value sits in the line being decoded: its JSON kind and its bytes (a
/// string's body without quotes, a number's or literal's text).
struct FieldSlot {
    enum Kind: UInt8 {
        case absent, string, number, literal, null, container
    }

    var kind = Kind.absent
    var start = 0
    var end = 0
    /// The string holds a backslash escape (its bytes must be unescaped before use).
    var escaped = false

    /// The slot of the value starting at `i` of a terminated line (see `TerminatedScanning`),
    /// scanned to its end; `end < 0` when the bytes are not valid JSON. Objects and arrays are
    /// skipped (kind `container`).
    @inline(__always)
    static func scan(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, stack: inout [Bool]) -> FieldSlot {
        typealias J = TerminatedScanning
        var slot = FieldSlot()
        slot.start = i
        switch p[i] {
        case 0x22:
            slot.kind = .string
            slot.start = i + 1
            slot.end = J.scanString(p, i + 1, n, escaped: &slot.escaped) - 1
            if slot.end < 0 { slot.end = -1 }
        case 0x2D, 0x30...0x39:
            slot.kind = .number
            slot.end = J.scanNumber(p, i)
        case 0x6E:
            slot.kind = .null
            slot.end = J.scanLiteral(p, i)
        case 0x74, 0x66:
            slot.kind = .literal
            slot.end = J.scanLiteral(p, i)
        default:
            slot.kind = .container
            slot.end = J.skipValue(p, i, n, stack: &stack)
        }
        return slot
    }

    /// The index after the value (after a string's closing quote).
    @inline(__always)
    var next: Int { end < 0 ? -1 : kind == .string ? end + 1 : end }
}
