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

/// The queue between the reading and ingest threads (issue 10, case 7: a queue dropped while
/// it held elements trapped in libdispatch; issue 13: waits block instead of polling).
@Suite struct HandoffQueueTests {
    @Test func aQueueDroppedWhileFullDoesNotTrap() {
        for _ in 0..<100 {
            let queue = HandoffQueue<Int>(capacity: 3)
            for i in 0..<3 { #expect(queue.push(i)) }
            queue.close()
            #expect(!queue.push(9), "a closed queue refuses, even when full")
        }
    }

    @Test func aFullQueueWaitsUntilClosed() {
        let queue = HandoffQueue<Int>(capacity: 1)
        #expect(queue.push(1))
        let closer = Thread {
            usleep(50_000)
            queue.close()
        }
        closer.start()
        #expect(!queue.push(2), "the blocked push is let go by close")
        #expect(queue.pop(until: nil) == 1, "what was queued is still handed out")
    }

    @Test func aPokeEndsAWaitEarly() {
        let queue = HandoffQueue<Int>(capacity: 1)
        let poker = Thread {
            usleep(50_000)
            queue.poke()
        }
        poker.start()
        let start = Date()
        #expect(queue.pop(until: Date(timeIntervalSinceNow: 30)) == nil)
        #expect(Date().timeIntervalSince(start) < 20, "the poke, not the deadline, ended the wait")
    }

    @Test func firstInFirstOutAcrossThreads() {
        let queue = HandoffQueue<Int>(capacity: 2)
        let producer = Thread { for i in 0..<1000 { _ = queue.push(i) } }
        producer.start()
        var got: [Int] = []
        while got.count < 1000, let next = queue.pop(until: Date(timeIntervalSinceNow: 10)) { got.append(next) }
        #expect(got == Array(0..<1000))
        #expect(queue.pop(until: nil) == nil)
    }
}
