import DailyFacts
import EventModel
import Ingest
import Windows

/// The processing side of ingest: decoded events (straight from lines, or in batches from a
/// decoding thread) → processor and the live daily rollup, with the reject counts kept alongside.
public struct LivePipeline: LineSink {
    public var processor: StreamProcessor
    public private(set) var rejected = RejectCounts()
    public private(set) var lastReject: (line: Int, reason: RejectReason)?
    public private(set) var linesSeen = 0
    public private(set) var bytesSeen: Int64 = 0
    /// Numeric timestamps read under `--ts-unit auto`, by the unit taken: each decoding
    /// thread's running counts (from its last batch), or this pipeline's own decoder's.
    private var batchAutoUnits: [[Int]?] = Array(repeating: nil, count: LivePipeline.decoders)
    private var decoder: EventLineDecoder
    /// The names of each decoding thread's (tenant, type, error) pairs, by id.
    private var pairNames = [PairNames](repeating: PairNames(), count: Self.decoders)
    /// Decoding threads: batches carry which one made them.
    static let decoders = 2
    /// The mapping's options, for the checkpoint.
    private let mappingSummary: String
    /// The live daily rollup, with `live --history`.
    var history: LiveHistory?
    /// Where the input stands after the last batch.
    var position = InputPosition()
    /// What the source says of itself (a Kafka input's lag and broker warning).
    var inputMonitor: InputMonitor?
    /// Why the last checkpoint could not be saved (nil once one is).
    var checkpointError: String?
    /// Counters carried over from a checkpoint.
    private var resumed = Checkpoint(inputPath: "", device: 0, inode: 0, offset: 0)
    /// Holds events far ahead of stream time until later events confirm the jump (event clock).
    private var jumps: JumpGuard

    public init(config: ProcessorConfig, mapping: EventMapping = .standard) {
        processor = StreamProcessor(config: config)
        decoder = EventLineDecoder(mapping: mapping)
        mappingSummary = mapping.summary
        jumps = JumpGuard(maxJump: config.maxJump)
    }

