#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DailyFacts
import EventModel

/// Gives the demo a past: writes `fact_events_daily` partitions (DESIGN §4) for every day of
/// the last N ISO weeks up to yesterday that has none yet, through `PartitionWriter` — the
/// same files `live --history` and `rollup` write. The rows are synthesized per day
/// (`DemoHistoryShape`), not rolled up from raw events, so twelve weeks take a moment.
/// A first run writes every day; later runs fill only gaps and the days since; partitions
/// already there (the demo's or anyone's) are never touched.
public enum DemoBackfill {
    /// What a run did.
    public struct Outcome: Sendable, Equatable {
        /// Days written (days since 1970-01-01), ascending.
        public var written: [Int64]
        /// Days of the range that already had a partition.
        public var existing: Int
    }

    /// The most weeks a run covers (about ten years).
    public static let maxWeeks = 520

    /// Today's UTC date, as days since 1970-01-01.
    public static func currentDay() -> Int64 { CivilDate(epochSeconds: WallClock.nowSecond()).daysSinceEpoch }

    /// The days a run covers: from the Monday of the ISO week N − 1 weeks before today's, up
    /// to yesterday (empty on a Monday with N = 1, or N < 1).
    public static func days(weeks: Int, today: Int64) -> ClosedRange<Int64>? {
        guard weeks > 0 else { return nil }
        let monday = CivilDate(daysSinceEpoch: today).weekStart.daysSinceEpoch
        let first = monday - 7 * Int64(min(weeks, maxWeeks) - 1)
        let last = today - 1
        return first <= last ? first...last : nil
    }

    /// Writes the missing days. `dailyEvents` sets the volume of all tenants on an ordinary
    /// day (pass the live rate × 86 400 to match the feed; the default is 2 000 events/s).
    @discardableResult
    public static func run(directory: String, weeks: Int = 12, tenants: Int = 24, seed: UInt64 = 1,
                           today: Int64 = currentDay(), dailyEvents: Int64 = 2_000 * 86_400,
                           compression: PartitionCompression = .snappy) throws(DataError) -> Outcome
    {
        guard let range = days(weeks: weeks, today: today) else { return Outcome(written: [], existing: 0) }
        let present = try partitionDays(in: directory)
        // The history starts at the earliest day there is: a later run with the same folder
        // agrees with the first on growth and on when the late tenant starts.
        let origin = min(range.lowerBound, present.min() ?? range.lowerBound)
        let shape = DemoHistoryShape(tenants: min(tenants, DemoFeed.Settings.maxTenants), seed: seed, origin: origin,
                                     lateStartOffset: Int64(min(weeks, maxWeeks)) * 7 / 2,
                                     dailyEvents: Double(dailyEvents))
        var writer = PartitionWriter(directory: directory)
        writer.compression = compression
        writer.createdBy = "eventtop demo"
        var outcome = Outcome(written: [], existing: 0)
        for day in range {
            if present.contains(day) {
                outcome.existing += 1
                continue
            }
            try writer.replace(CivilDate(daysSinceEpoch: day), rows: shape.rows(day: day))
            outcome.written.append(day)
        }
        return outcome
    }

    /// The days of the `date=YYYY-MM-DD` folders in `directory` (none when it does not exist).
    static func partitionDays(in directory: String) throws(DataError) -> Set<Int64> {
        var st = stat()
        guard stat(directory, &st) == 0 else {
            if errno == ENOENT { return [] }
            throw .io("cannot list \(directory): \(DataError.systemReason)")
        }
        return Set(try Folders.names(in: directory).compactMap(partitionDay))
    }

    /// The day of a folder named exactly `date=YYYY-MM-DD`, nil for any other name or an
    /// impossible date.
    static func partitionDay(_ name: String) -> Int64? { FactEventsDaily.canonicalDate(ofFolder: name)?.daysSinceEpoch }
}
