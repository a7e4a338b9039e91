/// Lines → decoder → processor: the `LineSink` an ingest loop feeds.
public struct IngestPipeline: LineSink {
    public var processor: StreamProcessor
    public private(set) var rejected = RejectCounts()
    public private(set) var lastReject: (line: Int, reason: RejectReason)?
    private var decoder = EventLineDecoder()

    public init(config: ProcessorConfig) {
        processor = StreamProcessor(config: config)
    }

    @inline(__always)
    public mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int) {
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
        rejected[.tooLong] += 1
        lastReject = (number, .tooLong)
    }

    /// Counters so far, with the reader's line and byte counts.
    public func stats(lines: Int, bytes: Int64) -> IngestStats {
        var stats = IngestStats()
        stats.rejected = rejected
        stats.lastReject = lastReject
        stats.lines = lines
        stats.bytes = bytes
        return stats
    }

    public func snapshot(hopping: HoppingSpec?, lines: Int, bytes: Int64) -> MetricsSnapshot {
        processor.snapshot(hopping: hopping, stats: stats(lines: lines, bytes: bytes))
    }
}
