import EventModel
import History

/// A cell of the history tables.
public enum HistoryCell: Sendable, Equatable {
    /// The dates behind it are still being read.
    case loading
    /// No rows for this tenant there.
    case empty
    case events(Int64?)
    /// error_events / total_events; nil when the total is 0 or null.
    case rate(Double?, partial: Bool)
}

/// One day of one tenant in the history pane.
public enum DayCell: Sendable, Equatable {
    case loading
    /// The date could not be read.
    case failed
    /// No rows for this tenant that day.
    case empty
    /// Its sums that day (nil: every value null).
    case counts(events: Int64?, errors: Int64?)

    /// error_events / total_events; nil without events.
    public var rate: Double? {
        guard case let .counts(events?, errors?) = self, events > 0 else { return nil }
        return Double(errors) / Double(events)
    }

    public var events: Int64 {
        guard case let .counts(events?, _) = self else { return 0 }
        return events
    }
}

/// One tenant of the history pane: its weekly error rate across weeks, its daily events in the
/// selected week, and every day in view with its own baseline (the median of its daily error
/// rates over the weeks in view).
public struct HistoryTenantRow: Sendable, Equatable {
    public var name: String?
    public var weekly: [HistoryCell]
    public var daily: [HistoryCell]
    public var weekEvents: Int64
    /// Each day of the weeks in view, oldest first (7 a week).
    public var days: [DayCell] = []
    public var baseline: Double?

    /// The days of the selected week.
    public func week(_ index: Int) -> ArraySlice<DayCell> {
        let from = min(days.count, max(0, index * 7))
        return days[from..<min(days.count, from + 7)]
    }
}

/// What the history pane shows for a selected week: the seed's two reports (weekly error
/// rate per tenant across weeks, daily events per tenant of the week), with the dates still
/// loading and the dates that failed.
public struct HistoryView: Sendable, Equatable {
    /// Mondays of the weeks shown, oldest first; the selected week among them (in the middle
    /// when later weeks exist).
    public var weeks: [CivilDate]
    public var selectedWeek: CivilDate
    /// Where the selected week is in `weeks`.
    public var selectedIndex: Int { weeks.firstIndex(of: selectedWeek) ?? max(0, weeks.count - 1) }
    public var rows: [HistoryTenantRow]
    public var loadingDates: Int
    public var requestedDates: Int
    /// Dates that could not be read, with the reason (naming the file).
    public var failures: [(date: CivilDate, message: String)]
    /// Dates the folder holds partitions for, all weeks.
    public var knownDates: Int
    /// Set when the folder itself cannot be listed.
    public var folderError: String?
    /// Files and folders that could not be placed in any date (each a line naming it).
    public var problems: [String] = []
    /// Lines that take nothing from the numbers shown (an object cache that cannot be written).
    public var warnings: [String] = []

    public static func == (a: HistoryView, b: HistoryView) -> Bool {
        a.weeks == b.weeks && a.rows == b.rows && a.loadingDates == b.loadingDates
            && a.failures.map(\.date) == b.failures.map(\.date) && a.folderError == b.folderError
            && a.problems == b.problems && a.warnings == b.warnings
    }

    /// Builds the pane from what the history browser has for its weeks.
    public init(_ history: HistoryWeeks, selected: CivilDate? = nil) {
        self.init(weeks: history.weeks, state: { history.states[$0] }, knownDates: history.knownDates,
                  folderError: history.folderError, selected: selected)
        problems = history.problems
        warnings = history.warnings
    }

    /// Builds the pane from the loader's state of each date of `weeks` (Mondays, oldest
    /// first; `selected` among them, the last by default). `state` nil means never asked for: loading.
    public init(weeks: [CivilDate], state: (CivilDate) -> DayState?, knownDates: Int, folderError: String? = nil,
                selected: CivilDate? = nil)
    {
        self.weeks = weeks
        selectedWeek = selected.flatMap { weeks.contains($0) ? $0 : nil } ?? weeks.last ?? CivilDate(daysSinceEpoch: 0)
        self.knownDates = knownDates
        self.folderError = folderError
        var loaded: [DayData] = []
        var failedDays = Set<CivilDate>()
        var loadingWeeks = Set<CivilDate>()
        var failedWeeks = Set<CivilDate>()
        var loadingDays = Set<CivilDate>()
        var failures: [(CivilDate, String)] = []
        var requested = 0
        for week in weeks {
            for d in 0..<7 {
                let date = week.adding(days: Int64(d))
                requested += 1
                switch state(date) {
                case .loaded(let day): loaded.append(day)
                case .failed(let message):
                    failures.append((date, message))
                    failedDays.insert(date)
                    failedWeeks.insert(week)
                case .loading, nil:
                    loadingDays.insert(date)
                    loadingWeeks.insert(week)
                }
            }
        }
        requestedDates = requested
        loadingDates = loadingDays.count
        self.failures = failures
        var weeklyByTenant: [String?: [CivilDate: WeeklyErrorRateRow]] = [:]
        var reportError: String?
        do throws(DataError) {
            for row in try HistoryReports.weeklyErrorRate(loaded) { weeklyByTenant[row.tenant, default: [:]][row.week] = row }
        } catch {
            reportError = error.description
        }
        if let reportError { self.failures.append((selectedWeek, reportError)) }
        let selectedWeek = self.selectedWeek
        let selectedDays = loaded.filter { $0.date.weekStart == selectedWeek }
        var dailyByTenant: [String?: [CivilDate: Int64?]] = [:]
        for row in HistoryReports.dailyEvents(selectedDays) { dailyByTenant[row.tenant, default: [:]][row.date] = row.events }
        var countsByTenant: [String?: [CivilDate: TenantCounts]] = [:]
        for day in loaded {
            for counts in day.tenants { countsByTenant[counts.tenant, default: [:]][day.date] = counts }
        }
        let allDays = weeks.flatMap { week in (0..<7).map { week.adding(days: Int64($0)) } }
        let names = Set(weeklyByTenant.keys).union(dailyByTenant.keys)
        rows = names.map { name in
            let weekly = weeks.map { week -> HistoryCell in
                if loadingWeeks.contains(week) { return .loading }
                guard let row = weeklyByTenant[name]?[week] else { return .empty }
                return .rate(row.errorRate, partial: failedWeeks.contains(week))
            }
            var total: Int64 = 0
            let daily = (0..<7).map { d -> HistoryCell in
                let date = selectedWeek.adding(days: Int64(d))
                if loadingDays.contains(date) { return .loading }
                guard let events = dailyByTenant[name]?[date] else { return .empty }
                total = total &+ (events ?? 0)
                return .events(events)
            }
            let mine = countsByTenant[name] ?? [:]
            let days = allDays.map { date -> DayCell in
                if loadingDays.contains(date) { return .loading }
                if failedDays.contains(date) { return .failed }
                guard let counts = mine[date] else { return .empty }
                return .counts(events: counts.totalEvents, errors: counts.errorEvents)
            }
            return HistoryTenantRow(name: name, weekly: weekly, daily: daily, weekEvents: total, days: days,
                                    baseline: Self.median(days.compactMap(\.rate)))
        }.sorted { a, b in
            if a.weekEvents != b.weekEvents { return a.weekEvents > b.weekEvents }
            switch (a.name, b.name) {
            case let (x?, y?): return x.utf8.lexicographicallyPrecedes(y.utf8)
            case (nil, _): return false
            case (_, nil): return true
            }
        }
    }

    /// The middle value (the mean of the two middle ones); nil for none.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
