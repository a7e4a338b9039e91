import Parquet

/// Where and how `live --history` writes closed days.
public struct HistorySettings: Sendable {
    public var directory: String
    /// A day closes when stream time passes its end plus this many seconds.
    public var lateness: Int64 = 600
    public var errorTypes: [String] = ["error"]
    public var codec: PageCodec = .snappy
    public var createdBy = "eventtop"
    /// Seconds between checkpoints.
    public var checkpointEvery: Int64 = 10

    public init(directory: String) { self.directory = directory }
}

/// The live daily rollup: events go into their open day; a day closes once stream time passes
/// its end plus the lateness, and is then written once as a partition. Events for a day
/// already written are counted as dropped.
struct LiveHistory {
    let settings: HistorySettings
    var rollup: DailyRollup
    /// The last day closed and written (every day up to it is closed).
    var closedThrough: Int64 = .min
    var dropped = 0
    var daysWritten = 0
    var lastError: String?
    /// Stream time at which the earliest open day closes.
    var nextClose: Int64 = .max

    init(settings: HistorySettings) {
        self.settings = settings
        rollup = DailyRollup(errorTypes: settings.errorTypes)
    }

    @inline(__always)
    mutating func add(_ event: RawEvent) {
        let day = floorDiv(event.ts, 86_400 * Timestamp.nanosPerSecond)
        if day <= closedThrough {
            dropped += 1
        } else {
            rollup.add(event)
            nextClose = min(nextClose, (day + 1) * 86_400 + settings.lateness)
        }
    }

    /// Closes and writes every open day that stream time `end` has left behind.
    mutating func closeDays(streamEnd end: Int64?) {
        guard let end else { return }
        var writer = PartitionWriter(directory: settings.directory)
        writer.codec = settings.codec
        writer.createdBy = settings.createdBy
        for day in rollup.openDays where (day + 1) * 86_400 + settings.lateness <= end {
            let rows = rollup.close(day: day)
            do {
                try writer.write(day: day, rows: rows)
                daysWritten += 1
            } catch {
                lastError = error.description
            }
            closedThrough = max(closedThrough, day)
        }
        nextClose = rollup.openDays.first.map { ($0 + 1) * 86_400 + settings.lateness } ?? .max
    }
}
