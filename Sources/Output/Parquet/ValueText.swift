import EventModel
import Parquet

/// Text of single values.
public enum ValueText {
    public static func integer(_ v: Int64, kind: ValueKind, width: Int) -> String {
        switch kind {
        case .unsigned:
            return width == 32 ? String(UInt32(truncatingIfNeeded: v)) : String(UInt64(bitPattern: v))
        case .date:
            return date(days: v)
        case .time(let digits, _):
            return time(v, digits: digits)
        case .timestamp(let digits, let utc):
            return timestamp(v, digits: digits, utc: utc)
        case .decimal(let scale):
            return decimal(magnitudeDigits: String(v.magnitude), negative: v < 0, scale: scale)
        default:
            return String(v)
        }
    }

    /// Shortest text that reads back as the same value; `NaN`, `inf`, `-inf` for the others.
    public static func float(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        return v.description
    }

    public static func float(_ v: Float) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        return v.description
    }

    // MARK: dates and times

    /// Days since 1970-01-01 as `YYYY-MM-DD` (proleptic Gregorian; years beyond 9999 or
    /// before 0 keep their sign and digits).
    public static func date(days: Int64) -> String {
        let (y, m, d) = CivilCalendar.date(days: days)
        let year = y < 0 ? "-" + pad(-y, 4) : pad(y, 4)
        return "\(year)-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// A time of day in units of 10^-digits seconds: `HH:MM:SS.fff`.
    public static func time(_ v: Int64, digits: Int) -> String {
        let scale = pow10(digits)
        let whole = floorDiv(v, scale), fraction = positiveRemainder(v, scale)
        let sign = whole < 0 ? "-" : ""
        let s = whole.magnitude
        return "\(sign)\(pad(Int64(s / 3600), 2)):\(pad(Int64(s / 60 % 60), 2)):\(pad(Int64(s % 60), 2))."
            + pad(fraction, digits)
    }

    /// An instant in units of 10^-digits seconds since the epoch: RFC 3339 at that precision.
    public static func timestamp(_ v: Int64, digits: Int, utc: Bool) -> String {
        let scale = pow10(digits)
        // No multiplication back: near Int64.min it would overflow.
        let seconds = floorDiv(v, scale), fraction = positiveRemainder(v, scale)
        let days = floorDiv(seconds, 86_400), secondOfDay = seconds - days * 86_400
        return date(days: days) + "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":"
            + pad(secondOfDay % 60, 2) + "." + pad(fraction, digits) + (utc ? "Z" : "")
    }

    /// A legacy INT96 timestamp (Julian day, nanoseconds of the day) as local RFC 3339 with
    /// 9 digits, without overflow whatever the day.
    public static func int96Timestamp(_ v: ParquetInt96) -> String {
        let days = Int64(v.high) - 2_440_588
        let nanos = v.low
        let dayNanos: UInt64 = 86_400_000_000_000
        let extraDays = Int64(nanos / dayNanos), inDay = Int64(nanos % dayNanos)
        let second = inDay / 1_000_000_000, fraction = inDay % 1_000_000_000
        return date(days: days + extraDays) + "T" + pad(second / 3600, 2) + ":" + pad(second / 60 % 60, 2) + ":"
            + pad(second % 60, 2) + "." + pad(fraction, 9)
    }

    // MARK: decimals

    /// An unscaled big-endian two's complement integer with `scale` digits after the point.
    public static func decimal(bigEndian bytes: ArraySlice<UInt8>, scale: Int) -> String {
        guard let first = bytes.first else { return "0" }
        let negative = first & 0x80 != 0
        var magnitude = Array(bytes)
        if negative {
            // Two's complement negation: invert, then add one.
            for i in magnitude.indices { magnitude[i] = ~magnitude[i] }
            var i = magnitude.count - 1
            while i >= 0 {
                magnitude[i] &+= 1
                if magnitude[i] != 0 { break }
                i -= 1
            }
        }
        // Base-256 to base-10 by repeated division.
        var digits: [UInt8] = []
        var number = magnitude.drop { $0 == 0 }.map { $0 }
        while !number.isEmpty {
            var remainder = 0
            var quotient: [UInt8] = []
            quotient.reserveCapacity(number.count)
            for byte in number {
                let value = remainder * 256 + Int(byte)
                let q = value / 10
                remainder = value % 10
                if !(quotient.isEmpty && q == 0) { quotient.append(UInt8(q)) }
            }
            digits.append(UInt8(remainder))
            number = quotient
        }
        let text = digits.isEmpty ? "0" : String(decoding: digits.reversed().map { $0 + 0x30 }, as: UTF8.self)
        return decimal(magnitudeDigits: text, negative: negative && text != "0", scale: scale)
    }

    static func decimal(magnitudeDigits: String, negative: Bool, scale: Int) -> String {
        var digits = magnitudeDigits
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        } else if scale < 0, digits != "0" {
            digits += String(repeating: "0", count: -scale)
        }
        return (negative ? "-" : "") + digits
    }

    // MARK: binary

    public static func uuid(_ bytes: ArraySlice<UInt8>) -> String {
        let hex = bytes.map { b -> String in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(b >> 4)], digits[Int(b & 0xF)]])
        }
        guard hex.count == 16 else { return base64(bytes) }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }

    public static func base64(_ bytes: ArraySlice<UInt8>) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.endIndex ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.endIndex ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            out.append(table[Int(n >> 18 & 63)])
            out.append(table[Int(n >> 12 & 63)])
            out.append(i + 1 < bytes.endIndex ? table[Int(n >> 6 & 63)] : 0x3D)
            out.append(i + 2 < bytes.endIndex ? table[Int(n & 63)] : 0x3D)
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: helpers

    static func pow10(_ digits: Int) -> Int64 {
        var p: Int64 = 1
        for _ in 0..<digits { p *= 10 }
        return p
    }

    /// `a mod b` in 0..<b (b > 0).
    static func positiveRemainder(_ a: Int64, _ b: Int64) -> Int64 {
        let r = a % b
        return r < 0 ? r + b : r
    }

    static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
