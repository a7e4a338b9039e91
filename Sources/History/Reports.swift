/// A row of the daily report: `date, tenant_id, SUM(total_events) AS events`.
public struct DailyEventsRow: Sendable, Equatable {
    public var date: HistoryDate
    public var tenant: String?
    public var events: Int64?

    public init(date: HistoryDate, tenant: String?, events: Int64?) {
        self.date = date
        self.tenant = tenant
        self.events = events
    }
}

/// A row of the weekly report: `DATE_TRUNC('week', date) AS week, tenant_id,
/// SUM(total_events), SUM(error_events), SUM(error_events) / SUM(total_events) AS error_rate`.
public struct WeeklyErrorRateRow: Sendable, Equatable {
    public var week: HistoryDate
    public var tenant: String?
    public var totalEvents: Int64?
    public var errorEvents: Int64?
    /// Nil when the total is 0 or null.
    public var errorRate: Double?

    public init(week: HistoryDate, tenant: String?, totalEvents: Int64?, errorEvents: Int64?, errorRate: Double?) {
        self.week = week
        self.tenant = tenant
        self.totalEvents = totalEvents
        self.errorEvents = errorEvents
        self.errorRate = errorRate
    }
}

/// The seed's two queries over decoded dates.
public enum HistoryReports {
    /// Daily events per tenant, sorted by date then tenant (UTF-8 byte order, null last).
    public static func dailyEvents(_ days: [DayData], tenant: String? = nil) -> [DailyEventsRow] {
        var rows: [DailyEventsRow] = []
        for day in days.sorted(by: { $0.date < $1.date }) {
            for t in day.tenants where tenant == nil || t.tenant == tenant {
                rows.append(DailyEventsRow(date: day.date, tenant: t.tenant, events: t.totalEvents))
            }
        }
        return rows
    }

    /// Weekly error rate per tenant (ISO weeks from Monday), sorted by week then tenant.
    /// Throws when a sum does not fit in 64 bits.
    public static func weeklyErrorRate(_ days: [DayData], tenant: String? = nil) throws(HistoryError) -> [WeeklyErrorRateRow] {
        struct Key: Hashable { var week: HistoryDate; var tenant: String? }
        var sums: [Key: (total: Int64?, errors: Int64?)] = [:]
        func add(_ a: Int64?, _ b: Int64?) -> (Int64?, Bool) {
            guard let b else { return (a, false) }
            guard let a else { return (b, false) }
            let (s, o) = a.addingReportingOverflow(b)
            return (s, o)
        }
        for day in days {
            let week = day.date.weekStart
            for t in day.tenants where tenant == nil || t.tenant == tenant {
                let key = Key(week: week, tenant: t.tenant)
                let old = sums[key] ?? (nil, nil)
                let (total, o1) = add(old.total, t.totalEvents)
                let (errors, o2) = add(old.errors, t.errorEvents)
                if o1 || o2 {
                    throw HistoryError("week of \(week): sum of counts for tenant '\(t.tenant ?? "NULL")' overflows a 64-bit integer")
                }
                sums[key] = (total, errors)
            }
        }
        return sums.map { key, s in
            var rate: Double?
            if let total = s.total, total != 0, let errors = s.errors { rate = Double(errors) / Double(total) }
            return WeeklyErrorRateRow(week: key.week, tenant: key.tenant, totalEvents: s.total, errorEvents: s.errors,
                                      errorRate: rate)
        }.sorted { a, b in a.week != b.week ? a.week < b.week : tenantPrecedes(a.tenant, b.tenant) }
    }
}
