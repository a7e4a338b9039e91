import EventModel

/// The seed's weekly query over a `HistoryQuery`, tenants as ranks of `tenants`.
public struct WeeklyErrorRateReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var week: CivilDate
        /// A rank of `tenants`.
        public var tenant: UInt32
        public var totalEvents: Int64?
        public var errorEvents: Int64?
        /// Nil when the total is 0 or null.
        public var errorRate: Double?

        public init(week: CivilDate, tenant: UInt32, totalEvents: Int64?, errorEvents: Int64?, errorRate: Double?) {
            self.week = week
            self.tenant = tenant
            self.totalEvents = totalEvents
            self.errorEvents = errorEvents
            self.errorRate = errorRate
        }
    }

    public var tenants: RankedTenants
    /// Sorted by week, then tenant.
    public var rows: [Row]

    public init(tenants: RankedTenants, rows: [Row]) {
        self.tenants = tenants
        self.rows = rows
    }

    /// The rows with the tenants' names.
    public var named: [WeeklyErrorRateRow] {
        rows.map { WeeklyErrorRateRow(week: $0.week, tenant: tenants.name($0.tenant), totalEvents: $0.totalEvents,
                                      errorEvents: $0.errorEvents, errorRate: $0.errorRate) }
    }
}

/// The seed's daily query over a `HistoryQuery`, tenants as ranks of `tenants`.
public struct DailyEventsReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var date: CivilDate
        /// A rank of `tenants`.
        public var tenant: UInt32
        public var events: Int64?

        public init(date: CivilDate, tenant: UInt32, events: Int64?) {
            self.date = date
            self.tenant = tenant
            self.events = events
        }
    }

    public var tenants: RankedTenants
    /// Sorted by date, then tenant.
    public var rows: [Row]

    public init(tenants: RankedTenants, rows: [Row]) {
        self.tenants = tenants
        self.rows = rows
    }

    /// The rows with the tenants' names.
    public var named: [DailyEventsRow] {
        rows.map { DailyEventsRow(date: $0.date, tenant: tenants.name($0.tenant), events: $0.events) }
    }
}

extension HistoryQuery {
    /// The rank a `tenant` filter keeps: nil keeps all; `.some(nil)` keeps none (an unknown name).
    private func only(_ tenant: String?) -> UInt32?? {
        guard let tenant else { return nil }
        return .some(tenants.rank(of: tenant))
    }

    /// Daily events per tenant (only `tenant` when given), sorted by date then tenant.
    public func dailyEvents(tenant: String? = nil) -> DailyEventsReport {
        let keep = only(tenant)
        var rows: [DailyEventsReport.Row] = []
        if keep == nil { rows.reserveCapacity(dated.reduce(0) { $0 + $1.tenants.count }) }
        for day in dated {
            let first = rows.count
            for t in day.tenants where keep == nil || keep! == t.tenant {
                rows.append(.init(date: day.date, tenant: t.tenant, events: t.totalEvents))
            }
            rows[first...].sort { $0.tenant < $1.tenant }
        }
        return DailyEventsReport(tenants: tenants, rows: rows)
    }

    /// Weekly error rate per tenant (ISO weeks from Monday; only `tenant` when given), sorted by
    /// week then tenant. Throws when a sum does not fit in 64 bits.
    public func weeklyErrorRate(tenant: String? = nil) throws(DataError) -> WeeklyErrorRateReport {
        let keep = only(tenant)
        struct Sum {
            var seen = false
            var totalSeen = false
            var errorsSeen = false
            var total: Int64 = 0
            var errors: Int64 = 0
        }
        var sums = [Sum](repeating: Sum(), count: tenants.count)
        var touched: [UInt32] = []
        var rows: [WeeklyErrorRateReport.Row] = []
        var d = 0
        // `dated` is sorted by date, so each week's dates are consecutive.
        while d < dated.count {
            let week = dated[d].date.weekStart
            while d < dated.count, dated[d].date.weekStart == week {
                for t in dated[d].tenants where keep == nil || keep! == t.tenant {
                    let r = Int(t.tenant)
                    var s = sums[r]
                    if !s.seen {
                        s.seen = true
                        touched.append(t.tenant)
                    }
                    var o1 = false, o2 = false
                    if t.totalSeen { (s.total, o1) = s.total.addingReportingOverflow(t.total); s.totalSeen = true }
                    if t.errorsSeen { (s.errors, o2) = s.errors.addingReportingOverflow(t.errors); s.errorsSeen = true }
                    if o1 || o2 {
                        throw DataError(.overflow, "week of \(week): sum of counts for tenant '\(tenants.name(t.tenant) ?? "NULL")' overflows a 64-bit integer")
                    }
                    sums[r] = s
                }
                d += 1
            }
            // Ranks in order: a scan of the flags when most tenants were seen, else a sort.
            if touched.count * 16 >= sums.count {
                touched.removeAll(keepingCapacity: true)
                for r in 0..<sums.count where sums[r].seen { touched.append(UInt32(r)) }
            } else {
                touched.sort()
            }
            for rank in touched {
                let s = sums[Int(rank)]
                let total = s.totalSeen ? s.total : nil, errors = s.errorsSeen ? s.errors : nil
                var rate: Double?
                if let total, total != 0, let errors { rate = Double(errors) / Double(total) }
                rows.append(.init(week: week, tenant: rank, totalEvents: total, errorEvents: errors, errorRate: rate))
                sums[Int(rank)] = Sum()
            }
            touched.removeAll(keepingCapacity: true)
        }
        return WeeklyErrorRateReport(tenants: tenants, rows: rows)
    }
}
