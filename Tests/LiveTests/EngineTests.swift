@testable import Demo
import EventModel
import Foundation
import Ingest
@testable import Live
import TestSupport
import Testing
import Windows

@Suite struct EngineTests {
    /// Generated events with some bad lines mixed in, written to a temporary file.
    func makeInput(events: Int) throws -> (URL, [UInt8]) {
        var settings = EventGenerator.Settings(start: 1_795_600_000 * 1_000_000_000)
        settings.events = events
        settings.tenants = 30
        var generator = EventGenerator(settings)
        var bytes: [UInt8] = []
        var n = 0
        try generator.run(chunkBytes: 1 << 16) { chunk in
            for line in chunk.split(separator: 0x0A, omittingEmptySubsequences: false) where !line.isEmpty {
                bytes += line
                bytes.append(0x0A)
                n += 1
                if n % 997 == 0 { bytes += Array("{\"tenant_id\":\"x\"}\nnot json\n".utf8) }
            }
            return true
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eventtop-engine-\(UUID()).ndjson")
        try Data(bytes).write(to: url)
        return (url, bytes)
    }

    /// The single-threaded path: splitter → pipeline, all in one go.
    func direct(_ bytes: [UInt8], config: ProcessorConfig) -> MetricsSnapshot {
        let splitter = LineSplitter(maxLineBytes: 1 << 20, blockSize: 1 << 16)
        var pipeline = LivePipeline(config: config)
        var offset = 0
        while offset < bytes.count {
            let space = splitter.readSpace()
            let n = min(space.count, bytes.count - offset)
            bytes[offset..<offset + n].withUnsafeBytes { space.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[...])) }
            splitter.didRead(n, into: &pipeline)
            offset += n
        }
        splitter.finish(into: &pipeline)
        return pipeline.snapshot(hopping: HoppingSpec(size: 60, hop: 10))
    }

    @Test func threadedEngineEqualsTheDirectPathAndSnapshotsStayConsistent() throws {
        let (url, bytes) = try makeInput(events: 300_000)
        defer { try? FileManager.default.removeItem(at: url) }
        let config = ProcessorConfig()
        let expected = direct(bytes, config: config)

        let engine = LiveEngine(config: config, maxLineBytes: 1 << 20)
        engine.start(try InputSource(path: url.path, follow: false), hopping: HoppingSpec(size: 60, hop: 10))
        var previousAccepted = 0
        var snapshots = 0
        while !engine.isFinished {
            guard let snapshot = engine.freshSnapshot(timeoutMs: 200) else { continue }
            snapshots += 1
            // Counts only grow, and a longer window always holds at least what a shorter one does.
            #expect(snapshot.stats.accepted >= previousAccepted)
            previousAccepted = snapshot.stats.accepted
            for key in snapshot.keys {
                #expect(zip(key.counts, key.counts.dropFirst()).allSatisfy { $0 <= $1 })
            }
        }
        let final = try #require(engine.latest)
        #expect(engine.failure == nil)
        #expect(final.stats.accepted == expected.stats.accepted)
        #expect(final.stats.rejected == expected.stats.rejected)
        #expect(final.stats.rejected[.missingField] > 0 && final.stats.rejected[.invalidJSON] > 0)
        #expect(final.stats.lines == expected.stats.lines)
        #expect(final.stats.bytes == Int64(bytes.count))
        for window in config.presets {
            #expect(final.rollingRows(window: window) == expected.rollingRows(window: window))
        }
        #expect(final.hoppingRows() == expected.hoppingRows())
        #expect(!final.hoppingRows().isEmpty)
        #expect(snapshots >= 1)
    }

    @Test func stopEndsAnEndlessInputWithALastSnapshot() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[1]) }
        let saved = dup(0)
        dup2(fds[0], 0)
        close(fds[0])
        defer { dup2(saved, 0); close(saved) }
        let line = Array("{\"ts\":1795707000,\"tenant_id\":\"a\",\"event_type\":\"e\"}\n".utf8)
        _ = line.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }

        var config = ProcessorConfig()
        config.setClock(.auto, finiteInput: false)
        let engine = LiveEngine(config: config, maxLineBytes: 1 << 20)
        engine.start(try InputSource(path: "-", follow: false), hopping: nil)
        var accepted = 0
        for _ in 0..<100 where accepted == 0 {
            accepted = engine.freshSnapshot(timeoutMs: 100)?.stats.accepted ?? 0
        }
        #expect(accepted == 1)
        engine.stop()
        engine.waitUntilFinished()
        #expect(engine.latest?.stats.accepted == 1)
    }

    /// More distinct (tenant, type, error) pairs than a decoder's pair table holds: the table
    /// starts over and the processor forgets that decoder's ids, which then name other pairs;
    /// every event still lands on its own key (or is folded, as on the direct path).
    @Test func pairTablesStartingOverKeepEveryEventOnItsKey() throws {
        // Each decoder gets every other chunk, so each sees more than its table holds, with
        // several chunks after its table starts over.
        let pairs = 2 * BatchingDecoder.pairCapacity + 120_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pairs * 64)
        for i in 0..<pairs {
            bytes += Array("{\"ts\":\(1_795_600_000 + i / 1000),\"tenant_id\":\"t\(i % 5000)\",\"event_type\":\"e\(i / 5000)\"}\n".utf8)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eventtop-pairs-\(UUID()).ndjson")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        var config = ProcessorConfig(presets: [60, 86_400])
        config.maxTypes = 40
        config.maxTenants = 3000
        let expected = direct(bytes, config: config)
        let engine = LiveEngine(config: config, maxLineBytes: 1 << 20)
        let final = try engine.runToEnd(try InputSource(path: url.path, follow: false), hopping: HoppingSpec(size: 60, hop: 10))
        #expect(final.stats.accepted == pairs)
        #expect(final.stats.folding == expected.stats.folding)
        #expect(final.stats.folding.typeEvents > 0 && final.stats.folding.tenantEvents > 0,
                "types and tenants past the limits are folded")
        for window in config.presets {
            // Hundreds of thousands of rows: on a mismatch, say where, not all of them.
            let got = final.rollingRows(window: window), want = expected.rollingRows(window: window)
            #expect(got.count == want.count, "window \(window)")
            let first = zip(got, want).first { $0 != $1 }
            #expect(first == nil, "window \(window): first difference \(String(describing: first))")
        }
    }
}
