#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether an `--error` rule holds for one value of a line. Texts compare as UTF-8 bytes;
/// when both sides are numbers (a JSON number, or a string holding one) they also compare as
/// numbers, so `status=500` matches `500`, `"500"` and `500.0`, and `status>=500` matches
/// `"503"`. An absent value, an object or an array never matches; `true`, `false` and `null`
/// compare as their text.
enum ErrorMatching {
    static func holds(_ rule: ErrorRule, kind: FieldSlot.Kind, _ value: (UnsafePointer<UInt8>, Int)) -> Bool {
        switch kind {
        case .absent, .container: return false
        case .string, .number, .literal, .null: break
        }
        switch rule.op {
        case .equal: return equalsAny(rule, kind: kind, value)
        case .notEqual: return !equalsAny(rule, kind: kind, value)
        case .atLeast, .above, .atMost, .below:
            guard let x = number(kind: kind, value) else { return false }
            switch rule.op {
            case .atLeast: return x >= rule.bound
            case .above: return x > rule.bound
            case .atMost: return x <= rule.bound
            default: return x < rule.bound
            }
        }
    }

    @inline(__always)
    private static func equalsAny(_ rule: ErrorRule, kind: FieldSlot.Kind, _ value: (UnsafePointer<UInt8>, Int)) -> Bool {
        for text in rule.texts where text.count == value.1 {
            if text.withUnsafeBufferPointer({ memcmp($0.baseAddress!, value.0, value.1) == 0 }) { return true }
        }
        guard rule.numbers.contains(where: { $0 != nil }), let x = number(kind: kind, value) else { return false }
        return rule.numbers.contains { $0 == x }
    }

    /// The value as a number: a JSON number, or a string whose whole text is one.
    static func number(kind: FieldSlot.Kind, _ value: (UnsafePointer<UInt8>, Int)) -> Double? {
        guard kind == .number || kind == .string, value.1 > 0, value.1 <= 64 else { return nil }
        if kind == .string, JSONScanning.scanNumber(value.0, 0, value.1) != value.1 { return nil }
        // Short integers exactly; anything else through strtod on a terminated copy.
        if value.1 <= 15 {
            var i = 0, negative = false, x: Int64 = 0
            if value.0[0] == 0x2D { negative = true; i = 1 }
            var plain = i < value.1
            while i < value.1 {
                let d = value.0[i] &- 0x30
                guard d < 10 else { plain = false; break }
                x = x * 10 + Int64(d)
                i += 1
            }
            if plain { return Double(negative ? -x : x) }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: value.1 + 1) { buffer in
            let base = buffer.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: value.0, byteCount: value.1)
            base[value.1] = 0
            let x = strtod(base, nil)
            return x.isFinite ? x : nil
        }
    }
}
