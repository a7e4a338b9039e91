import Testing
@testable import Streaming

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

    @Test func everyGoodLineAmongBadOnesIsCounted() {
        var rng = SplitMix64(seed: 3)
        var text: [UInt8] = []
        var good = 0, bad = 0
        let goodLine = { (i: Int) in Array("{\"ts\":\(1_795_707_000 + i),\"tenant_id\":\"t\(i % 7)\",\"event_type\":\"e\"}".utf8) }
        for i in 0..<50_000 {
            switch rng.below(6) {
            case 0:  // truncated good line
                let line = goodLine(i)
                text += line[0..<(1 + rng.below(line.count - 2))]
                bad += 1
            case 1:  // invalid UTF-8 inside
                var line = goodLine(i)
                line.insert(0xFF, at: 20)
                text += line
                bad += 1
            case 2:  // trailing garbage
                text += goodLine(i) + Array(" x".utf8)
                bad += 1
            case 3:  // a line over the limit
                text += [UInt8](repeating: 0x20, count: 300) + goodLine(i)
                bad += 1
            default:
                text += goodLine(i)
                good += 1
            }
            text.append(0x0A)
        }
        for block in [64, 1000, 65_536] {
            let splitter = LineSplitter(maxLineBytes: 256, blockSize: block)
            var pipeline = IngestPipeline(config: ProcessorConfig())
            var offset = 0
            while offset < text.count {
                let space = splitter.readSpace()
                let n = min(space.count, text.count - offset, block)
                text[offset..<offset + n].withUnsafeBytes { space.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[...])) }
                splitter.didRead(n, into: &pipeline)
                offset += n
            }
            splitter.finish(into: &pipeline)
            #expect(pipeline.processor.accepted == good, "block \(block)")
            #expect(pipeline.rejected.total == bad, "block \(block)")
            #expect(splitter.linesSeen == 50_000)
        }
    }
}
