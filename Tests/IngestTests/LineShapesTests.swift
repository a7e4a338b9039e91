import Foundation
import EventModel
@testable import Ingest
import TestSupport
import Testing

/// A decoder that has learned a line's layout (`LineShapes`) must decode every line exactly as a
/// decoder that has not: the same event, the same reject reason. The reference is a fresh
/// decoder, whose first line never takes the learned path.
@Suite struct LineShapesTests {
    /// Layouts a stream may have: eventtop's generator's (with its second, longer variant),
    /// numeric and nested fields, escapes, whitespace, literals, non-ASCII, a duplicate key, glue
    /// of 17 to 24 bytes and longer.
    static let bases: [String] = [
        #"{"ts":"2026-11-01T06:46:36.188Z","tenant_id":"acme","event_type":"click","session_id":"d9540b54d77abec7","user_id":"u512371","props":{"path":"/cart/1994","ms":746,"tags":["app"]}}"#,
        #"{"ts":"2026-11-01T06:46:37.001Z","tenant_id":"wonka","event_type":"view","session_id":"ff03bf14fc5637dd","user_id":"u8","props":{"path":"/","ms":5,"tags":["app","beta"],"ref":null}}"#,
        #"{"tenant_id":"t-1","event_type":"error","ts":1795707000.25,"n":-12.5e+3,"ok":true,"x":false}"#,
        #"  { "ts" : "2026-11-26T15:30:00Z" , "tenant_id" : "a\"b\u00e9" ,"event_type":"c,d", "session_id": null }  "#,
        #"{"timestamp":"2026-11-26 16:30:00+01:00","tenant_id":"日本","event_type":"e","y":[true,false,null,[],{}],"z":-0.0E+1}"#,
        #"{"event_ts":1795707000,"tenant_id":"a","tenant_id":"b","event_type":"v","deep":{"a":[[{"b":"x"}]]},"s":""}"#,
        #"{"ts":{"nested":1},"tenant_id":"a","event_type":"e"}"#,
        #"{"ts":"2026-11-01T06:46:36.188Z","tenant_id":"acme","event_type":"click","an_unusually_long_key_to_test_glue":[null,true,{"nested_key_that_is_long_too":1}],"x":"y"}"#,
    ]

