import Foundation
import Synchronization

/// Runs the ingest loop (source → splitter → decoder → processor) and hands consistent
/// snapshots to readers on other threads while ingest goes on. The processor lives on the
/// ingest thread alone; only immutable snapshots and small requests cross threads, through
/// a `Mutex`.
public final class LiveEngine: Sendable {
    private struct Shared {
        var latest: MetricsSnapshot?
        var generation = 0
        var requested = false
        var hopping: HoppingSpec?
        var stopRequested = false
        var finished = false
        var error: InputError?
    }

    private let shared = Mutex(Shared())
    public let config: ProcessorConfig
    public let maxLineBytes: Int

    public init(config: ProcessorConfig, maxLineBytes: Int) {
        self.config = config
        self.maxLineBytes = maxLineBytes
    }

    /// Reads `source` to its end on the calling thread and returns the final snapshot.
    public func runToEnd(_ source: InputSource, hopping: HoppingSpec?) throws(InputError) -> MetricsSnapshot {
        shared.withLock { $0.hopping = hopping }
        try ingest(source)
        return shared.withLock { $0.latest! }
    }

    /// Starts ingest on a thread of its own.
    public func start(_ source: sending InputSource, hopping: HoppingSpec?) {
        shared.withLock { $0.hopping = hopping }
        let box = SourceBox(source)
        let thread = Thread { [self] in
            do throws(InputError) {
                try self.ingest(box.take())
            } catch {
                self.shared.withLock {
                    $0.error = error
                    $0.finished = true
                }
            }
        }
        thread.name = "eventtop-ingest"
        thread.start()
    }

    /// Asks the ingest loop to stop soon; it publishes a last snapshot and finishes.
    public func stop() { shared.withLock { $0.stopRequested = true } }

    public var isFinished: Bool { shared.withLock { $0.finished } }
    public var failure: InputError? { shared.withLock { $0.error } }

    /// Which hopping window snapshots should carry.
    public func setHopping(_ spec: HoppingSpec?) { shared.withLock { $0.hopping = spec } }

    /// The latest snapshot published, without waiting.
    public var latest: MetricsSnapshot? { shared.withLock { $0.latest } }

    /// A snapshot taken after this call (waiting up to `timeoutMs`), or the latest one.
    public func freshSnapshot(timeoutMs: Int = 500) -> MetricsSnapshot? {
        let generation = shared.withLock { s -> Int in
            s.requested = true
            return s.generation
        }
        let deadline = WallClock.monotonicNanos() + Int64(timeoutMs) * 1_000_000
        while WallClock.monotonicNanos() < deadline {
            let (current, snapshot, finished) = shared.withLock { ($0.generation, $0.latest, $0.finished) }
            if current > generation || finished { return snapshot }
            usleep(1000)
        }
        return latest
    }

    /// Waits until the ingest thread has finished.
    public func waitUntilFinished() {
        while !isFinished { usleep(5000) }
    }

    private func ingest(_ source: InputSource) throws(InputError) {
        var pipeline = IngestPipeline(config: config)
        let splitter = LineSplitter(maxLineBytes: maxLineBytes)
        pipeline.processor.setWallClock(second: WallClock.nowSecond())
        var done = false
        var failure: InputError?
        while !done {
            let stop = shared.withLock { $0.stopRequested }
            if stop { break }
            do {
                switch try source.read(into: splitter.readSpace(), timeoutMs: 50) {
                case .bytes(let n):
                    splitter.didRead(n, into: &pipeline)
                case .idle:
                    break
                case .restarted:
                    splitter.finish(into: &pipeline)
                case .end:
                    splitter.finish(into: &pipeline)
                    done = true
                }
            } catch {
                splitter.finish(into: &pipeline)
                failure = error
                done = true
            }
            pipeline.processor.setWallClock(second: WallClock.nowSecond())
            let (requested, hopping) = shared.withLock { s in
                defer { s.requested = false }
                return (s.requested, s.hopping)
            }
            if requested {
                publish(pipeline.snapshot(hopping: hopping, lines: splitter.linesSeen, bytes: splitter.bytesSeen))
            }
        }
        let hopping = shared.withLock { $0.hopping }
        let last = pipeline.snapshot(hopping: hopping, lines: splitter.linesSeen, bytes: splitter.bytesSeen)
        shared.withLock {
            $0.latest = last
            $0.generation += 1
            $0.finished = true
            $0.error = failure
        }
        if let failure { throw failure }
    }

    private func publish(_ snapshot: MetricsSnapshot) {
        shared.withLock {
            $0.latest = snapshot
            $0.generation += 1
        }
    }
}

/// Hands a non-Sendable source to the ingest thread exactly once.
private final class SourceBox: @unchecked Sendable {
    // SAFETY: written once before the thread starts and taken once on that thread.
    private var source: InputSource?
    init(_ source: InputSource) { self.source = source }
    func take() -> InputSource {
        defer { source = nil }
        return source!
    }
}
