import EventModel
import History

extension HistoryReportText {
    /// `render(_:_:)` of a query's weekly report, as UTF-8 bytes (CSV written straight into one
    /// buffer, `ReportCSV`).
    public static func render(_ report: WeeklyErrorRateReport, _ format: Format) -> [UInt8] {
        if format == .table { return Array(render(report.named, .table).utf8) }
        if format == .csv { return ReportCSV.weekly(report) }
        var out = MachineText(header: weeklyColumns, json: format == .json)
        var week: CivilDate?
        var weekText = ""
        for row in report.rows {
            if row.week != week {
                week = row.week
                weekText = row.week.description
            }
            out.beginRow()
            out.text(weekText)
            tenant(row.tenant, of: report.tenants, into: &out)
            out.integer(row.totalEvents)
            out.integer(row.errorEvents)
            out.double(row.errorRate)
            out.endRow()
        }
        return out.finishBytes()
    }

    /// `render(_:_:)` of a query's daily report, as UTF-8 bytes.
    public static func render(_ report: DailyEventsReport, _ format: Format) -> [UInt8] {
        if format == .table { return Array(render(report.named, .table).utf8) }
        if format == .csv { return ReportCSV.daily(report) }
        var out = MachineText(header: dailyColumns, json: format == .json)
        var date: CivilDate?
        var dateText = ""
        for row in report.rows {
            if row.date != date {
                date = row.date
                dateText = row.date.description
            }
            out.beginRow()
            out.text(dateText)
            tenant(row.tenant, of: report.tenants, into: &out)
            out.integer(row.events)
            out.endRow()
        }
        return out.finishBytes()
    }

    private static func tenant(_ rank: UInt32, of tenants: RankedTenants, into out: inout MachineText) {
        if tenants.isNull(rank) {
            out.text(nil)
        } else {
            tenants.withName(rank) { out.text(bytes: $0) }
        }
    }
}
