import DailyFacts
import EventModel
import ObjectStore
import Foundation
import Ingest
import Windows

/// Runs ingest on threads of its own — the reading thread reads the input into chunks of
/// complete lines and hands them in turn to two decoding threads, which decode them in place
/// into batches of events (no line is copied); the ingest thread feeds the batches to the
/// processor in input order (taking them in turn from the two) — and hands consistent
/// snapshots to readers on other threads while ingest goes on. The processor lives on the
/// ingest thread alone; only chunks, batches, immutable snapshots and small requests cross
/// threads, through bounded queues and a guarded state. Every wait blocks on a condition (with
/// a deadline where time matters): nothing polls.
public final class LiveEngine: Sendable {
    private struct Shared {
        var latest: MetricsSnapshot?
        var generation = 0
        var requested = false
        var hopping: HoppingSpec?
        /// The tenant whose second-by-second detail snapshots carry (the tenant view).
        var detail: String?
        var stopRequested = false
        /// Handovers of a Kafka member's partitions done by the ingest thread (checkpointed and
        /// committed), which the reading thread waits for.
        var handovers = 0
        var finished = false
        var error: DataError?
    }

    private let shared = GuardedState(Shared())
    /// Chunks of lines, reading thread → each decoding thread, and decoded batches, each
    /// decoding thread → ingest thread. Chunk k goes to decoder k mod 2.
    private let chunks = [HandoffQueue<LineChunk>(capacity: 2), HandoffQueue<LineChunk>(capacity: 2)]
    private let batches = [HandoffQueue<DecodedBatch>(capacity: 2), HandoffQueue<DecodedBatch>(capacity: 2)]
    public let config: ProcessorConfig
    public let maxLineBytes: Int
    /// With `live --history`: where closed days and checkpoints go.
    public let history: HistorySettings?
    /// How lines become events.
    public let mapping: EventMapping
    /// Events a batch is sized for (a 1 MiB read of ~190-byte lines is ~5 500).
    static let batchCapacity = 8192
    /// Bytes read at a time: a chunk's buffer. About ten are alive at once (queued, being
    /// read or decoded), so this sets most of the engine's memory; 1 MiB is still few syscalls.
    static let blockSize = 1 << 20
    /// How long a read waits for a quiet live input before looking at stop requests again.
    static let readWaitMs: Int32 = 250
    /// How long the reading thread waits for a handover's checkpoint and commit before it
    /// gives the partitions back anyway (the group waits for it meanwhile).
    static let handoverWaitSeconds = 60.0

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

    /// Starts ingest on threads of its own (once per engine).
    public func start(_ source: sending InputSource, hopping: HoppingSpec?, resume: ResumePoint? = nil) {
        shared.quietly { $0.hopping = hopping }
        // What crosses to the ingest thread from the source: its status, and the group commits
        // that follow checkpoints.
        let monitor = source.monitor
        let committer = source.committer
        if let history, let address = source.kafkaAddress, address.sharesGroup {
            // Members sharing a history folder learn from each other's checkpoints how far each
            // partition was counted.
            source.learnCounted {
                let (next, problems) = GroupCheckpoints.counted(directory: history.directory, address: address)
                for problem in problems { monitor?.report("another member's checkpoint was not read: \(problem)") }
                return next
            }
        }
        let box = SourceBox(source)
        let pool = ChunkPool()
        let reading = Thread { [self] in
            self.readLoop(box.take(), reader: ChunkReader(maxLineBytes: maxLineBytes, blockSize: Self.blockSize, pool: pool))
        }
        reading.name = "eventtop-read"
        for d in 0..<2 {
            let decoding = Thread { [self] in self.decodeLoop(d, pool: pool) }
            decoding.name = "eventtop-decode-\(d)"
            decoding.start()
        }
        let ingesting = Thread { [self] in self.ingestLoop(resume: resume, monitor: monitor, committer: committer) }
        ingesting.name = "eventtop-ingest"
        reading.start()
        ingesting.start()
    }

    /// Asks ingest to stop soon; a last snapshot is published before it finishes.
    public func stop() {
        shared.withLock { $0.stopRequested = true }
        closeQueues()
    }

    private func closeQueues() {
        for queue in chunks { queue.close() }
        for queue in batches { queue.close() }
    }

    public var isFinished: Bool { shared.quietly { $0.finished } }
    public var failure: DataError? { shared.quietly { $0.error } }
    private var stopRequested: Bool { shared.quietly { $0.stopRequested } }

    /// Which hopping window snapshots should carry.
    public func setHopping(_ spec: HoppingSpec?) { shared.quietly { $0.hopping = spec } }

    /// Which tenant's detail snapshots should carry (nil: none).
    public func setDetail(_ tenant: String?) { shared.quietly { $0.detail = tenant } }

    /// The latest snapshot published, without waiting.
    public var latest: MetricsSnapshot? { shared.quietly { $0.latest } }

    /// A snapshot taken after this call (waiting up to `timeoutMs`), or the latest one.
    public func freshSnapshot(timeoutMs: Int = 500) -> MetricsSnapshot? {
        let generation = shared.quietly { s -> Int in
            s.requested = true
            return s.generation
        }
        for queue in batches { queue.poke() }
        let deadline = Date(timeIntervalSinceNow: Double(timeoutMs) / 1000)
        let fresh = shared.wait(until: deadline) { s -> MetricsSnapshot?? in
            s.generation > generation || s.finished ? .some(s.latest) : nil
        }
        return fresh ?? latest
    }

    /// Waits until ingest has finished.
    public func waitUntilFinished() {
        _ = shared.wait(until: nil) { $0.finished ? true : nil }
    }

