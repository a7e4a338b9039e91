/// The processing side of ingest: decoded events (straight from lines, or in batches from a
/// decoding thread) → processor, with the reject counts kept alongside.
public struct IngestPipeline: LineSink {
    public var processor: StreamProcessor
    public private(set) var rejected = RejectCounts()
    public private(set) var lastReject: (line: Int, reason: RejectReason)?
    public private(set) var linesSeen = 0
    public private(set) var bytesSeen: Int64 = 0
    private var decoder = EventLineDecoder()

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
        batch.forEach { processor.ingest($0) }
        rejected.add(batch.rejected)
        if let reject = batch.lastReject { lastReject = reject }
        linesSeen = batch.linesSeen
        bytesSeen = batch.bytesSeen
    }

    /// Counters so far.
    public var stats: IngestStats {
        var stats = IngestStats()
        stats.rejected = rejected
        stats.lastReject = lastReject
        stats.lines = linesSeen
        stats.bytes = bytesSeen
        return stats
    }

    public func snapshot(hopping: HoppingSpec?) -> MetricsSnapshot {
        processor.snapshot(hopping: hopping, stats: stats)
    }
}
