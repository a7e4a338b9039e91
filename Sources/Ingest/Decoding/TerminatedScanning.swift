import CByteScan

/// Strict JSON scanning of a *terminated* line: `p[n]` is `\n` (which cuts lines, so it never
/// occurs inside one) and `lineSlack` bytes after it are readable (`LineSplitter` hands out
/// every line so). The `\n` stops every scan the way the end of the line must, so these loops
/// read with no bounds check per byte: strings, numbers and skipped values stop at it as at any
/// byte they do not accept, and 16-byte loads may run past it into the slack. Where a scan needs
/// the line's end (UTF-8 sequences, escapes) it hands over to `JSONScanning`, which checks
/// against `n`. Every scan returns the index past what it scanned, or -1 when the bytes are not
/// valid JSON. The fast path for eventtop's own layout and the path scanner for any mapping
/// (`PathScanning`, `FieldSlot`) both scan with these.
enum TerminatedScanning {
    /// Readable bytes a terminated line has after its `\n` (16-byte loads start at most there).
    static let lineSlack = LineSplitter.slack

    /// Whitespace inside a line: space, tab, carriage return (`\n` ends the line).
    @inline(__always)
    static func skipWhitespace(_ p: UnsafePointer<UInt8>, _ i0: Int) -> Int {
        var i = i0
        // SAFETY: stops at p[n] == \n at the latest.
        while p[i] <= 0x20 {
            let b = p[i]
            guard b == 0x20 || b == 0x09 || b == 0x0D else { break }
            i += 1
        }
        return i
    }

    /// A string body from just after its opening quote; the index after the closing quote.
    /// Sets `escaped` when it holds a backslash escape.
    @inline(__always)
    static func scanString(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int, escaped: inout Bool) -> Int {
        var i = i0
        while true {
            // SAFETY: i <= n (the \n at n is flagged, so the loop stops at or before it) and
            // the load reaches at most n + 15 < n + lineSlack. Indices stay below n + 16, so
            // they add with &+.
            let mask = eventtop_string_attention16(p + i)
            if mask != 0 {
                i &+= mask.trailingZeroBitCount
                if p[i] == 0x22 { return i &+ 1 }
                return i >= n ? -1 : JSONScanning.scanStringSlow(p, i, n, escaped: &escaped)
            }
            i &+= 16
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    @inline(__always)
    static func scanNumber(_ p: UnsafePointer<UInt8>, _ i0: Int) -> Int {
        var i = i0
        if p[i] == 0x2D { i &+= 1 }
        let first = p[i]
        if first == 0x30 {
            i &+= 1
        } else if first &- 0x31 < 9 {
            i &+= 1
            while p[i] &- 0x30 < 10 { i &+= 1 }
        } else {
            return -1
        }
        if p[i] == 0x2E {
            i &+= 1
            guard p[i] &- 0x30 < 10 else { return -1 }
            while p[i] &- 0x30 < 10 { i &+= 1 }
        }
        if p[i] | 0x20 == 0x65 {
            i &+= 1
            if p[i] == 0x2B || p[i] == 0x2D { i &+= 1 }
            guard p[i] &- 0x30 < 10 else { return -1 }
            while p[i] &- 0x30 < 10 { i &+= 1 }
        }
        return i
    }

    /// `true`, `false` or `null` at `i`.
    @inline(__always)
    static func scanLiteral(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int {
        // SAFETY: the 4-byte load starts at i <= n and ends before n + lineSlack. A match holds
        // no \n, so it lies before n.
        let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt32.self)
        switch w {
        case 0x6575_7274: return i + 4  // true
        case 0x6C6C_756E: return i + 4  // null
        case 0x736C_6166: return p[i + 4] == 0x65 ? i + 5 : -1  // fals e
        default: return -1
        }
    }

    /// Scans `"key" ws : ws` of an object member and returns where its value starts.
    @inline(__always)
    static func scanMemberKey(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int) -> Int {
        guard p[i0] == 0x22 else { return -1 }
        var escaped = false
        var i = scanString(p, i0 + 1, n, escaped: &escaped)
        if i < 0 { return -1 }
        if p[i] != 0x3A {
            i = skipWhitespace(p, i)
            guard p[i] == 0x3A else { return -1 }
        }
        i += 1
        return p[i] > 0x20 ? i : skipWhitespace(p, i)
    }

    /// After a member or an element (its value ending at `i`): the start of the next one and
    /// `more`, or the index past the container's `close` byte; -1 when neither follows.
    @inline(__always)
    static func afterItem(_ p: UnsafePointer<UInt8>, _ i0: Int, close: UInt8) -> (next: Int, more: Bool) {
        var i = i0
        if p[i] <= 0x20 { i = skipWhitespace(p, i) }
        let b = p[i]
        if b == 0x2C {
            i += 1
            return (p[i] > 0x20 ? i : skipWhitespace(p, i), true)
        }
        return (b == close ? i + 1 : -1, false)
    }

    /// Skips any JSON value, however deeply nested, without recursion: open containers are a
    /// stack of bits (1 = object), the innermost 64 levels in a word, deeper ones in `overflow`.
    static func skipValue(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int, stack overflow: inout [Bool]) -> Int {
        var depth = 0
        var bits: UInt64 = 0
        var i = i0
        parseValue: while true {
            // A value starts at i.
            switch p[i] {
            case 0x22:
                var escaped = false
                i = scanString(p, i + 1, n, escaped: &escaped)
            case 0x7B:  // {
                i += 1
                if p[i] <= 0x20 { i = skipWhitespace(p, i) }
                if p[i] == 0x7D {
                    i += 1
                } else {
                    if depth >= 64 { overflow.append(bits >> 63 != 0) }
                    bits = bits << 1 | 1
                    depth += 1
                    i = scanMemberKey(p, i, n)
                    if i < 0 { return -1 }
                    continue parseValue
                }
            case 0x5B:  // [
                i += 1
                if p[i] <= 0x20 { i = skipWhitespace(p, i) }
                if p[i] == 0x5D {
                    i += 1
                } else {
                    if depth >= 64 { overflow.append(bits >> 63 != 0) }
                    bits = bits << 1
                    depth += 1
                    continue parseValue
                }
            case 0x74, 0x66, 0x6E:
                i = scanLiteral(p, i)
            default:
                i = scanNumber(p, i)
            }
            if i < 0 { return -1 }
            // A value ended at i: close containers or move to the next element.
            while depth > 0 {
                let isObject = bits & 1 != 0
                if p[i] <= 0x20 { i = skipWhitespace(p, i) }
                let b = p[i]
                if b == 0x2C {
                    i += 1
                    if p[i] <= 0x20 { i = skipWhitespace(p, i) }
                    if isObject {
                        i = scanMemberKey(p, i, n)
                        if i < 0 { return -1 }
                    }
                    continue parseValue
                }
                guard b == (isObject ? 0x7D : 0x5D) else { return -1 }
                depth -= 1
                bits >>= 1
                if depth >= 64, let restored = overflow.popLast() { bits |= (restored ? 1 : 0) << 63 }
                i += 1
            }
            return i
        }
    }
}
