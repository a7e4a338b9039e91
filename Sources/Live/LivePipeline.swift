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
    private var decoder = EventLineDecoder()
    /// The live daily rollup, with `live --history`.
    var history: LiveHistory?
    /// Where the input stands after the last batch.
    var position = InputPosition()
    /// Counters carried over from a checkpoint.
    private var resumed = Checkpoint(inputPath: "", device: 0, inode: 0, offset: 0)

    public init(config: ProcessorConfig) {
        processor = StreamProcessor(config: config)
    }

    @inline(__always)
    public mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int) {
        linesSeen = number
        switch decoder.decode(bytes, count: count) {
        case .event(let event):
            processor.ingest(event)
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

    /// Takes a batch from the decoding thread, in input order.
    mutating func consume(_ batch: DecodedBatch) {
        if history != nil {
            // Days close as stream time passes them, event by event, so what is dropped does
            // not depend on how the input was cut into blocks.
            batch.forEach { event in
                if processor.ingest(event) { history!.add(event) }
                if let end = processor.streamEnd, end >= history!.nextClose { history!.closeDays(streamEnd: end) }
            }
        } else {
            batch.forEach { processor.ingest($0) }
        }
        rejected.add(batch.rejected)
        if let reject = batch.lastReject { lastReject = reject }
        linesSeen = batch.linesSeen
        bytesSeen = batch.bytesSeen
        position = batch.position
    }

    /// Closes the days stream time has left behind (after a clock tick).
    mutating func closeDays() {
        history?.closeDays(streamEnd: processor.streamEnd)
    }

    /// Takes up where a checkpoint left off: its counters and its open days.
    mutating func restore(_ checkpoint: Checkpoint) throws(DataError) {
        guard var history else { return }
        var reader = BinaryReader(checkpoint.rollup)
        history.rollup = try DailyRollup(decoding: &reader, errorTypes: history.settings.errorTypes)
        history.closedThrough = checkpoint.closedThrough
        history.updateNextClose()
        history.dropped = checkpoint.dropped
        history.daysWritten = checkpoint.daysWritten
        self.history = history
        resumed = checkpoint
        position = InputPosition(device: checkpoint.device, inode: checkpoint.inode, offset: checkpoint.offset)
        if !checkpoint.windows.isEmpty {
            var windows = BinaryReader(checkpoint.windows)
            _ = try processor.restore(from: &windows)
        }
    }

    /// The checkpoint of the state now.
    func checkpoint(inputPath: String) -> Checkpoint {
        var c = Checkpoint(inputPath: inputPath, device: position.device, inode: position.inode, offset: position.offset)
        c.accepted = resumed.accepted + processor.accepted
        c.rejected = stats.rejected
        c.late = resumed.late + processor.late
        c.future = resumed.future + processor.future
        c.dropped = history?.dropped ?? 0
        c.daysWritten = history?.daysWritten ?? 0
        c.closedThrough = history?.closedThrough ?? .min
        var w = BinaryWriter()
        history?.rollup.encode(into: &w)
        c.rollup = w.bytes
        var windows = BinaryWriter()
        processor.encode(into: &windows)
        c.windows = windows.bytes
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
        stats.future = resumed.future
        if let history {
            stats.history = IngestStats.History(dropped: history.dropped, daysWritten: history.daysWritten,
                                                openDays: history.rollup.openDays.count,
                                                heldEntries: history.rollup.heldEntries, lastError: history.lastError)
        }
        stats.lastReject = lastReject
        stats.lines = linesSeen
        stats.bytes = bytesSeen
        return stats
    }

    public func snapshot(hopping: HoppingSpec?) -> MetricsSnapshot {
        processor.snapshot(hopping: hopping, stats: stats)
    }
}
