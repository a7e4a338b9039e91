/// The strict RFC 8259 scans that need the end of what they read, `n`: a string's escapes and
/// UTF-8 sequences (where `TerminatedScanning`'s string scan hands over), a number inside a
/// string value (error rules), and unescaping. Each reads only below `n` and returns the index
/// just past what it scanned, or -1 when the bytes are not valid JSON (or not UTF-8). The
/// structure of a line is scanned by `TerminatedScanning`.
enum JSONScanning {
    // SAFETY: every read goes through `at`, which returns 0 (never valid JSON at any
    // position) for indices at or past `n`.

    @inline(__always)
    static func at(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt8 { i < n ? p[i] : 0 }

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
