import EventModel
import History
@testable import Output
import Testing

@Suite struct HistoryReportTextTests {
    let week = CivilDate(year: 2026, month: 11, day: 23)!
    var weekly: [WeeklyErrorRateRow] {
        [WeeklyErrorRateRow(week: week, tenant: "acme", totalEvents: 3, errorEvents: 1, errorRate: 1.0 / 3.0),
         WeeklyErrorRateRow(week: week, tenant: nil, totalEvents: 0, errorEvents: 0, errorRate: nil)]
    }

    @Test func csvHasTheSeedsColumnsAndNullAsEmpty() {
        let text = HistoryReportText.render(weekly, .csv)
        #expect(text == "week,tenant_id,total_events,error_events,error_rate\n"
            + "2026-11-23,acme,3,1,0.3333333333333333\n2026-11-23,,0,0,\n")
        let daily = [DailyEventsRow(date: week, tenant: "x\ny", events: nil)]
        #expect(HistoryReportText.render(daily, .csv) == "date,tenant_id,events\n2026-11-23,\"x\ny\",\n")
    }

    @Test func jsonIsOneArrayWithNulls() {
        let text = HistoryReportText.render(weekly, .json)
        #expect(text.hasPrefix("[\n{\"week\":\"2026-11-23\",\"tenant_id\":\"acme\""))
        #expect(text.contains("{\"week\":\"2026-11-23\",\"tenant_id\":null,\"total_events\":0,\"error_events\":0,\"error_rate\":null}"))
        #expect(text.hasSuffix("\n]\n"))
        #expect(HistoryReportText.render([WeeklyErrorRateRow](), .json) == "[]\n")
    }

    @Test func tableShowsPercentAndMakesNamesSafe() {
        let rows = [WeeklyErrorRateRow(week: week, tenant: "evil\u{1B}]0;x\u{07}", totalEvents: 3, errorEvents: 1,
                                       errorRate: 1.0 / 3.0)]
        let text = HistoryReportText.render(rows, .table)
        #expect(text.hasPrefix("week        tenant_id"))
        #expect(text.contains("error %") && text.contains("33.33"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("evil\\x1b]0;x\\x07"))
    }
}
