import EventModel
/// A row of the daily report: `date, tenant_id, SUM(total_events) AS events`.
public struct DailyEventsRow: Sendable, Equatable {
    public var date: CivilDate
    public var tenant: String?
    public var events: Int64?

    public init(date: CivilDate, tenant: String?, events: Int64?) {
        self.date = date
        self.tenant = tenant
        self.events = events
    }
}

/// A row of the weekly report: `DATE_TRUNC('week', date) AS week, tenant_id,
/// SUM(total_events), SUM(error_events), SUM(error_events) / SUM(total_events) AS error_rate`.
public struct WeeklyErrorRateRow: Sendable, Equatable {
    public var week: CivilDate
    public var tenant: String?
    public var totalEvents: Int64?
    public var errorEvents: Int64?
    /// Nil when the total is 0 or null.
    public var errorRate: Double?

    public init(week: CivilDate, tenant: String?, totalEvents: Int64?, errorEvents: Int64?, errorRate: Double?) {
        self.week = week
        self.tenant = tenant
        self.totalEvents = totalEvents
        self.errorEvents = errorEvents
        self.errorRate = errorRate
    }
}

/// The seed's two queries over decoded dates.
public enum HistoryReports {
    /// The distinct tenants of `days` (only `tenant` when given), in UTF-8 byte order with
    /// null last, and each one's rank in that order. Sorting the few distinct names once is
    /// far cheaper than sorting every day's rows by name.
    static func tenantRanks(_ days: [DayData], only tenant: String?) -> [String?: Int] {
        var names: [String?: Int] = [:]
        for day in days {
            for t in day.tenants where (tenant == nil || t.tenant == tenant) && names[t.tenant] == nil {
                names[t.tenant] = 0
            }
        }
        let sorted = names.keys.sorted(by: tenantPrecedes)
        for (rank, name) in sorted.enumerated() { names[name] = rank }
        return names
    }

    /// Daily events per tenant, sorted by date then tenant (UTF-8 byte order, null last).
    public static func dailyEvents(_ days: [DayData], tenant: String? = nil) -> [DailyEventsRow] {
        let ranks = tenantRanks(days, only: tenant)
        var byRank = [TenantCounts?](repeating: nil, count: ranks.count)
        var rows: [DailyEventsRow] = []
        rows.reserveCapacity(days.reduce(0) { $0 + $1.tenants.count })
        for day in days.sorted(by: { $0.date < $1.date }) {
            for t in day.tenants { if let r = ranks[t.tenant] { byRank[r] = t } }
            for r in 0..<byRank.count {
                guard let t = byRank[r] else { continue }
                rows.append(DailyEventsRow(date: day.date, tenant: t.tenant, events: t.totalEvents))
                byRank[r] = nil
            }
        }
        return rows
    }

    /// Weekly error rate per tenant (ISO weeks from Monday), sorted by week then tenant.
    /// Throws when a sum does not fit in 64 bits.
    public static func weeklyErrorRate(_ days: [DayData], tenant: String? = nil) throws(DataError) -> [WeeklyErrorRateRow] {
        let ranks = tenantRanks(days, only: tenant)
        var names = [String?](repeating: nil, count: ranks.count)
        for (name, r) in ranks { names[r] = name }
        struct Sum {
            var seen = false
            var total: Int64?
            var errors: Int64?
        }
        func add(_ a: Int64?, _ b: Int64?) -> (Int64?, Bool) {
            guard let b else { return (a, false) }
            guard let a else { return (b, false) }
            return a.addingReportingOverflow(b)
        }
        var weeks: [CivilDate: [DayData]] = [:]
        for day in days { weeks[day.date.weekStart, default: []].append(day) }
        var rows: [WeeklyErrorRateRow] = []
        for week in weeks.keys.sorted() {
            var sums = [Sum](repeating: Sum(), count: ranks.count)
            for day in weeks[week]! {
                for t in day.tenants {
                    guard let r = ranks[t.tenant] else { continue }
                    let (total, o1) = add(sums[r].total, t.totalEvents)
                    let (errors, o2) = add(sums[r].errors, t.errorEvents)
                    if o1 || o2 {
                        throw DataError(.overflow, "week of \(week): sum of counts for tenant '\(t.tenant ?? "NULL")' overflows a 64-bit integer")
                    }
                    sums[r] = Sum(seen: true, total: total, errors: errors)
                }
            }
            for r in 0..<sums.count where sums[r].seen {
                let s = sums[r]
                var rate: Double?
                if let total = s.total, total != 0, let errors = s.errors { rate = Double(errors) / Double(total) }
                rows.append(WeeklyErrorRateRow(week: week, tenant: names[r], totalEvents: s.total, errorEvents: s.errors,
                                               errorRate: rate))
            }
        }
        return rows
    }
}
