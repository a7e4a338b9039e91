#if canImport(Glibc)
import Glibc
#endif
import EventModel
import Foundation
import Ingest
@testable import Live
import TestSupport
import Testing
import Windows

/// `live --headless`'s tick loop: rows every interval until the input ends, or until the
/// output goes away.
@Suite struct HeadlessRunTests {
    @Test func printsUntilTheInputEndsWithEveryEventInTheLastTick() throws {
        let path = Repository.temporaryFolder("headless") + ".ndjson"
        defer { unlink(path) }
        let lines = (0..<500).map { #"{"ts":\#(1_795_694_000 + $0 % 50),"tenant_id":"t\#($0 % 3)","event_type":"click"}"# }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        var config = ProcessorConfig()
        config.setClock(.event, finiteInput: true)
        let engine = LiveEngine(config: config, maxLineBytes: 1 << 20)
        var ticks: [Int] = []
        HeadlessRun.run(engine, source: try InputSource(path: path, follow: false), hopping: nil, resume: nil,
                        intervalNanos: 20_000_000) { snapshot in
            ticks.append(snapshot.stats.accepted)
            return true
        }
        #expect(engine.isFinished && engine.failure == nil)
        #expect(ticks.last == 500, "\(ticks)")
        #expect(ticks == ticks.sorted())
    }

    @Test func aClosedOutputStopsIngest() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[1]) }
        // A pipe nobody writes to: the input never ends by itself.
        let source = InputSource(fileDescriptor: fds[0], name: "quiet")
        let engine = LiveEngine(config: ProcessorConfig(), maxLineBytes: 1 << 20)
        var calls = 0
        HeadlessRun.run(engine, source: source, hopping: nil, resume: nil, intervalNanos: 20_000_000) { _ in
            calls += 1
            return false
        }
        #expect(calls == 1)
        #expect(engine.isFinished)
    }
}
