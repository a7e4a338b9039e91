import DailyFacts
import EventModel

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
        let date = CivilDate(instant: event.ts)
        if date.daysSinceEpoch <= closedThrough {
            dropped += 1
        } else {
            rollup.add(event)
            nextClose = min(nextClose, closes(date))
        }
    }

    /// Closes and writes every open day that stream time `end` has left behind.
    mutating func closeDays(streamEnd end: Int64?) {
        guard let end else { return }
        var writer = PartitionWriter(directory: settings.directory)
        writer.compression = settings.compression
        writer.createdBy = settings.createdBy
        for date in rollup.openDays where closes(date) <= end {
            let rows = rollup.close(date)
            do {
                try writer.write(date, rows: rows)
                daysWritten += 1
            } catch {
                lastError = error.description
            }
            closedThrough = max(closedThrough, date.daysSinceEpoch)
        }
        updateNextClose()
    }

    /// Stream time at which a date closes: its end plus the lateness.
    func closes(_ date: CivilDate) -> Int64 { date.adding(days: 1).startSecond + settings.lateness }

    mutating func updateNextClose() {
        nextClose = rollup.openDays.first.map(closes) ?? .max
    }
}
