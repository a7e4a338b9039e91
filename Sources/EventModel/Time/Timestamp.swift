/// Instants are nanoseconds since the Unix epoch, UTC, as `Int64`. Accepted input range:
/// [1970-01-01T00:00:00Z, 2262-01-01T00:00:00Z), which every `Int64` operation below holds.
public enum Timestamp {
    public static let nanosPerSecond: Int64 = 1_000_000_000
    /// 2262-01-01T00:00:00Z in seconds: the first instant not accepted.
    public static let endSeconds: Int64 = 9_214_646_400

    /// Remembers the last `YYYY-MM-DDTHH:MM` prefix parsed: consecutive events mostly share
    /// their minute, so only the seconds, fraction and offset are parsed again.
    public struct MinuteCache {
        @usableFromInline var prefix0: UInt64 = 0
        @usableFromInline var prefix1: UInt64 = 0
        @usableFromInline var minuteSeconds: Int64 = -1
        public init() {}
        @usableFromInline init(prefix0: UInt64, prefix1: UInt64, minuteSeconds: Int64) {
            self.prefix0 = prefix0
            self.prefix1 = prefix1
            self.minuteSeconds = minuteSeconds
        }
    }

    /// Parses RFC 3339 `YYYY-MM-DD(T|t| )HH:MM:SS(.F{1,9})?(Z|z|±HH:MM)?` into ns, or nil; no
    /// zone at all means UTC (`2026-11-26 08:00:00`, as SQL databases print).
    public static func parseRFC3339(_ p: UnsafePointer<UInt8>, count n: Int) -> Int64? {
        var cache = MinuteCache()
        return parseRFC3339(p, count: n, cache: &cache)
    }

    /// An instant from text: RFC 3339 (as `parseRFC3339`), or a date `YYYY-MM-DD` (its start, UTC).
    public static func parse(_ text: String) -> Int64? {
        let full = text.utf8.count == 10 ? text + "T00:00:00Z" : text
        return Array(full.utf8).withUnsafeBufferPointer { $0.isEmpty ? nil : parseRFC3339($0.baseAddress!, count: $0.count) }
    }

    @inline(__always)
    static func twoDigits(_ p: UnsafePointer<UInt8>, _ i: Int) -> Int64? {
        let a = p[i] &- 0x30, b = p[i + 1] &- 0x30
        return a < 10 && b < 10 ? Int64(a) * 10 + Int64(b) : nil
    }

    /// `parseRFC3339` with the minute of the last call remembered in `cache`. The common form
    /// (`…THH:MM:SS.mmmZ` in a minute seen last) is read inline, its last 8 bytes in one word.
    @inlinable @inline(__always)
    public static func parseRFC3339(_ p: UnsafePointer<UInt8>, count n: Int, cache: inout MinuteCache) -> Int64? {
        if n == 24 {
            // SAFETY: n == 24: three 8-byte loads cover the text exactly.
            let w0 = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
            let w1 = UnsafeRawPointer(p + 8).loadUnaligned(as: UInt64.self)
            if w0 == cache.prefix0 && w1 == cache.prefix1 && cache.minuteSeconds >= 0 {
                // Bytes 16–23, little-endian: `:` S S `.` m m m `Z`/`z`; the digits' bytes:
                let w2 = UnsafeRawPointer(p + 16).loadUnaligned(as: UInt64.self)
                let digitBytes: UInt64 = 0x00FF_FFFF_00FF_FF00
                let zeros = 0x3030_3030_3030_3030 & digitBytes
                let high = 0xF0F0_F0F0_F0F0_F0F0 & digitBytes
                let digits = w2 & digitBytes
                // Punctuation in place (Z either case), and each digit byte 0x30–0x39.
                if w2 & ~digitBytes & ~(0x20 << 56) == 0x5A00_0000_2E00_003A,
                   digits & high == zeros, (digits &+ (0x0606_0606_0606_0606 & digitBytes)) & high == zeros {
                    let d = digits &- zeros
                    let second = Int64((d >> 8) & 0xFF) &* 10 &+ Int64((d >> 16) & 0xFF)
                    let millis = Int64((d >> 32) & 0xFF) &* 100 &+ Int64((d >> 40) & 0xFF) &* 10 &+ Int64((d >> 48) & 0xFF)
                    let seconds = cache.minuteSeconds &+ second
                    if second <= 59 && seconds < endSeconds {
                        return seconds &* nanosPerSecond &+ millis &* 1_000_000
                    }
                }
            }
        }
        return parseRFC3339Uncached(p, count: n, cache: &cache)
    }

