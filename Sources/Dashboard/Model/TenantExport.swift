import EventModel

/// The tenant table as the screen shows it (filter and sort applied), for `e`: what the
/// executable writes as CSV. Numbers are exact, not the screen's rounded text.
public struct TenantExport: Sendable {
    public struct Row: Sendable, Equatable {
        public var tenant: String
        public var events: Int64
        public var eventsPerSecond: Double
        public var errors: Int64
        public var errorShare: Double?
        public var baselineShare: Double?
        /// errorShare − baselineShare in points.
        public var deltaPoints: Double?
        /// Below `--min-events`: not flagged, whatever its rate.
        public var belowMinEvents: Bool
    }

    public static let header = ["tenant", "window", "window_start_ts", "window_end_ts", "covered_seconds", "events",
                                "events_per_second", "errors", "error_share", "baseline_share", "error_share_change_points",
                                "below_min_events"]

    /// `1m rolling`, `5m hopping/10s`.
    public var window: String
    public var windowStart: Int64?
    public var windowEnd: Int64?
    public var coveredSeconds: Int64
    public var rows: [Row]
    /// Wall clock when it was taken, epoch seconds (the file's name).
    public var takenAt: Int64

    public init(_ input: FrameInput, plan: FramePlan) {
        window = input.state.window.label
        windowStart = input.live.windowStart
        windowEnd = input.live.windowEnd
        coveredSeconds = input.live.coveredSeconds
        takenAt = input.now
        let minEvents = input.alerting.minEvents
        rows = plan.tenantRows.map { row in
            Row(tenant: row.name, events: row.events, eventsPerSecond: row.perSecond, errors: row.errors,
                errorShare: row.errorShare, baselineShare: row.baselineShare, deltaPoints: row.delta.map { $0 * 100 },
                belowMinEvents: row.events < minEvents)
        }
    }

    /// `eventtop-tenants-20261129-135841.csv`.
    public var fileName: String {
        let date = CivilDate(epochSeconds: takenAt)
        let second = ((takenAt % 86_400) + 86_400) % 86_400
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = String(date.description.filter { $0 != "-" })
        return "eventtop-tenants-\(day)-\(two(second / 3600))\(two(second / 60 % 60))\(two(second % 60)).csv"
    }
}