    @inline(__always)
    public mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int) {
        linesSeen = number
        switch decoder.decode(terminated: bytes, count: count) {
        case .event(let event):
            take(event)
        case .blank:
            break
        case .rejected(let reason):
            rejected[reason] += 1
            lastReject = (number, reason)
        }
    }

    public mutating func tooLong(number: Int) {
        linesSeen = number
        rejected[.tooLong] += 1
        lastReject = (number, .tooLong)
    }

    /// Takes a batch from a decoding thread, in input order.
    mutating func consume(_ batch: DecodedBatch) {
        let d = batch.decoder
        precondition(d >= 0 && d < Self.decoders, "a batch from an unknown decoder")
        if batch.restartsPairs {
            pairNames[d].removeAll()
            processor.forgetPairs(decoder: d, of: Self.decoders)
        }
        precondition(batch.firstNewPair == pairNames[d].count, "a batch's pairs do not follow on")
        pairNames[d].append(contentsOf: batch.newPairs)
        let ts = batch.ts.elements, pairs = batch.pairs.elements
        let maxJump = jumps.maxJump
        let known = pairNames[d]
        known.withArena { names in
            let sessions = batch.sessionBytes.elements.baseAddress ?? UnsafePointer(bitPattern: 1)!
            let sessionEnds = batch.sessionEnds.elements
            @inline(__always) func event(_ i: Int) -> RawEvent {
                let (tenant, type, isError) = known.names(Int(pairs[i]), base: names)
                var session = UnsafeBufferPointer(start: sessions, count: 0)
                if !sessionEnds.isEmpty {
                    let from = i == 0 ? 0 : Int(sessionEnds[i - 1])
                    session = UnsafeBufferPointer(start: sessions + from, count: Int(sessionEnds[i]) - from)
                }
                return RawEvent(tenant: tenant, eventType: type, session: session, ts: ts[i], isError: isError)
            }
            var i = 0
            while i < ts.count {
                if history == nil, jumps.held.isEmpty {
                    // The common case: the windows only, runs of events whose keys are known.
                    i = processor.ingestRun(ts: ts, pairs: pairs, from: i, decoder: d, of: Self.decoders, maxJump: maxJump)
                    if i == ts.count { break }
                }
                if history == nil, jumps.held.isEmpty,
                   !processor.config.usesEventClock || processor.streamEnd.map({ ts[i] / Timestamp.nanosPerSecond < $0 &+ maxJump }) ?? true
                {
                    // The key from the pair's cache (or found the first time).
                    processor.ingest(pair: Int(pairs[i]) &* Self.decoders &+ d, ts: ts[i]) { event(i) }
                } else {
                    take(event(i))
                }
                i += 1
            }
        }
        rejected.add(batch.rejected)
        if let reject = batch.lastReject { lastReject = (linesSeen + reject.line, reject.reason) }
        linesSeen += batch.lineCount
        bytesSeen = batch.bytesSeen
        if !batch.autoUnits.isEmpty { batchAutoUnits[d] = batch.autoUnits }
        position = batch.position
    }

    /// One decoded event: past the jump guard, into the windows and the daily rollup.
    @inline(__always)
    private mutating func take(_ event: RawEvent) {
        if processor.config.usesEventClock, let end = processor.streamEnd,
           !jumps.held.isEmpty || event.second >= end &+ jumps.maxJump
        {
            // Taken out while it hands events on, so that applying them may change the rest.
            var guarding = jumps
            jumps = JumpGuard(maxJump: guarding.maxJump)
            guarding.offer(event, streamEnd: end) { apply($0) }
            jumps = guarding
        } else {
            apply(event)
        }
    }

    @inline(__always)
    private mutating func apply(_ event: RawEvent) {
        if history != nil {
            // Days close as stream time passes them, event by event, so what is dropped does
            // not depend on how the input was cut into blocks.
            if processor.ingest(event) { history!.add(event) }
            if let end = processor.streamEnd, end >= history!.nextClose { history!.closeDays(streamEnd: end) }
        } else {
            processor.ingest(event)
        }
    }

    /// The input ended: events held by the jump guard that nothing confirmed are outliers.
    mutating func finishInput() { jumps.finish() }

    /// Closes the days stream time has left behind (after a clock tick).
    mutating func closeDays() {
        history?.closeDays(streamEnd: processor.streamEnd)
    }

    /// Tries again to write the closed days that could not be written (before a checkpoint).
    mutating func retryUnwritten() { history?.retryUnwritten() }

    /// Takes up where a checkpoint left off: its counters and its open days.
    mutating func restore(_ checkpoint: Checkpoint) throws(DataError) {
        guard var history else { return }
        var reader = BinaryReader(checkpoint.rollup)
        history.rollup = try DailyRollup(decoding: &reader)
        history.closedThrough = checkpoint.closedThrough
        history.updateNextClose()
        history.dropped = checkpoint.dropped
        history.daysWritten = checkpoint.daysWritten
        var unwritten = BinaryReader(checkpoint.unwritten)
        try history.decodeUnwritten(from: &unwritten)
        self.history = history
        resumed = checkpoint
        position = InputPosition(device: checkpoint.device, inode: checkpoint.inode, offset: checkpoint.offset,
                                 kafka: checkpoint.kafka)
        if !checkpoint.windows.isEmpty {
            var windows = BinaryReader(checkpoint.windows)
            _ = try processor.restore(from: &windows)
        }
        var held = BinaryReader(checkpoint.jumps)
        try jumps.decode(from: &held)
    }

    /// The checkpoint of the state now.
    func checkpoint(inputPath: String) -> Checkpoint {
        var c = Checkpoint(inputPath: inputPath, device: position.device, inode: position.inode, offset: position.offset)
        c.mapping = mappingSummary
        c.kafka = position.kafka
        c.accepted = resumed.accepted + processor.accepted
        c.rejected = stats.rejected
        c.late = resumed.late + processor.late
        c.future = resumed.future + processor.future
        c.autoUnits = stats.autoUnits
        c.dropped = history?.dropped ?? 0
        c.daysWritten = history?.daysWritten ?? 0
        c.closedThrough = history?.closedThrough ?? .min
        var w = BinaryWriter()
        history?.rollup.encode(into: &w)
        c.rollup = w.bytes
        var windows = BinaryWriter()
        processor.encode(into: &windows)
        c.windows = windows.bytes
        var unwritten = BinaryWriter()
        history?.encodeUnwritten(into: &unwritten)
        c.unwritten = unwritten.bytes
        var held = BinaryWriter()
        jumps.encode(into: &held)
        c.jumps = held.bytes
        return c
    }

    /// Counters so far.
    public var stats: IngestStats {
        var stats = IngestStats()
        var rejected = self.rejected
        rejected.add(resumed.rejected)
        stats.rejected = rejected
        // The processor adds its own counts to these when it takes a snapshot.
        stats.accepted = resumed.accepted
        stats.late = resumed.late
        stats.future = resumed.future + jumps.rejected
        if let history {
            stats.history = IngestStats.History(dropped: history.dropped, daysWritten: history.daysWritten,
                                                openDays: history.rollup.openDays.count,
                                                heldEntries: history.rollup.heldEntries,
                                                unwrittenDays: history.unwritten.count, lastError: history.lastError,
                                                checkpointError: checkpointError)
        }
        stats.lastReject = lastReject
        stats.lines = linesSeen
        let fromBatches = batchAutoUnits.compactMap { $0 }
        let read = fromBatches.isEmpty
            ? decoder.autoUnits
            : fromBatches.dropFirst().reduce(fromBatches[0]) { zip($0, $1).map { $0 + $1 } }
        // With those read before a restart, so the summary says what auto chose for the whole input.
        stats.autoUnits = resumed.autoUnits.isEmpty ? read : zip(read, resumed.autoUnits).map { $0 + $1 }
        stats.bytes = bytesSeen
        stats.input = inputMonitor?.status
        return stats
    }

    public func snapshot(hopping: HoppingSpec?, detail: String? = nil) -> MetricsSnapshot {
        processor.snapshot(hopping: hopping, stats: stats, detail: detail)
    }
}
