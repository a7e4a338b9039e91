import DailyFacts
import EventModel
import Ingest

/// Lines → decoder → daily rollup, for `eventtop rollup` (no windows).
public struct RollupRun: LineSink {
    public var rollup: DailyRollup
    public private(set) var accepted = 0
    public private(set) var rejected = RejectCounts()
    private var decoder: EventLineDecoder

    public init(mapping: EventMapping) {
        rollup = DailyRollup()
        decoder = EventLineDecoder(mapping: mapping)
    }

    /// Writes every date read as a partition of `writer`'s folder (each replaced atomically)
    /// and returns how many.
    public mutating func write(to writer: PartitionWriter) throws(DataError) -> Int {
        let dates = rollup.openDays
        for date in dates { try writer.replace(date, rows: rollup.close(date)) }
        return dates.count
    }

    /// Numeric timestamps read under `--ts-unit auto`, by the unit taken.
    public var autoUnits: [Int] { decoder.autoUnits }

    @inline(__always)
    public mutating func line(_ bytes: UnsafePointer<UInt8>, count: Int, number: Int) {
        switch decoder.decode(terminated: bytes, count: count) {
        case .event(let event):
            accepted += 1
            rollup.add(event)
        case .blank:
            break
        case .rejected(let reason):
            rejected[reason] += 1
        }
    }

    public mutating func tooLong(number: Int) { rejected[.tooLong] += 1 }

    /// Reads a whole input through this pipeline; `progress` is called now and then with the
    /// bytes read so far and the events accepted.
    public mutating func read(_ source: InputSource, maxLineBytes: Int, progress: (Int64, Int) -> Void)
        throws(DataError)
    {
        let splitter = LineSplitter(maxLineBytes: maxLineBytes)
        var lastReport = WallClock.monotonicNanos()
        while true {
            switch try source.read(into: splitter.readSpace(), timeoutMs: 1000) {
            case .bytes(let n): splitter.didRead(n, into: &self)
            // Only a group's member hands partitions over, and rollup reads no share (refused).
            case .idle, .handover: break
            case .restarted: splitter.finish(into: &self)
            case .end:
                splitter.finish(into: &self)
                progress(splitter.bytesSeen, accepted)
                return
            }
            let now = WallClock.monotonicNanos()
            if now - lastReport > 250_000_000 {
                lastReport = now
                progress(splitter.bytesSeen, accepted)
            }
        }
    }
}
