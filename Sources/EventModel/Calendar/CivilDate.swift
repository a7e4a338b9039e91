/// A calendar date (UTC, proleptic Gregorian) as days since 1970-01-01: the one model of dates
/// that timestamps, partitions, reports, the screen and the demo share.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var daysSinceEpoch: Int64

    public init(daysSinceEpoch: Int64) { self.daysSinceEpoch = daysSinceEpoch }

    /// The date of a year, month (1–12) and day (1–31); nil when there is no such date.
    public init?(year: Int64, month: Int64, day: Int64) {
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year),
              year > -1_000_000, year < 1_000_000 else { return nil }
        daysSinceEpoch = CivilCalendar.days(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` (a 4-digit year, 1- or 2-digit month and day, as DuckDB casts).
    public init?(_ text: some StringProtocol) {
        let parts = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count)
        else { return nil }
        var numbers: [Int64] = []
        for part in parts {
            var n: Int64 = 0
            for c in part {
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int64(c - UInt8(ascii: "0"))
            }
            numbers.append(n)
        }
        self.init(year: numbers[0], month: numbers[1], day: numbers[2])
    }

    /// (year, month, day).
    public var civil: (year: Int64, month: Int64, day: Int64) { CivilCalendar.date(days: daysSinceEpoch) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = civil
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v.magnitude)
            return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The Monday that starts this date's ISO week (DuckDB's `DATE_TRUNC('week', date)`).
    public var weekStart: CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch - Int64(weekday)) }

    public func adding(days: Int64) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// ISO weekday, Monday 0 … Sunday 6 (1970-01-01 was a Thursday).
    public var weekday: Int { Int(((daysSinceEpoch + 3) % 7 + 7) % 7) }

    /// The ISO 8601 year and week number: a week belongs to the year of its Thursday.
    public var isoWeek: (year: Int64, week: Int64) {
        let thursday = weekStart.adding(days: 3)
        let year = thursday.civil.year
        let january1 = CivilCalendar.days(year: year, month: 1, day: 1)
        return (year, (thursday.daysSinceEpoch - january1) / 7 + 1)
    }

    /// `2026-W48`.
    public var isoWeekLabel: String {
        let (year, week) = isoWeek
        return "\(year)-W" + (week < 10 ? "0\(week)" : "\(week)")
    }

    /// The UTC date of an instant given in seconds since the epoch.
    public init(epochSeconds: Int64) { daysSinceEpoch = floorDiv(epochSeconds, 86_400) }

    /// The UTC date of an instant given in nanoseconds since the epoch.
    public init(instant nanos: Int64) { daysSinceEpoch = floorDiv(nanos, 86_400 * Timestamp.nanosPerSecond) }

    /// The first second of this date, since the epoch.
    public var startSecond: Int64 { daysSinceEpoch * 86_400 }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}

/// An inclusive range of dates.
public struct CivilDateRange: Sendable, Equatable {
    public var first: CivilDate
    public var last: CivilDate

    public init(first: CivilDate, last: CivilDate) {
        self.first = first
        self.last = last
    }

    /// The current ISO week (of `today`) and the `weeks − 1` before it, Monday to Sunday.
    public init(weeks: Int, endingWith today: CivilDate) {
        let monday = today.weekStart
        first = monday.adding(days: -7 * Int64(max(weeks, 1) - 1))
        last = monday.adding(days: 6)
    }

    /// The dates `--weeks N` or `--from A --to B` ask for (neither: 4 weeks ending with
    /// `today`); a mistake is a usage error naming its option.
    public init(weeks: Int?, from: String?, to: String?, today: CivilDate) throws(DataError) {
        if weeks != nil, from != nil || to != nil { throw DataError(.usage, "--weeks and --from/--to cannot be used together") }
        if (from == nil) != (to == nil) { throw DataError(.usage, "--from and --to go together") }
        if let weeks, weeks < 1 || weeks > 10_000 { throw DataError(.usage, "--weeks must be between 1 and 10000") }
        guard let from, let to else {
            self.init(weeks: weeks ?? 4, endingWith: today)
            return
        }
        guard let a = CivilDate(from) else { throw DataError(.usage, "--from: '\(from)' is not a YYYY-MM-DD date") }
        guard let b = CivilDate(to) else { throw DataError(.usage, "--to: '\(to)' is not a YYYY-MM-DD date") }
        guard a <= b else { throw DataError(.usage, "--to \(to) is before --from \(from)") }
        self.init(first: a, last: b)
    }

    public func contains(_ date: CivilDate) -> Bool { first <= date && date <= last }

    public var dates: [CivilDate] {
        guard first <= last else { return [] }
        return (first.daysSinceEpoch...last.daysSinceEpoch).map(CivilDate.init(daysSinceEpoch:))
    }
}
