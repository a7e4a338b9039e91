#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// The `--error` rules laid out flat for the hot path (no reference counting per event), and
/// whether one holds for a value of a line. Texts compare as UTF-8 bytes; when both sides are
/// numbers (a JSON number, or a string holding one) they also compare as numbers, so
/// `status=500` matches `500`, `"500"` and `500.0`, and `status>=500` matches `"503"`. An
/// absent value, an object or an array never matches; `true`, `false` and `null` compare as
/// their text.
final class ErrorMatching {
    struct Rule {
        var op: ErrorRule.Operator
        /// The slot the rule reads.
        var slot: Int
        /// Alternatives of `=` and `!=`: `alternatives[firstAlternative..<+alternativeCount]`.
        var firstAlternative: Int
        var alternativeCount: Int
        var anyNumber: Bool
        var bound: Double
    }

    struct Alternative {
        var textStart: Int
        var textLength: Int
        var number: Double
        var isNumber: Bool
    }

    let rules: UnsafeMutableBufferPointer<Rule>
    /// Every rule is `event_type=…` with texts only (the default, and `--error-types`): the
    /// test is then `typeMatches`, a few byte compares.
    let onlyTypeTexts: Bool
    private let alternatives: UnsafeMutableBufferPointer<Alternative>
    private let texts: UnsafeMutableBufferPointer<UInt8>

    init(_ list: [(rule: ErrorRule, slot: Int)]) {
        var ruleList: [Rule] = []
        var alternativeList: [Alternative] = []
        var textBytes: [UInt8] = []
        for (rule, slot) in list {
            ruleList.append(Rule(op: rule.op, slot: slot, firstAlternative: alternativeList.count,
                                 alternativeCount: rule.texts.count, anyNumber: rule.numbers.contains { $0 != nil },
                                 bound: rule.bound))
            for (text, number) in zip(rule.texts, rule.numbers) {
                alternativeList.append(Alternative(textStart: textBytes.count, textLength: text.count,
                                                   number: number ?? 0, isNumber: number != nil))
                textBytes += text
            }
        }
        onlyTypeTexts = ruleList.allSatisfy { $0.op == .equal && $0.slot == EventField.eventType.rawValue && !$0.anyNumber }
        rules = FlatMemory.copy(ruleList)
        alternatives = FlatMemory.copy(alternativeList)
        texts = FlatMemory.copy(textBytes)
    }

    deinit {
        FlatMemory.free(rules)
        FlatMemory.free(alternatives)
        FlatMemory.free(texts)
    }

    @inline(__always)
    func holds(_ k: Int, kind: FieldSlot.Kind, _ value: (UnsafePointer<UInt8>, Int)) -> Bool {
        switch kind {
        case .absent, .container: return false
        case .string, .number, .literal, .null: break
        }
        let rule = rules[k]
        switch rule.op {
        case .equal: return equalsAny(rule, kind: kind, value)
        case .notEqual: return !equalsAny(rule, kind: kind, value)
        case .atLeast, .above, .atMost, .below:
            guard let x = Self.number(kind: kind, value) else { return false }
            switch rule.op {
            case .atLeast: return x >= rule.bound
            case .above: return x > rule.bound
            case .atMost: return x <= rule.bound
            default: return x < rule.bound
            }
        }
    }

    /// Whether the event type's text equals an alternative (`onlyTypeTexts`).
    @inline(__always)
    func typeMatches(_ value: (UnsafePointer<UInt8>, Int)) -> Bool {
        let base = texts.baseAddress!
        for a in 0..<alternatives.count where alternatives[a].textLength == value.1 {
            let text = base + alternatives[a].textStart
            var i = 0
            while i < value.1 && text[i] == value.0[i] { i += 1 }
            if i == value.1 { return true }
        }
        return false
    }

    @inline(__always)
    private func equalsAny(_ rule: Rule, kind: FieldSlot.Kind, _ value: (UnsafePointer<UInt8>, Int)) -> Bool {
        let base = texts.baseAddress!
        for a in rule.firstAlternative..<rule.firstAlternative + rule.alternativeCount {
            let alternative = alternatives[a]
            if alternative.textLength == value.1 && memcmp(base + alternative.textStart, value.0, value.1) == 0 {
                return true
            }
        }
        guard rule.anyNumber, let x = Self.number(kind: kind, value) else { return false }
        for a in rule.firstAlternative..<rule.firstAlternative + rule.alternativeCount
        where alternatives[a].isNumber && alternatives[a].number == x {
            return true
        }
        return false
    }

    /// The value as a number: a JSON number, or a string whose whole text is one (64 bytes
    /// at most).
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
