import EventModel
import Foundation
@testable import Ingest
import Testing

/// Reads `input` from a file through a chunk reader in reads of `block` bytes and replays every
/// chunk, numbering lines on across chunks as the engine does.
func chunked(_ input: [UInt8], maxLine: Int, block: Int) throws -> (sink: CollectingSink, chunks: Int, last: Bool) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString).ndjson").path
    #expect(FileManager.default.createFile(atPath: path, contents: Data(input)))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let source = try InputSource(path: path, follow: false)
    let reader = ChunkReader(maxLineBytes: maxLine, blockSize: block)
    var sink = CollectingSink()
    var number = 0, chunks = 0, last = false
    while !last {
        let (_, chunk) = try reader.read(from: source, timeoutMs: 0)
        guard let chunk else { continue }
        chunks += 1
        number = chunk.replay(into: &sink, maxLineBytes: maxLine, firstNumber: number + 1)
        last = chunk.isLast
        reader.pool.recycle(chunk)
    }
    return (sink, chunks, last)
}

@Suite struct ChunkReaderTests {
    @Test func linesAcrossReadsAndFinalPartialLine() throws {
        let input = Array("a\nbb\n\nccc\ndddd".utf8)
        for block in 1...6 {
            let result = try chunked(input, maxLine: 10, block: block)
            #expect(result.sink.lines.map { String(decoding: $0.text, as: UTF8.self) } == ["a", "bb", "", "ccc", "dddd"],
                    "block \(block)")
            #expect(result.sink.lines.map(\.number) == [1, 2, 3, 4, 5])
            #expect(result.sink.tooLong.isEmpty)
        }
    }

    @Test func tooLongLinesAreSkippedAndNeighboursKept() throws {
        let long = String(repeating: "x", count: 50)
        let input = Array("ok1\n\(long)\nok2\n\(long)\(long)\nok3\n\(long)".utf8)
        for block in [1, 3, 7, 16, 64, 4096] {
            let result = try chunked(input, maxLine: 10, block: block)
            #expect(result.sink.lines.map { String(decoding: $0.text, as: UTF8.self) } == ["ok1", "ok2", "ok3"], "block \(block)")
            #expect(result.sink.lines.map(\.number) == [1, 3, 5], "block \(block)")
            #expect(result.sink.tooLong == [2, 4, 6], "block \(block)")
        }
    }

    @Test func lineExactlyAtTheLimitIsKept() throws {
        let exact = String(repeating: "y", count: 10)
        for block in [1, 4, 5, 64] {
            let result = try chunked(Array("\(exact)\n\(exact)y\n".utf8), maxLine: 10, block: block)
            #expect(result.sink.lines.count == 1)
            #expect(result.sink.lines.first?.text.count == 10)
            #expect(result.sink.tooLong == [2], "block \(block)")
        }
    }

    /// Every line handed out is terminated: its \n, then readable slack (what the decoder's
    /// scans rely on).
    @Test func linesAreTerminated() throws {
        struct TerminationSink: LineSink {
            var ok = true
            mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int) {
                ok = ok && bytes[count] == 0x0A
            }
            mutating func tooLong(number: Int) {}
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("term-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("{\"a\":1}\n{}\nlast".utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try InputSource(path: path, follow: false)
        let reader = ChunkReader(maxLineBytes: 100, blockSize: 3)
        var sink = TerminationSink()
        var last = false
        while !last {
            guard let chunk = try reader.read(from: source, timeoutMs: 0).1 else { continue }
            chunk.replay(into: &sink, maxLineBytes: 100)
            last = chunk.isLast
        }
        #expect(sink.ok)
    }

    @Test func anEmptyInputEndsWithOneEmptyChunk() throws {
        let result = try chunked([], maxLine: 10, block: 8)
        #expect(result.last && result.chunks == 1 && result.sink.lines.isEmpty)
    }
}

/// A decoder's pair table is bounded: past its capacity it starts over between batches, and
/// the batch says so (ids from 0 again, the pairs' names sent anew).
@Suite struct PairTableTests {
    @Test func theTableStartsOverBetweenBatches() throws {
        let pairs = PairInterner.capacity + 1000
        var text: [UInt8] = []
        for i in 0..<pairs { text += Array("{\"ts\":1,\"tenant_id\":\"t\(i)\",\"event_type\":\"e\"}\n".utf8) }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pairs-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let source = try InputSource(path: path, follow: false)
        let reader = ChunkReader(maxLineBytes: 1 << 16, blockSize: 1 << 20)
        var decoder = BatchingDecoder(capacity: 1024, mapping: .standard, carriesSessions: false)
        var known = 0, restarts = 0, events = 0, last = false
        while !last {
            guard let chunk = try reader.read(from: source, timeoutMs: 0).1 else { continue }
            let batch = decoder.decode(chunk, maxLineBytes: 1 << 16)
            if batch.restartsPairs {
                restarts += 1
                known = 0
            }
            #expect(batch.firstNewPair == known, "ids follow on from the batch before")
            #expect(batch.pairs.elements.allSatisfy { Int($0) < known + batch.newPairs.count })
            known += batch.newPairs.count
            events += batch.count
            last = chunk.isLast
        }
        #expect(restarts == 1)
        #expect(events == pairs)
    }

    /// Short names (1–16 bytes, compared as words) and long ones get one id per distinct pair,
    /// the same id each time, whatever bytes the names hold (NUL included) and whatever their
    /// neighbours in memory.
    @Test func idsAreOnePerDistinctPair() {
        var rng = SplitMix64(seed: 9)
        var interner = PairInterner()
        var ids: [String: UInt32] = [:]
        let alphabet: [UInt8] = [0x00, 0x61, 0x62, 0xC3, 0xA9, 0x7A]
        func name() -> [UInt8] { (0..<(1 + Int(rng.next() % 20))).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] } }
        var pool: [([UInt8], [UInt8], Bool)] = (0..<3_000).map { _ in (name(), name(), rng.next() % 2 == 0) }
        pool += pool.prefix(500).map { ($0.0 + [0x00], $0.1, $0.2) }  // a trailing NUL makes another name
        for _ in 0..<40_000 {
            let (t, y, e) = pool[Int(rng.next() % UInt64(pool.count))]
            // Names sit in a buffer with other bytes after them, as in a line.
            let buffer = t + [0x22] + y + [UInt8](repeating: 0x5A, count: 32)
            let (id, isNew) = buffer.withUnsafeBufferPointer { b in
                interner.id(tenant: UnsafeBufferPointer(rebasing: b[0..<t.count]),
                            type: UnsafeBufferPointer(rebasing: b[(t.count + 1)..<(t.count + 1 + y.count)]), isError: e)
            }
            let key = "\(t)|\(y)|\(e)"
            if let known = ids[key] {
                #expect(id == known && !isNew, "\(key)")
            } else {
                #expect(isNew && Int(id) == ids.count, "\(key)")
                ids[key] = id
            }
        }
        #expect(interner.count == ids.count)
        #expect(ids.count > 2_000)
    }
}
