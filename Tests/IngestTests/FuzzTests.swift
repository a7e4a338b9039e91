import EventModel
@testable import Ingest
import TestSupport
import Testing

/// Random and mutated lines never crash the decoder, and good lines among bad ones are
/// all counted.
@Suite struct FuzzTests {
    static let seeds: [String] = [
        #"{"tenant_id":"acme","event_type":"click","ts":"2026-11-26T15:30:00.123Z","session_id":"s1"}"#,
        #"{"x":{"a":[1,2.5e-3,{"b":null}],"c":"\ud83d\ude00\n"},"event_ts":1795707000,"event_type":"v","tenant_id":"t\u00e9"}"#,
        #"{"ts":1795707000.5,"tenant_id":"日本","event_type":"e","y":[true,false,null,[],{}],"z":-0.0E+1}"#,
        #"{"timestamp":"2026-11-26 16:30:00+01:00","tenant_id":"a\"b","event_type":"c,d","session_id":null}"#,
    ]

    static let alphabet = Array(#"{}[]:,"\ u0123456789abcdef-+.eE tsnrlfTZ:"#.utf8) + [0x00, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xF0, 0xFF]

    func outcome(_ bytes: [UInt8]) -> String {
        let r = decodeBytes(bytes)
        if r.blank { return "blank" }
        if let reason = r.reason { return reason.name }
        return "event"
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let length = rng.below(120)
            let bytes = (0..<length).map { _ in
                rng.below(3) == 0 ? UInt8(truncatingIfNeeded: rng.next()) : Self.alphabet[rng.below(Self.alphabet.count)]
            }
            _ = outcome(bytes)
        }
    }

    @Test func mutatedLinesNeverCrashAndStayConsistent() {
        var rng = SplitMix64(seed: 11)
        var outcomes: [String: Int] = [:]
        for _ in 0..<40_000 {
            var bytes = Array(Self.seeds[rng.below(Self.seeds.count)].utf8)
            for _ in 0..<(1 + rng.below(3)) {
                guard !bytes.isEmpty else { break }
                let i = rng.below(bytes.count)
                switch rng.below(5) {
                case 0: bytes[i] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes[i] ^= UInt8(1 << rng.below(8))
                case 2: bytes.removeSubrange(i...)
                case 3: bytes.insert(Self.alphabet[rng.below(Self.alphabet.count)], at: i)
                default: bytes.remove(at: i)
                }
            }
            let first = outcome(bytes)
            outcomes[first, default: 0] += 1
            // Decoding is a function of the bytes: the same line gives the same outcome.
            #expect(outcome(bytes) == first)
            // An event's line must be valid UTF-8.
            if first == "event" {
                #expect(bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0.baseAddress!, count: $0.count) })
            }
        }
        // The mutations reach every kind of outcome.
        for name in ["event", "invalid_json", "invalid_utf8", "missing_field", "bad_timestamp"] {
            #expect(outcomes[name, default: 0] > 0, "\(name) never produced: \(outcomes)")
        }
    }
}
