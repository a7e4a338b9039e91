/// One row of `fact_events_daily` (DESIGN §4): the grain (date, tenant_id, event_type).
public struct DailyRow: Sendable, Equatable {
    public var tenant: String
    public var eventType: String
    public var totalEvents: Int64
    public var errorEvents: Int64
    /// Distinct session_id among this row's events.
    public var uniqueSessions: Int64
    /// Mean, over those sessions, of each session's duration that date (max ts − min ts of
    /// all its events that date, any type), in seconds; nil when the row has no session.
    public var avgSessionDuration: Double?

    public init(tenant: String, eventType: String, totalEvents: Int64, errorEvents: Int64, uniqueSessions: Int64,
                avgSessionDuration: Double?)
    {
        self.tenant = tenant
        self.eventType = eventType
        self.totalEvents = totalEvents
        self.errorEvents = errorEvents
        self.uniqueSessions = uniqueSessions
        self.avgSessionDuration = avgSessionDuration
    }

    /// Rows in the order a partition holds them: by tenant, then type (UTF-8 bytes).
    public static func sorted(_ rows: [DailyRow]) -> [DailyRow] {
        rows.sorted { a, b in
            if !a.tenant.utf8.elementsEqual(b.tenant.utf8) { return a.tenant.utf8.lexicographicallyPrecedes(b.tenant.utf8) }
            return a.eventType.utf8.lexicographicallyPrecedes(b.eventType.utf8)
        }
    }
}

