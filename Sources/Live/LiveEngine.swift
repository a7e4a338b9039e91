import DailyFacts
import EventModel
import Foundation
import Ingest
import Synchronization
import Windows

/// Runs ingest on two threads — the ingest thread reads and cuts lines and feeds decoded
/// events to the processor in input order; the decoding thread turns blocks of lines into
/// batches of events meanwhile — and hands consistent snapshots to readers on other threads
/// while ingest goes on. The processor lives on the ingest thread alone; only blocks,
/// batches, immutable snapshots and small requests cross threads, through bounded queues
/// and a `Mutex`.
public final class LiveEngine: Sendable {
    private struct Shared {
        var latest: MetricsSnapshot?
        var generation = 0
        var requested = false
        var hopping: HoppingSpec?
        /// The tenant whose second-by-second detail snapshots carry (the tenant view).
        var detail: String?
        var stopRequested = false
        var finished = false
        var error: DataError?
    }

    private let shared = Mutex(Shared())
    public let config: ProcessorConfig
    public let maxLineBytes: Int
    /// With `live --history`: where closed days and checkpoints go.
    public let history: HistorySettings?
    /// How lines become events.
    public let mapping: EventMapping
    /// Events a batch is sized for (a 4 MiB block of ~170-byte lines is ~25 000).
    static let batchCapacity = 32_768
    /// Bytes read at a time: small enough to keep both threads busy, large enough for few syscalls.
    static let blockSize = 4 << 20

    public init(config: ProcessorConfig, maxLineBytes: Int, history: HistorySettings? = nil,
                mapping: EventMapping = .standard)
    {
        self.config = config
        self.mapping = mapping
        self.maxLineBytes = maxLineBytes
        self.history = history
    }

    /// Reads `source` to its end and returns the final snapshot (even after a read error,
    /// which is thrown once the snapshot is taken: see `latest`).
    public func runToEnd(_ source: sending InputSource, hopping: HoppingSpec?, resume: ResumePoint? = nil)
        throws(DataError) -> MetricsSnapshot
    {
        start(source, hopping: hopping, resume: resume)
        waitUntilFinished()
        if let failure { throw failure }
        return latest!
    }

    /// Starts ingest on threads of its own.
    public func start(_ source: sending InputSource, hopping: HoppingSpec?, resume: ResumePoint? = nil) {
        shared.withLock { $0.hopping = hopping }
        let blocks = HandoffQueue<LineBlock>(capacity: 3)
        let batches = HandoffQueue<DecodedBatch>(capacity: 3)
        let box = SourceBox(source)
        let decoding = Thread { [self] in self.decodeLoop(blocks, into: batches) }
        decoding.name = "eventtop-decode"
        let ingesting = Thread { [self] in
            self.ingestLoop(box.take(), blocks: blocks, batches: batches, resume: resume)
        }
        ingesting.name = "eventtop-ingest"
        decoding.start()
        ingesting.start()
    }

    /// Asks ingest to stop soon; a last snapshot is published before it finishes.
    public func stop() { shared.withLock { $0.stopRequested = true } }

    public var isFinished: Bool { shared.withLock { $0.finished } }
    public var failure: DataError? { shared.withLock { $0.error } }
    private var stopRequested: Bool { shared.withLock { $0.stopRequested } }

    /// Which hopping window snapshots should carry.
    public func setHopping(_ spec: HoppingSpec?) { shared.withLock { $0.hopping = spec } }

    /// Which tenant's detail snapshots should carry (nil: none).
    public func setDetail(_ tenant: String?) { shared.withLock { $0.detail = tenant } }

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

    /// The decoding thread: blocks of lines → batches of decoded events, in order.
    private func decodeLoop(_ blocks: HandoffQueue<LineBlock>, into batches: HandoffQueue<DecodedBatch>) {
        var decoder = BatchingDecoder(capacity: Self.batchCapacity, mapping: mapping)
        while true {
            guard let block = blocks.pop(timeoutMs: 50) else {
                if stopRequested { return }
                continue
            }
            let batch = decoder.decode(block, capacity: block.isLast ? 0 : Self.batchCapacity)
            if !batches.push(batch, cancelled: { stopRequested }) || block.isLast { return }
        }
    }

