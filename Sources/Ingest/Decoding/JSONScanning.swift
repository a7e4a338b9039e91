/// Strict RFC 8259 scanning over raw bytes, without building values. Every function takes
/// the line as a pointer and its length `n`, reads only below `n`, and returns the index
/// just past what it scanned, or -1 when the bytes are not valid JSON (or not UTF-8).
enum JSONScanning {
    // SAFETY: every read goes through `at`, which returns 0 (never valid JSON at any
    // position) for indices at or past `n`; the SWAR loads check `i + 8 <= n` first.

    @inline(__always)
    static func at(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt8 { i < n ? p[i] : 0 }

    /// After a member or an element (its value ending at `i`): the start of the next one and
    /// `more`, or the index past the container's `close` byte; -1 when neither a comma nor
    /// `close` follows.
    @inline(__always)
    static func afterItem(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, close: UInt8) -> (next: Int, more: Bool) {
        let at = skipWhitespace(p, i, n)
        let b = self.at(p, at, n)
        if b == 0x2C { return (skipWhitespace(p, at + 1, n), true) }
        return (b == close ? at + 1 : -1, false)
    }

    @inline(__always)
    static func skipWhitespace(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int) -> Int {
        var i = i0
        while i < n {
            let b = p[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { break }
            i += 1
        }
        return i
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080
    private static let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// 0x80 in each byte of the word that is `"`, `\`, below 0x20 or at or above 0x80, and
    /// 0 elsewhere (exact: no carries cross bytes).
    @inline(__always)
    private static func attentionMask(_ x: UInt64) -> UInt64 {
        @inline(__always) func zeroBytes(_ t: UInt64) -> UInt64 { ~(((t & lows) &+ lows) | t | lows) }
        let quote = zeroBytes(x ^ (ones &* 0x22))
        let backslash = zeroBytes(x ^ (ones &* 0x5C))
        let control = ~(((x & lows) &+ ones &* 0x60) | x) & highs
        return quote | backslash | control | (x & highs)
    }

    /// Scans a string body starting just after its opening quote; returns the index after
    /// the closing quote. Sets `escaped` when the string holds a backslash escape.
    @inline(__always)
    static func scanString(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int, escaped: inout Bool) -> Int {
        var i = i0
        // Eight bytes at a time up to the first byte that needs a look (little-endian: the
        // lowest set bit is the first byte). Most strings end here, at their quote.
        while i + 8 <= n {
            let mask = attentionMask(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            if mask != 0 {
                i += mask.trailingZeroBitCount &>> 3
                if p[i] == 0x22 { return i + 1 }
                return scanStringSlow(p, i, n, escaped: &escaped)
            }
            i += 8
        }
        return scanStringSlow(p, i, n, escaped: &escaped)
    }

    /// The rest of a string from `i0`: escapes, UTF-8 sequences and the last bytes of a line.
    @inline(never)
    static func scanStringSlow(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int, escaped: inout Bool) -> Int {
        var i = i0
        while i < n {
            let b = p[i]
            if b == 0x22 { return i + 1 }
            if b == 0x5C {
                escaped = true
                switch at(p, i + 1, n) {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    i += 2
                case 0x75:
                    for k in 2...5 where !isHex(at(p, i + k, n)) { return -1 }
                    i += 6
                default:
                    return -1
                }
            } else if b < 0x20 {
                return -1
            } else if b >= 0x80 {
                let len = UTF8Validation.sequenceLength(p, i, n)
                if len == 0 { return -1 }
                i += len
            } else {
                i += 1
            }
        }
        return -1
    }

    @inline(__always)
    static func isHex(_ b: UInt8) -> Bool {
        (b &- 0x30) < 10 || ((b | 0x20) &- 0x61) < 6
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32 {
        (b &- 0x30) < 10 ? UInt32(b &- 0x30) : UInt32((b | 0x20) &- 0x61 + 10)
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    @inline(__always)
    static func scanNumber(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int) -> Int {
        var i = i0
        if at(p, i, n) == 0x2D { i += 1 }
        let first = at(p, i, n)
        if first == 0x30 {
            i += 1
        } else if first &- 0x31 < 9 {
            i += 1
            while at(p, i, n) &- 0x30 < 10 { i += 1 }
        } else {
            return -1
        }
        if at(p, i, n) == 0x2E {
            i += 1
            guard at(p, i, n) &- 0x30 < 10 else { return -1 }
            while at(p, i, n) &- 0x30 < 10 { i += 1 }
        }
        if at(p, i, n) | 0x20 == 0x65 {
            i += 1
            if at(p, i, n) == 0x2B || at(p, i, n) == 0x2D { i += 1 }
            guard at(p, i, n) &- 0x30 < 10 else { return -1 }
            while at(p, i, n) &- 0x30 < 10 { i += 1 }
        }
        return i
    }

    @inline(__always)
    static func scanLiteral(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        switch at(p, i, n) {
        case 0x74:  // true
            return at(p, i + 1, n) == 0x72 && at(p, i + 2, n) == 0x75 && at(p, i + 3, n) == 0x65 ? i + 4 : -1
        case 0x66:  // false
            return at(p, i + 1, n) == 0x61 && at(p, i + 2, n) == 0x6C && at(p, i + 3, n) == 0x73
                && at(p, i + 4, n) == 0x65 ? i + 5 : -1
        case 0x6E:  // null
            return at(p, i + 1, n) == 0x75 && at(p, i + 2, n) == 0x6C && at(p, i + 3, n) == 0x6C ? i + 4 : -1
        default:
            return -1
        }
    }

    /// Skips any JSON value, however deeply nested, without recursion. Open containers are a
    /// stack of bits (1 = object): the innermost 64 levels in a word, deeper ones in
    /// `overflow` (reused by the caller).
    static func skipValue(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int, stack overflow: inout [Bool]) -> Int {
        var depth = 0
        var bits: UInt64 = 0
        @inline(__always) func push(_ isObject: Bool) {
            if depth >= 64 { overflow.append(bits >> 63 != 0) }
            bits = bits << 1 | (isObject ? 1 : 0)
            depth += 1
        }
        @inline(__always) func pop() {
            depth -= 1
            bits >>= 1
            if depth >= 64, let restored = overflow.popLast() { bits |= (restored ? 1 : 0) << 63 }
        }
        var i = i0
        parseValue: while true {
            // A value starts at i.
            switch at(p, i, n) {
            case 0x7B:  // {
                i = skipWhitespace(p, i + 1, n)
                if at(p, i, n) == 0x7D {
                    i += 1
                } else {
                    push(true)
                    i = scanMemberKey(p, i, n)
                    if i < 0 { return -1 }
                    continue parseValue
                }
            case 0x5B:  // [
                i = skipWhitespace(p, i + 1, n)
                if at(p, i, n) == 0x5D {
                    i += 1
                } else {
                    push(false)
                    continue parseValue
                }
            case 0x22:
                var escaped = false
                i = scanString(p, i + 1, n, escaped: &escaped)
            case 0x74, 0x66, 0x6E:
                i = scanLiteral(p, i, n)
            default:
                i = scanNumber(p, i, n)
            }
            if i < 0 { return -1 }
            // A value ended at i: close containers or move to the next element.
            while depth > 0 {
                let isObject = bits & 1 != 0
                i = skipWhitespace(p, i, n)
                let b = at(p, i, n)
                if b == 0x2C {
                    i = skipWhitespace(p, i + 1, n)
                    if isObject {
                        i = scanMemberKey(p, i, n)
                        if i < 0 { return -1 }
                    }
                    continue parseValue
                }
                guard b == (isObject ? 0x7D : 0x5D) else { return -1 }
                pop()
                i += 1
            }
            return i
        }
    }

    /// Scans `"key" ws : ws` of an object member and returns where its value starts.
    @inline(__always)
    static func scanMemberKey(_ p: UnsafePointer<UInt8>, _ i0: Int, _ n: Int) -> Int {
        guard at(p, i0, n) == 0x22 else { return -1 }
        var escaped = false
        var i = scanString(p, i0 + 1, n, escaped: &escaped)
        if i < 0 { return -1 }
        i = skipWhitespace(p, i, n)
        guard at(p, i, n) == 0x3A else { return -1 }
        return skipWhitespace(p, i + 1, n)
    }

    /// Unescapes a scanned string body `p[start..<end]` into `dst` (capacity `cap`).
    /// Returns the decoded length (which may exceed `cap`: bytes past it are not written),
    /// or -1 when a `\u` escape leaves a lone surrogate.
    static func unescape(
        _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        into dst: UnsafeMutablePointer<UInt8>, capacity cap: Int
    ) -> Int {
        var i = start
        var o = 0
        @inline(__always) func put(_ b: UInt8) {
            if o < cap { dst[o] = b }
            o += 1
        }
        @inline(__always) func hex4(_ j: Int) -> UInt32 {
            hexValue(p[j]) << 12 | hexValue(p[j + 1]) << 8 | hexValue(p[j + 2]) << 4 | hexValue(p[j + 3])
        }
        while i < end {
            let b = p[i]
            guard b == 0x5C else { put(b); i += 1; continue }
            let e = p[i + 1]
            switch e {
            case 0x62: put(0x08); i += 2
            case 0x66: put(0x0C); i += 2
            case 0x6E: put(0x0A); i += 2
            case 0x72: put(0x0D); i += 2
            case 0x74: put(0x09); i += 2
            case 0x75:
                var scalar = hex4(i + 2)
                i += 6
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 6 <= end, p[i] == 0x5C, p[i + 1] == 0x75 else { return -1 }
                    let low = hex4(i + 2)
                    guard low >= 0xDC00 && low < 0xE000 else { return -1 }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    return -1
                }
                if scalar < 0x80 {
                    put(UInt8(scalar))
                } else if scalar < 0x800 {
                    put(UInt8(0xC0 | scalar >> 6)); put(UInt8(0x80 | scalar & 0x3F))
                } else if scalar < 0x10000 {
                    put(UInt8(0xE0 | scalar >> 12)); put(UInt8(0x80 | scalar >> 6 & 0x3F))
                    put(UInt8(0x80 | scalar & 0x3F))
                } else {
                    put(UInt8(0xF0 | scalar >> 18)); put(UInt8(0x80 | scalar >> 12 & 0x3F))
                    put(UInt8(0x80 | scalar >> 6 & 0x3F)); put(UInt8(0x80 | scalar & 0x3F))
                }
            default: put(e); i += 2  // \" \\ \/
            }
        }
        return o
    }
}