    /// Waits until ingest has finished or `deadline` passes; whether it has finished.
    public func waitUntilFinished(before deadline: Date) -> Bool {
        shared.wait(until: deadline) { $0.finished ? true : nil } ?? false
    }

    /// The reading thread: reads the input into chunks of lines, handed to the decoding threads
    /// in turn; ends with the input or a stop request.
    private func readLoop(_ source: InputSource, reader: ChunkReader) {
        var next = 0
        var handovers = 0
        while !stopRequested {
            var chunk: LineChunk?
            do {
                let (_, read) = try reader.read(from: source, timeoutMs: Self.readWaitMs)
                chunk = read
            } catch {
                shared.withLock { $0.error = error }
                chunk = reader.finishAfterError(source: source)
            }
            guard let chunk else { continue }
            if !chunks[next].push(chunk) { return }
            next = 1 - next
            if chunk.handsOver {
                // The group waits while what was read is checkpointed and committed.
                handovers += 1
                let deadline = Date(timeIntervalSinceNow: Self.handoverWaitSeconds)
                let done = shared.wait(until: deadline) { s -> Bool? in
                    s.handovers >= handovers ? true : (s.stopRequested || s.finished) ? false : nil
                } ?? false
                if !done && !stopRequested {
                    source.monitor?.report("partitions handed over before a checkpoint held them: "
                        + "the member taking them up may count some events again")
                }
            }
            if chunk.isLast {
                for queue in chunks { queue.close() }
                return
            }
        }
    }

    /// A decoding thread: chunks → batches, in the order they come.
    private func decodeLoop(_ index: Int, pool: ChunkPool) {
        var decoder = BatchingDecoder(capacity: Self.batchCapacity, mapping: mapping, carriesSessions: history != nil,
                                      index: index)
        while let chunk = chunks[index].popWaiting() {
            let batch = decoder.decode(chunk, maxLineBytes: maxLineBytes)
            pool.recycle(chunk)
            if !batches[index].push(batch) || chunk.isLast { return }
        }
    }

    /// The ingest thread: feeds decoded batches to the processor in order, ticks the clock
    /// (waking at each wall-clock second when no batch comes), closes days, saves checkpoints,
    /// serves snapshot requests.
    private func ingestLoop(resume: ResumePoint?, monitor: InputMonitor?, committer: KafkaCommitter?) {
        var pipeline = LivePipeline(config: config, mapping: mapping)
        pipeline.history = history.map(LiveHistory.init)
        pipeline.inputMonitor = monitor
        if let resume {
            do throws(DataError) {
                try pipeline.restore(resume.checkpoint)
            } catch {
                shared.withLock {
                    $0.error = error
                    $0.stopRequested = true  // the reading thread ends too
                    $0.finished = true
                }
                closeQueues()
                return
            }
        }
        let checkpointPath = history.map { Checkpoint.path(directory: $0.directory, input: $0.inputPath) }
        var nextCheckpoint = WallClock.monotonicNanos() + (history?.checkpointEvery ?? 10) * 1_000_000_000
        /// Retries the days that could not be written, then saves the state (and commits a Kafka
        /// input's offsets to its group); a failure is kept for the status bar and the summary,
        /// and the next checkpoint tries again.
        func saveCheckpoint(waitForGroup: Bool = false) {
            guard let checkpointPath, let history else {
                // A member without --history keeps no state: it commits what it has read, so
                // that a partition handed to another member is not read again.
                if let committer, committer.sharesGroup, let kafka = pipeline.position.kafka {
                    committer.commit(kafka, wait: waitForGroup)
                }
                return
            }
            pipeline.retryUnwritten()
            do throws(DataError) {
                if !S3Location.isURL(history.directory) { try Folders.makeDirectories(history.directory) }
                let checkpoint = pipeline.checkpoint(inputPath: history.inputPath)
                try checkpoint.save(to: checkpointPath)
                pipeline.checkpointError = nil
                // The group learns only offsets a saved checkpoint holds.
                // The last one, and a handover's, wait for the group's answer: the process ends
                // next, or another member takes the partitions up.
                if let committer, let kafka = checkpoint.kafka { committer.commit(kafka, wait: waitForGroup) }
            } catch {
                pipeline.checkpointError = error.description
            }
        }
        pipeline.processor.setWallClock(second: WallClock.nowSecond())
        var finished = false
        // Batch k comes from decoder k mod 2.
        var next = 0
        while !finished && !stopRequested {
            // Until the next wall-clock second (a little after it), unless a batch, a snapshot
            // request or a stop comes first.
            let now = Date()
            let fraction = now.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
            if let batch = batches[next].pop(until: now.addingTimeInterval(1.001 - fraction)) {
                pipeline.consume(batch)
                finished = batch.isLast
                next = 1 - next
                if batch.handsOver {
                    // A Kafka member gives partitions back once this state is saved and its
                    // offsets committed (waiting for the group's answer).
                    saveCheckpoint(waitForGroup: true)
                    shared.withLock { $0.handovers += 1 }
                }
            }
            pipeline.processor.setWallClock(second: WallClock.nowSecond())
            pipeline.closeDays()
            if checkpointPath != nil || committer?.sharesGroup == true, WallClock.monotonicNanos() >= nextCheckpoint {
                saveCheckpoint()
                nextCheckpoint = WallClock.monotonicNanos() + (history?.checkpointEvery ?? 10) * 1_000_000_000
            }
            let (requested, hopping, detail) = shared.quietly { s in
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
        // The other threads may wait to push: let them go.
        closeQueues()
        // The input ended: what the jump guard still holds was never confirmed.
        if finished { pipeline.finishInput() }
        saveCheckpoint(waitForGroup: true)
        let (hopping, detail) = shared.quietly { ($0.hopping, $0.detail) }
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