    /// The ingest thread: reads and cuts lines (handing blocks to the decoding thread), feeds
    /// decoded batches to the processor in order, ticks the clock, serves snapshot requests.
    private func ingestLoop(_ source: InputSource, blocks: HandoffQueue<LineBlock>,
                            batches: HandoffQueue<DecodedBatch>, resume: ResumePoint?)
    {
        var pipeline = LivePipeline(config: config, mapping: mapping)
        pipeline.history = history.map(LiveHistory.init)
        if let resume {
            do throws(DataError) {
                try pipeline.restore(resume.checkpoint)
            } catch {
                shared.withLock {
                    $0.error = error
                    $0.stopRequested = true  // the decoding thread ends too
                    $0.finished = true
                }
                return
            }
        }
        let checkpointPath = history.map { Checkpoint.path(directory: $0.directory, input: $0.inputPath) }
        var nextCheckpoint = WallClock.monotonicNanos() + (history?.checkpointEvery ?? 10) * 1_000_000_000
        /// Retries the days that could not be written, then saves the state; a failure is kept
        /// for the status bar and the summary, and the next checkpoint tries again.
        func saveCheckpoint() {
            guard let checkpointPath, let history else { return }
            pipeline.retryUnwritten()
            do throws(DataError) {
                try Folders.makeDirectories(history.directory)
                try pipeline.checkpoint(inputPath: history.inputPath).save(to: checkpointPath)
                pipeline.checkpointError = nil
            } catch {
                pipeline.checkpointError = error.description
            }
        }
        pipeline.processor.setWallClock(second: WallClock.nowSecond())
        let splitter = LineSplitter(maxLineBytes: maxLineBytes, blockSize: Self.blockSize)
        var collector = BlockCollector(capacity: splitter.blockSize + 4096)
        var inputDone = false
        var finished = false
        while !finished && !stopRequested {
            while let batch = batches.pop(timeoutMs: 0) {
                pipeline.consume(batch)
                finished = batch.isLast
            }
            if finished { break }
            if !inputDone && blocks.hasRoom {
                do {
                    switch try source.read(into: splitter.readSpace(), timeoutMs: 50) {
                    case .bytes(let n): splitter.didRead(n, into: &collector)
                    case .idle: break
                    case .restarted: splitter.finish(into: &collector)
                    case .end:
                        splitter.finish(into: &collector)
                        inputDone = true
                    }
                } catch {
                    splitter.finish(into: &collector)
                    shared.withLock { $0.error = error }
                    inputDone = true
                }
                if !collector.isEmpty || inputDone {
                    collector.block.linesSeen = splitter.linesSeen
                    collector.block.bytesSeen = splitter.bytesSeen
                    collector.block.isLast = inputDone
                    collector.block.position = InputPosition(
                        device: source.identity?.dev ?? 0, inode: source.identity?.ino ?? 0,
                        offset: source.offset - Int64(splitter.pendingBytes))
                    _ = blocks.push(collector.take(), cancelled: { true })
                }
            } else if let batch = batches.pop(timeoutMs: 50) {
                // The decoder is behind, or the input has ended: wait for its next batch.
                pipeline.consume(batch)
                finished = batch.isLast
            }
            pipeline.processor.setWallClock(second: WallClock.nowSecond())
            pipeline.closeDays()
            if checkpointPath != nil, WallClock.monotonicNanos() >= nextCheckpoint {
                saveCheckpoint()
                nextCheckpoint = WallClock.monotonicNanos() + history!.checkpointEvery * 1_000_000_000
            }
            let (requested, hopping, detail) = shared.withLock { s in
                defer { s.requested = false }
                return (s.requested, s.hopping, s.detail)
            }
            if requested && !finished {
                let snapshot = pipeline.snapshot(hopping: hopping, detail: detail)
                shared.withLock {
                    $0.latest = snapshot
                    $0.generation += 1
                }
            }
        }
        // The input ended: what the jump guard still holds was never confirmed.
        if finished { pipeline.finishInput() }
        saveCheckpoint()
        let (hopping, detail) = shared.withLock { ($0.hopping, $0.detail) }
        let last = pipeline.snapshot(hopping: hopping, detail: detail)
        shared.withLock {
            $0.latest = last
            $0.generation += 1
            $0.finished = true
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
