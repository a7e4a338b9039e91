import Foundation
import Synchronization

/// Runs ingest on two threads — one reads and decodes blocks of lines, the other feeds the
/// decoded events to the processor in input order — and hands consistent snapshots to
/// readers on other threads while ingest goes on. The processor lives on the processing
/// thread alone; only decoded batches, immutable snapshots and small requests cross
/// threads, through a bounded queue and a `Mutex`.
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
    /// Lines a batch holds at most (a 4 MiB block of ~170-byte lines is ~25 000).
    static let batchCapacity = 32_768

    public init(config: ProcessorConfig, maxLineBytes: Int) {
        self.config = config
        self.maxLineBytes = maxLineBytes
    }

    /// Reads `source` to its end and returns the final snapshot (even after a read error,
    /// which is thrown once the snapshot is taken: see `latest`).
    public func runToEnd(_ source: sending InputSource, hopping: HoppingSpec?) throws(InputError) -> MetricsSnapshot {
        start(source, hopping: hopping)
        waitUntilFinished()
        if let failure { throw failure }
        return latest!
    }

    /// Starts ingest on threads of its own.
    public func start(_ source: sending InputSource, hopping: HoppingSpec?) {
        shared.withLock { $0.hopping = hopping }
        let queue = BatchQueue(capacity: 4)
        let box = SourceBox(source)
        let decoding = Thread { [self] in self.decodeLoop(box.take(), into: queue) }
        decoding.name = "eventtop-decode"
        let processing = Thread { [self] in self.processLoop(queue) }
        processing.name = "eventtop-process"
        decoding.start()
        processing.start()
    }

    /// Asks ingest to stop soon; a last snapshot is published before it finishes.
    public func stop() { shared.withLock { $0.stopRequested = true } }

    public var isFinished: Bool { shared.withLock { $0.finished } }
    public var failure: InputError? { shared.withLock { $0.error } }
    private var stopRequested: Bool { shared.withLock { $0.stopRequested } }

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

    /// Waits until ingest has finished.
    public func waitUntilFinished() {
        while !isFinished { usleep(2000) }
    }

    /// The decoding thread: read blocks, cut lines, decode, queue one batch per block.
    private func decodeLoop(_ source: InputSource, into queue: BatchQueue) {
        let splitter = LineSplitter(maxLineBytes: maxLineBytes)
        var sink = BatchingDecoder(capacity: Self.batchCapacity)
        var done = false
        while !done {
            if stopRequested { sink.batch.isLast = true; break }
            do {
                switch try source.read(into: splitter.readSpace(), timeoutMs: 50) {
                case .bytes(let n):
                    splitter.didRead(n, into: &sink)
                case .idle:
                    continue
                case .restarted:
                    splitter.finish(into: &sink)
                case .end:
                    splitter.finish(into: &sink)
                    done = true
                }
            } catch {
                splitter.finish(into: &sink)
                shared.withLock { $0.error = error }
                done = true
            }
            sink.batch.linesSeen = splitter.linesSeen
            sink.batch.bytesSeen = splitter.bytesSeen
            sink.batch.isLast = done
            if !queue.push(sink.take(capacity: Self.batchCapacity), cancelled: { stopRequested }) { return }
        }
        if !done { _ = queue.push(sink.take(capacity: 0), cancelled: { true }) }
    }

    /// The processing thread: batches → processor, clock ticks, snapshots on request.
    private func processLoop(_ queue: BatchQueue) {
        var pipeline = IngestPipeline(config: config)
        pipeline.processor.setWallClock(second: WallClock.nowSecond())
        var done = false
        while !done {
            if let batch = queue.pop(timeoutMs: 50) {
                pipeline.consume(batch)
                done = batch.isLast
            }
            if stopRequested { break }
            pipeline.processor.setWallClock(second: WallClock.nowSecond())
            let (requested, hopping) = shared.withLock { s in
                defer { s.requested = false }
                return (s.requested, s.hopping)
            }
            if requested && !done {
                let snapshot = pipeline.snapshot(hopping: hopping)
                shared.withLock {
                    $0.latest = snapshot
                    $0.generation += 1
                }
            }
        }
        let last = pipeline.snapshot(hopping: shared.withLock { $0.hopping })
        shared.withLock {
            $0.latest = last
            $0.generation += 1
            $0.finished = true
        }
    }
}

/// Hands a non-Sendable source to the decoding thread exactly once.
private final class SourceBox: @unchecked Sendable {
    // SAFETY: written once before the thread starts and taken once on that thread.
    private var source: InputSource?
    init(_ source: InputSource) { self.source = source }
    func take() -> InputSource {
        defer { source = nil }
        return source!
    }
}
