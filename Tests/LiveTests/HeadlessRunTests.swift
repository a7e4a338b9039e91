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
        try HeadlessRun.run(engine, source: try InputSource(path: path, follow: false), hopping: nil, resume: nil,
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
        try HeadlessRun.run(engine, source: source, hopping: nil, resume: nil, intervalNanos: 20_000_000) { _ in
            calls += 1
            return false
        }
        #expect(calls == 1)
        #expect(engine.isFinished)
    }

    @Test func anOutputThatFailsStopsIngestAndIsThrown() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[1]) }
        let engine = LiveEngine(config: ProcessorConfig(), maxLineBytes: 1 << 20)
        #expect(throws: DataError.io("cannot write to standard output: No space left on device")) {
            try HeadlessRun.run(engine, source: InputSource(fileDescriptor: fds[0], name: "quiet"), hopping: nil,
                                resume: nil, intervalNanos: 20_000_000)
            { (_) throws(DataError) -> Bool in throw .io("cannot write to standard output: No space left on device") }
        }
        #expect(engine.isFinished)
    }
}

/// The queue between the reading and decoding threads (issue 10, case 7: a queue dropped while
/// it held elements trapped in libdispatch).
@Suite struct HandoffQueueTests {
    @Test func aQueueDroppedWhileFullDoesNotTrap() {
        for _ in 0..<100 {
            let queue = HandoffQueue<Int>(capacity: 3)
            for i in 0..<3 { #expect(queue.push(i, cancelled: { false })) }
            #expect(!queue.hasRoom)
            #expect(!queue.push(9, cancelled: { true }), "a full queue gives up when cancelled")
        }
    }

    @Test func firstInFirstOutAcrossThreads() {
        let queue = HandoffQueue<Int>(capacity: 2)
        let producer = Thread { for i in 0..<1000 { _ = queue.push(i, cancelled: { false }) } }
        producer.start()
        var got: [Int] = []
        while got.count < 1000, let next = queue.pop(timeoutMs: 1000) { got.append(next) }
        #expect(got == Array(0..<1000))
        #expect(queue.pop(timeoutMs: 0) == nil)
    }
}