    @usableFromInline
    static func parseRFC3339Uncached(_ p: UnsafePointer<UInt8>, count n: Int, cache: inout MinuteCache) -> Int64? {
        guard n >= 19 else { return nil }
        // SAFETY: n >= 19, so both 8-byte loads stay inside the text.
        let w0 = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
        let w1 = UnsafeRawPointer(p + 8).loadUnaligned(as: UInt64.self)
        let minuteSeconds: Int64
        if w0 == cache.prefix0 && w1 == cache.prefix1 && cache.minuteSeconds >= 0 {
            minuteSeconds = cache.minuteSeconds
        } else {
            guard let parsed = parseMinutePrefix(p) else { return nil }
            cache = MinuteCache(prefix0: w0, prefix1: w1, minuteSeconds: parsed)
            minuteSeconds = parsed
        }
        // The rest: `:SS(.F{1,9})?(Z|z|±HH:MM)`.
        guard p[16] == 0x3A, let second = twoDigits(p, 17), second <= 59 else { return nil }
        if n == 24 && p[19] == 0x2E && p[23] | 0x20 == 0x7A {
            // Milliseconds and Z, the common form, in one step.
            let a = p[20] &- 0x30, b = p[21] &- 0x30, c = p[22] &- 0x30
            guard a < 10 && b < 10 && c < 10 else { return nil }
            let seconds = minuteSeconds + second
            guard seconds >= 0, seconds < endSeconds else { return nil }
            return seconds * nanosPerSecond + (Int64(a) * 100 + Int64(b) * 10 + Int64(c)) * 1_000_000
        }
        var i = 19
        var fraction: Int64 = 0
        if i < n, p[i] == 0x2E {
            i += 1
            var digits = 0
            while i < n, p[i] &- 0x30 < 10 {
                guard digits < 9 else { return nil }
                fraction = fraction * 10 + Int64(p[i] &- 0x30)
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 { fraction *= 10 }
        }
        var offsetSeconds: Int64 = 0
        switch i < n ? p[i] : 0 {
        case 0:
            break  // no zone: UTC
        case 0x5A, 0x7A:
            i += 1
        case 0x2B, 0x2D:
            guard i + 6 == n, let oh = twoDigits(p, i + 1), p[i + 3] == 0x3A, let om = twoDigits(p, i + 4),
                  oh <= 23, om <= 59
            else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (p[i] == 0x2B ? 1 : -1)
            i += 6
        default:
            return nil
        }
        guard i == n else { return nil }
        let seconds = minuteSeconds + second - offsetSeconds
        guard seconds >= 0, seconds < endSeconds else { return nil }
        return seconds * nanosPerSecond + fraction
    }

    /// `YYYY-MM-DD(T|t| )HH:MM` (16 bytes, present) as seconds since the epoch, or nil.
    private static func parseMinutePrefix(_ p: UnsafePointer<UInt8>) -> Int64? {
        guard let y1 = twoDigits(p, 0), let y2 = twoDigits(p, 2), p[4] == 0x2D, let month = twoDigits(p, 5),
              p[7] == 0x2D, let day = twoDigits(p, 8), p[10] == 0x54 || p[10] == 0x74 || p[10] == 0x20,
              let hour = twoDigits(p, 11), p[13] == 0x3A, let minute = twoDigits(p, 14)
        else { return nil }
        let year = y1 * 100 + y2
        guard month >= 1, month <= 12, day >= 1, day <= CivilCalendar.daysIn(month: month, year: year), hour <= 23, minute <= 59
        else { return nil }
        return CivilCalendar.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60
    }

    /// Parses a JSON number (already known to match the JSON grammar) as epoch seconds,
    /// ns = floor(value × 10⁹), or nil when negative or out of range.
    public static func parseEpochNumber(_ p: UnsafePointer<UInt8>, count n: Int) -> Int64? {
        parseEpoch(p, count: n, unit: .fixed(.seconds))?.nanos
    }

    /// Parses an epoch number in `unit` (JSON number grammar, or the same text inside a
    /// string): ns = floor(value × 10^(9, 6, 3 or 0)), and the unit taken (auto: by the
    /// value's magnitude). Nil when the text is not a number, negative, or past 2262.
    public static func parseEpoch(_ p: UnsafePointer<UInt8>, count n: Int, unit choice: EpochUnitChoice)
        -> (nanos: Int64, unit: EpochUnit)?
    {
        var i = 0
        var negative = false
        if i < n, p[i] == 0x2D { negative = true; i += 1 }
        // Significant digits: integer digits at intStart..<intEnd, fraction digits at
        // fracStart..<fracEnd; digit k of the whole sequence is read through `digitAt`.
        let intStart = i
        while i < n, p[i] &- 0x30 < 10 { i += 1 }
        let intEnd = i
        var fracStart = i, fracEnd = i
        if i < n, p[i] == 0x2E {
            i += 1
            fracStart = i
            while i < n, p[i] &- 0x30 < 10 { i += 1 }
            fracEnd = i
            guard fracEnd > fracStart else { return nil }
        }
        guard intEnd > intStart else { return nil }
        var exponent = 0
        if i < n, p[i] == 0x65 || p[i] == 0x45 {
            i += 1
            var expNegative = false
            if i < n, p[i] == 0x2B || p[i] == 0x2D { expNegative = p[i] == 0x2D; i += 1 }
            let expStart = i
            while i < n, p[i] &- 0x30 < 10 {
                // Saturate: anything past ±100000 is far out of range either way.
                if exponent < 100_000 { exponent = exponent * 10 + Int(p[i] &- 0x30) }
                i += 1
            }
            guard i > expStart else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        let intCount = intEnd - intStart
        let total = intCount + (fracEnd - fracStart)
        @inline(__always) func digitAt(_ k: Int) -> Int64 {
            guard k < total else { return 0 }
            return Int64(k < intCount ? p[intStart + k] &- 0x30 : p[fracStart + k - intCount] &- 0x30)
        }
        // Skip leading zeros so the magnitude test below is exact.
        var first = 0
        while first < total, digitAt(first) == 0 { first += 1 }
        let zeroUnit: EpochUnit = if case .fixed(let unit) = choice { unit } else { .seconds }
        if first == total { return (0, zeroUnit) }  // the value is zero (also -0)
        if negative { return nil }
        // value = 0.d[first]d[first+1]… × 10^magnitude
        let magnitude = intCount - first + exponent
        let unit: EpochUnit = if case .fixed(let unit) = choice { unit } else { .auto(magnitude: magnitude) }
        // ns = floor(value × 10^e): the digits that fall at or above 10^-e.
        let keep = magnitude + unit.nanosExponent
        guard keep <= 19 else { return nil }  // ≥ 10^19 ns: past 2262
        if keep <= 0 { return (0, unit) }
        var ns: Int64 = 0
        for k in 0..<keep {
            // Up to 19 digits: past Int64 means past 2262 anyway.
            let (times10, o1) = ns.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(digitAt(first + k))
            if o1 || o2 { return nil }
            ns = next
        }
        guard ns < endSeconds * nanosPerSecond else { return nil }
        return (ns, unit)
    }

    // MARK: formatting

    /// `2026-11-26T15:30:00Z` for a whole second.
    public static func formatSeconds(_ seconds: Int64) -> String {
        formatNanos(seconds * nanosPerSecond)
    }

    /// RFC 3339 UTC with `Z`; no fraction when whole, else 3, 6 or 9 digits, the fewest exact.
    public static func formatNanos(_ ns: Int64) -> String {
        var out = [UInt8]()
        out.reserveCapacity(30)
        appendNanos(ns, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func appendNanos(_ ns: Int64, to out: inout [UInt8]) {
        let seconds = ns >= 0 ? ns / nanosPerSecond : (ns - nanosPerSecond + 1) / nanosPerSecond
        let fraction = ns - seconds * nanosPerSecond
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secOfDay = seconds - days * 86_400
        let (y, m, d) = CivilCalendar.date(days: days)
        func put(_ v: Int64, _ width: Int) {
            var buf = [UInt8](repeating: 0x30, count: width)
            var x = v
            var k = width - 1
            while k >= 0 { buf[k] = UInt8(0x30 + x % 10); x /= 10; k -= 1 }
            out.append(contentsOf: buf)
        }
        put(y, 4); out.append(0x2D); put(m, 2); out.append(0x2D); put(d, 2); out.append(0x54)
        put(secOfDay / 3600, 2); out.append(0x3A); put(secOfDay / 60 % 60, 2); out.append(0x3A)
        put(secOfDay % 60, 2)
        if fraction != 0 {
            out.append(0x2E)
            if fraction % 1_000_000 == 0 {
                put(fraction / 1_000_000, 3)
            } else if fraction % 1000 == 0 {
                put(fraction / 1000, 6)
            } else {
                put(fraction, 9)
            }
        }
        out.append(0x5A)
    }
}