    /// Mappings whose paths go through objects and arrays, and lines for them: paths learned
    /// into layouts, a path container met twice and a value filling two slots (never learned).
    static let mapped: [(EventMapping, [String])] = [
        (try! EventMapping(fields: ["tenant_id=context.groupId", "event_type=names[1]", "ts=timestamp",
                                    "session_id=context.session.id"],
                           errors: ["properties.status>=500"], errorTypes: nil, tsUnit: "auto"),
         [#"{"timestamp":"2026-11-01T06:46:36.188Z","context":{"groupId":"acme","session":{"id":"s1"},"ip":"1.2.3.4"},"names":["x","click","y"],"properties":{"status":503,"path":"/a"}}"#,
          #"{"names":[0,"view"],"context":{"session":{"id":"s2","n":[1,2]},"groupId":"wonka"},"timestamp":1795707000,"properties":{"status":200}}"#,
          #"{"context":{"groupId":"a"},"names":["","e"],"timestamp":1795707000,"context":{"x":1}}"#,
          #"{"context":{"groupId":"a","groupId":"b"},"names":["","e"],"timestamp":"2026-11-01T06:46:36Z"}"#]),
        (try! EventMapping(fields: ["tenant_id=a.b", "event_type=c[0]", "ts=t", #"session_id=s\.x[1].y"#],
                           errors: ["e>=5", "event_type=error|x", "a.b!=z", "t<1e3", "d[2]=null|true"], errorTypes: nil,
                           tsUnit: "auto"),
         [#"{"a":{"b":"t1"},"c":["e",1],"t":1795707000,"s.x":[0,{"y":"s"}],"e":7,"d":[1,2,null]}"#,
          #"{"c":["error"],"a":{"b":"z"},"t":"2026-11-01T06:46:36.188Z","d":[0,0,true]}"#]),
    ]

    /// Bytes a mutation puts in: structure, string and number bytes, whitespace, controls and
    /// broken UTF-8.
    static let alphabet = Array(#"{}[]:,"\ 0-.eE+tfnu9aZ"#.utf8) + [0x09, 0x0D, 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xFF]

    static func text(_ r: (event: DecodedEvent?, isError: Bool, reason: RejectReason?, blank: Bool)) -> String {
        if r.blank { return "blank" }
        if let reason = r.reason { return reason.name }
        guard let e = r.event else { return "none" }
        return "\(e.tenant)|\(e.type)|\(e.session)|\(e.ts)|\(r.isError)"
    }

    @Test func aLearnedLayoutIsTakenAndDecodesAsTheScanDoes() {
        var decoder = EventLineDecoder()
        for (k, base) in Self.bases.enumerated() {
            let bytes = Array(base.utf8)
            let fresh = Self.text(decodeMapped(bytes, .standard))
            #expect(!fresh.hasPrefix("invalid"), "base \(k) is valid JSON: \(fresh)")
            // First the scan (and learning), then the learned path, twice.
            for _ in 0..<3 { #expect(Self.text(decodeWith(&decoder, bytes)) == fresh, "base \(k)") }
        }
        let (steps, credit) = decoder.shapeStatistics
        #expect(steps > Self.bases.count)
        // Each layout was learned once (its first line missed, but for the very first), and its
        // next two lines were hits.
        let n = Self.bases.count
        #expect(credit == LineShapes.startCredit - n * LineShapes.learnCost - (n - 1) + 2 * n)
    }

    /// A mapping's layouts are learned and taken; a line whose path container repeats, or with a
    /// path read twice (a field and a rule), is not learned: the path scanner decodes it.
    @Test func mappedLayoutsAreLearnedUnlessAValueMustBeEmptiedOrFillsTwoSlots() {
        for (m, (mapping, bases)) in Self.mapped.enumerated() {
            for (k, base) in bases.enumerated() {
                var decoder = EventLineDecoder(mapping: mapping)
                let bytes = Array(base.utf8)
                let fresh = Self.text(decodeMapped(bytes, mapping))
                for _ in 0..<3 { #expect(Self.text(decodeWith(&decoder, bytes)) == fresh) }
                let learned = decoder.shapeStatistics.steps > 1
                // Mapping 0's base 2 repeats a path container (not learned); its base 3 repeats a
                // leaf (learned: the second value replaces the first); mapping 1 reads a.b twice.
                #expect(learned == (m == 0 && k != 2), "mapping \(m), base \(k)")
            }
        }
    }

    /// A mapping with more slots than a step can name (300 rule paths): lines reading the later
    /// slots are left to the path scanner, and decode as a fresh decoder decodes them.
    @Test func slotsPastAByteAreNotLearned() throws {
        let mapping = try EventMapping(fields: [], errors: (0..<300).map { "p\($0)=x" }, errorTypes: nil, tsUnit: "auto")
        var decoder = EventLineDecoder(mapping: mapping)
        for k in [0, 200, 249, 250, 299] {
            let bytes = Array(#"{"ts":1795707000,"tenant_id":"a","event_type":"e","p\#(k)":"x"}"#.utf8)
            let fresh = Self.text(decodeMapped(bytes, mapping))
            #expect(fresh.hasSuffix("|true"), "rule p\(k) matches")
            for _ in 0..<3 { #expect(Self.text(decodeWith(&decoder, bytes)) == fresh, "p\(k)") }
        }
    }

    /// Every one-byte change, deletion and insertion of every base line, decoded after the base
    /// line was learned, gives what a fresh decoder gives.
    @Test func everyNearbyLineDecodesAsAFreshDecoderDoes() {
        var checked = 0
        var learnedHits = 0
        for (mapping, bases) in [(EventMapping.standard, Self.bases)] + Self.mapped {
        for base in bases {
            let bytes = Array(base.utf8)
            var mutants: [[UInt8]] = []
            for i in 0..<bytes.count {
                for b in Self.alphabet where b != bytes[i] {
                    var m = bytes
                    m[i] = b
                    mutants.append(m)
                }
                var deleted = bytes
                deleted.remove(at: i)
                mutants.append(deleted)
                for b in Self.alphabet.prefix(8) {
                    var inserted = bytes
                    inserted.insert(b, at: i)
                    mutants.append(inserted)
                }
            }
            mutants.append(bytes + [0x20])
            mutants.append(bytes + [0x7D])
            mutants.append(Array(bytes.dropLast()))
            for m in mutants {
                var decoder = EventLineDecoder(mapping: mapping)
                _ = decodeWith(&decoder, bytes)
                let before = decoder.shapeStatistics.credit
                let learned = Self.text(decodeWith(&decoder, m))
                if decoder.shapeStatistics.credit > before { learnedHits += 1 }
                let fresh = Self.text(decodeMapped(m, mapping))
                #expect(learned == fresh, "\(String(decoding: m, as: UTF8.self))")
                checked += 1
            }
        }
        }
        #expect(checked > 30_000)
        // Many mutants keep the layout (a changed letter inside a value): those took the
        // learned path.
        #expect(learnedHits > 1_000)
    }

    /// Lines of a stream whose layouts keep changing still decode exactly, and learning stops
    /// (bounded cost) rather than filling and clearing the trie on every line.
    @Test func changingLayoutsStayExactAndStopBeingLearned() {
        var decoder = EventLineDecoder()
        var rng = SplitMix64(seed: 5)
        for k in 0..<5_000 {
            let keys = (0..<(1 + Int(rng.next() % 4))).map { _ in "k\(rng.next() % 1000)" }
            let extra = keys.map { #""\#($0)":\#(rng.next() % 2 == 0 ? "1" : #""v""#)"# }.joined(separator: ",")
            let line = #"{"ts":"2026-11-01T00:00:0\#(k % 10)Z","tenant_id":"t","event_type":"e",\#(extra)}"#
            let bytes = Array(line.utf8)
            #expect(Self.text(decodeWith(&decoder, bytes)) == Self.text(decodeMapped(bytes, .standard)))
        }
        #expect(decoder.shapeStatistics.credit < LineShapes.learnCost)
    }
}

/// In a chunk, a line of a learned layout is decoded before its end is known (no search for
/// the `\n`): the batches must hold what decoding each line alone gives, line by line, whatever
/// the chunk boundaries, with blank, broken, near-miss and over-long lines among them.
@Suite struct UnmeasuredLineTests {
    @Test func batchesEqualLineByLineDecoding() throws {
        try check(.standard, common: Array(LineShapesTests.bases.prefix(2)), others: Array(LineShapesTests.bases.dropFirst(2)),
                  pad: #""user_id":"u"#)
    }

    /// The same for a mapping whose paths go through objects and arrays (its layouts are learned
    /// too, and taken before the end of a line is found).
    @Test func mappedBatchesEqualLineByLineDecoding() throws {
        let (mapping, bases) = LineShapesTests.mapped[0]
        try check(mapping, common: Array(bases.prefix(2)), others: Array(bases.dropFirst(2)), pad: #""groupId":""#)
    }

    /// Lines mostly of the `common` layouts (`pad` is where one is lengthened to or past the
    /// limit), some of `others`, changed bytes, blank lines and CRs, through a chunk reader and a
    /// batching decoder, against each line decoded alone.
    func check(_ mapping: EventMapping, common: [String], others: [String], pad: String) throws {
        let maxLine = 300
        var rng = SplitMix64(seed: 3)
        var lines: [[UInt8]] = []
        for k in 0..<4_000 {
            var line = Array(common[Int(rng.next() % UInt64(common.count))].utf8)
            switch rng.next() % 10 {
            case 0:  // a changed byte
                let i = Int(rng.next() % UInt64(line.count))
                line[i] = LineShapesTests.alphabet[Int(rng.next() % UInt64(LineShapesTests.alphabet.count))]
            case 1:  // the layout, over the limit or just at it
                let extra = k % 2 == 0 ? maxLine : maxLine - line.count
                line = Array(String(decoding: line, as: UTF8.self).replacingOccurrences(
                    of: pad, with: pad + String(repeating: "9", count: max(0, extra))).utf8)
            case 2: line = k % 3 == 0 ? [] : k % 3 == 1 ? Array("  \t".utf8) : line + [0x0D]
            case 3: line = Array(others[Int(rng.next() % UInt64(others.count))].utf8)
            default: break
            }
            lines.append(line)
        }
        var expected: [String] = []
        var tooLong = 0
        for line in lines {
            if line.count > maxLine {
                tooLong += 1
                continue
            }
            let r = decodeMapped(line, mapping)
            if let e = r.event { expected.append("\(e.tenant)|\(e.type)|\(e.ts)|\(r.isError)") }
        }
        var rejects = RejectCounts()
        for line in lines where line.count <= maxLine {
            if let reason = decodeMapped(line, mapping).reason { rejects[reason] += 1 }
        }
        var input: [UInt8] = []
        for line in lines { input += line + [0x0A] }
        for block in [97, 4_096, 1 << 20] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("shapes-\(UUID().uuidString)").path
            #expect(FileManager.default.createFile(atPath: path, contents: Data(input)))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let source = try InputSource(path: path, follow: false)
            let reader = ChunkReader(maxLineBytes: maxLine, blockSize: block)
            var decoder = BatchingDecoder(capacity: 1024, mapping: mapping, carriesSessions: false)
            var names = PairNames()
            var got: [String] = []
            var gotRejects = RejectCounts()
            var lineCount = 0
            var last = false
            while !last {
                guard let chunk = try reader.read(from: source, timeoutMs: 0).1 else { continue }
                let batch = decoder.decode(chunk, maxLineBytes: maxLine)
                #expect(!batch.restartsPairs)
                names.append(contentsOf: batch.newPairs)
                names.withArena { base in
                    for (ts, id) in zip(batch.ts.elements, batch.pairs.elements) {
                        let (t, y, isError) = names.names(Int(id), base: base)
                        got.append("\(String(decoding: t, as: UTF8.self))|\(String(decoding: y, as: UTF8.self))|\(ts)|\(isError)")
                    }
                }
                gotRejects.add(batch.rejected)
                lineCount += batch.lineCount
                last = chunk.isLast
                reader.pool.recycle(chunk)
            }
            #expect(got == expected, "block \(block)")
            var all = rejects
            all[.tooLong] += tooLong
            #expect(gotRejects == all, "block \(block)")
            #expect(lineCount == lines.count, "block \(block)")
        }
        #expect(tooLong > 100)
    }
}
