import EventModel
import History

/// The seed's two reports as `eventtop history` prints them: a table for people (error rate in
/// %, null as `-`), CSV (RFC 4180, null as an empty field) or one JSON array of objects with the
/// CSV's keys (null as null).
public enum HistoryReportText {
    public enum Format: String, CaseIterable, Sendable { case table, csv, json }

    /// The CSV header of each report: the seed's column names.
    public static let dailyColumns = [FactEventsDaily.date, FactEventsDaily.tenantID, "events"]
    public static let weeklyColumns = ["week", FactEventsDaily.tenantID, FactEventsDaily.totalEvents,
                                       FactEventsDaily.errorEvents, "error_rate"]

    public static func render(_ rows: [DailyEventsRow], _ format: Format) -> String {
        if format != .table {
            var out = MachineText(header: dailyColumns, json: format == .json)
            for row in rows {
                out.beginRow()
                out.text(row.date.description)
                out.text(row.tenant)
                out.integer(row.events)
                out.endRow()
            }
            return out.finish()
        }
        let cells = rows.map { [$0.date.description, $0.tenant, $0.events.map { String($0) }] }
        return table(dailyColumns, cells, rightAligned: [2])
    }

    public static func render(_ rows: [WeeklyErrorRateRow], _ format: Format) -> String {
        if format != .table {
            var out = MachineText(header: weeklyColumns, json: format == .json)
            for row in rows {
                out.beginRow()
                out.text(row.week.description)
                out.text(row.tenant)
                out.integer(row.totalEvents)
                out.integer(row.errorEvents)
                out.number(row.errorRate.map(ratio))
                out.endRow()
            }
            return out.finish()
        }
        var header = weeklyColumns
        header[4] = "error %"
        let cells = rows.map { row -> [String?] in
            [row.week.description, row.tenant, row.totalEvents.map { String($0) }, row.errorEvents.map { String($0) },
             row.errorRate.map(percent)]
        }
        return table(header, cells, rightAligned: [2, 3, 4])
    }

    /// The shortest decimal text that reads back as the same double (Swift's description).
    static func ratio(_ v: Double) -> String { "\(v)" }

    /// `12.34` (two decimals) for tables; a rate too large for that (counts from a corrupt or
    /// hand-made file) as Swift prints the double, rather than overflowing.
    static func percent(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e12 else { return "\(v * 100)" }
        let hundredths = Int64((v * 10_000).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    static func table(_ header: [String], _ rows: [[String?]], rightAligned: Set<Int>) -> String {
        TextTable.render(header: header, rows: rows.map { $0.map { $0 ?? "-" } }, rightAligned: rightAligned)
    }
}
