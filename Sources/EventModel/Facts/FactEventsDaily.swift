/// The two tables of the data model, named once: `fact_events_daily` (the daily rollup's
/// partitions, DESIGN §4) and `realtime_event_metrics` (the live windows' rows, §3). Every
/// writer, reader and text format takes the names from here.
public enum FactEventsDaily {
    /// The table's name, also the default history folder's.
    public static let folderNameOfTable = "fact_events_daily"

    /// The partition key: `date=YYYY-MM-DD` folders, or a `date` column in files that are not
    /// partitioned.
    public static let date = "date"
    public static let tenantID = "tenant_id"
    public static let eventType = "event_type"
    public static let totalEvents = "total_events"
    public static let errorEvents = "error_events"
    public static let avgSessionDuration = "avg_session_duration"
    public static let uniqueSessions = "unique_sessions"

    /// `date=YYYY-MM-DD`: the folder of one date's files.
    public static func folderName(_ day: CivilDate) -> String { date + "=" + day.description }

    /// The date of a `date=YYYY-MM-DD` folder (1- or 2-digit month and day accepted, as DuckDB
    /// casts them); nil for any other name or an impossible date.
    public static func date(ofFolder name: some StringProtocol) -> CivilDate? {
        let prefix = date + "="
        guard name.hasPrefix(prefix) else { return nil }
        return CivilDate(name.dropFirst(prefix.count))
    }

    /// The date of a folder named exactly as `folderName` names it (`date=2026-1-01` is not).
    public static func canonicalDate(ofFolder name: String) -> CivilDate? {
        date(ofFolder: name).flatMap { folderName($0) == name ? $0 : nil }
    }
}

/// The columns of a `realtime_event_metrics` row, in order.
public enum RealtimeEventMetrics {
    public static let columns = [FactEventsDaily.tenantID, FactEventsDaily.eventType, "window_start_ts",
                                 "window_end_ts", "occurrences", "last_event_ts"]
}
