import EventModel
import Windows

/// Output formats of `realtime_event_metrics` rows (DESIGN §6).
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, ndjson
}

/// Writes rows as a table, CSV or NDJSON.
public struct MetricsWriter {
    public static let columns = RealtimeEventMetrics.columns
    public let format: OutputFormat
    private var wroteHeader = false

    public init(format: OutputFormat) { self.format = format }

    /// The text for one batch of rows (one tick). CSV writes its header once.
    public mutating func render(_ rows: [WindowRow]) -> String {
        switch format {
        case .csv:
            var out = ""
            if !wroteHeader { out += Self.columns.joined(separator: ",") + "\n" }
            wroteHeader = true
            for row in rows { out += Self.fields(row).map(CSV.quote).joined(separator: ",") + "\n" }
            return out
        case .ndjson:
            return rows.map { row in
                "{\"tenant_id\":\(JSONText.quote(row.tenant)),\"event_type\":\(JSONText.quote(row.eventType)),"
                    + "\"window_start_ts\":\"\(Timestamp.formatSeconds(row.windowStart))\","
                    + "\"window_end_ts\":\"\(Timestamp.formatSeconds(row.windowEnd))\","
                    + "\"occurrences\":\(row.occurrences),\"last_event_ts\":\"\(Timestamp.formatNanos(row.lastEventTs))\"}\n"
            }.joined()
        case .table:
            // Ticks after the first are set apart by a blank line.
            defer { wroteHeader = true }
            return (wroteHeader ? "\n" : "") + TextTable.render(header: Self.columns, rows: rows.map(Self.fields),
                                    rightAligned: [4])
        }
    }

    static func fields(_ row: WindowRow) -> [String] {
        [row.tenant, row.eventType, Timestamp.formatSeconds(row.windowStart), Timestamp.formatSeconds(row.windowEnd),
         String(row.occurrences), Timestamp.formatNanos(row.lastEventTs)]
    }
}
