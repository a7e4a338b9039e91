import DailyFacts
import EventModel

/// The live daily rollup: events go into their open day; a day closes once stream time passes
/// its end plus the lateness, and is then written once as this input's file of the date's
/// partition. Events for a day already closed are counted as dropped. A day that cannot be
/// written (a full disk, a read-only folder) is kept — in memory and in the checkpoint — and
/// retried at every checkpoint; it counts as written only once it is on disk.
struct LiveHistory {
    let settings: HistorySettings
    var rollup: DailyRollup
    /// The last day closed (every day up to it is closed).
    var closedThrough: Int64 = .min
    var dropped = 0
    /// Days that reached the disk.
    var daysWritten = 0
    /// Closed days not written yet, with their rows, and why the last attempt failed.
    var unwritten: [CivilDate: [DailyRow]] = [:]
    var lastError: String?
    /// Stream time at which the earliest open day closes.
    var nextClose: Int64 = .max

    init(settings: HistorySettings) {
        self.settings = settings
        rollup = DailyRollup()
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
        for date in rollup.openDays where closes(date) <= end {
            closedThrough = max(closedThrough, date.daysSinceEpoch)
            write(date, rows: rollup.close(date))
        }
        updateNextClose()
    }

    /// Tries again to write the days that could not be written.
    mutating func retryUnwritten() {
        for (date, rows) in unwritten.sorted(by: { $0.key < $1.key }) { write(date, rows: rows) }
    }

    private mutating func write(_ date: CivilDate, rows: [DailyRow]) {
        var writer = PartitionWriter(directory: settings.directory)
        writer.compression = settings.compression
        writer.createdBy = settings.createdBy
        do {
            try writer.write(date, file: settings.fileName, rows: rows)
            daysWritten += 1
            unwritten[date] = nil
            if unwritten.isEmpty { lastError = nil }
        } catch {
            unwritten[date] = rows
            lastError = error.description
        }
    }

    /// Stream time at which a date closes: its end plus the lateness.
    func closes(_ date: CivilDate) -> Int64 { date.adding(days: 1).startSecond + settings.lateness }

    mutating func updateNextClose() {
        nextClose = rollup.openDays.first.map(closes) ?? .max
    }

    // MARK: checkpoint coding of the unwritten days

    func encodeUnwritten(into w: inout BinaryWriter) {
        w.int(unwritten.count)
        for (date, rows) in unwritten.sorted(by: { $0.key < $1.key }) {
            w.int(date.daysSinceEpoch)
            w.int(rows.count)
            for row in rows {
                w.string(row.tenant)
                w.string(row.eventType)
                w.int(row.totalEvents)
                w.int(row.errorEvents)
                w.int(row.uniqueSessions)
                w.int(row.avgSessionDuration == nil ? 0 : 1)
                w.double(row.avgSessionDuration ?? 0)
            }
        }
    }

    mutating func decodeUnwritten(from r: inout BinaryReader) throws(DataError) {
        unwritten = [:]
        for _ in 0..<(try r.count(limit: 1 << 20)) {
            let day = try r.dayOrNone()
            guard day != .min else { throw .corrupt("holds a day out of range") }
            let date = CivilDate(daysSinceEpoch: day)
            var rows: [DailyRow] = []
            for _ in 0..<(try r.count(limit: 1 << 31)) {
                let tenant = try r.string(), type = try r.string()
                let total = Int64(try r.tally()), errors = Int64(try r.tally()), sessions = Int64(try r.tally())
                let hasDuration = try r.int() != 0
                let duration = try r.double()
                rows.append(DailyRow(tenant: tenant, eventType: type, totalEvents: total, errorEvents: errors,
                                     uniqueSessions: sessions, avgSessionDuration: hasDuration ? duration : nil))
            }
            unwritten[date] = rows
        }
    }
}
