import History
import Testing

@Suite struct HistoryDateTests {
    @Test func parsesAndPrints() {
        #expect(HistoryDate("2026-06-01")?.description == "2026-06-01")
        #expect(HistoryDate("1970-01-01")?.daysSinceEpoch == 0)
        #expect(HistoryDate("2000-02-29")?.description == "2000-02-29")
        #expect(HistoryDate("1900-02-29") == nil)
        #expect(HistoryDate("2026-13-01") == nil)
        #expect(HistoryDate("2026-06-1")?.description == "2026-06-01")
        #expect(HistoryDate("26-06-01") == nil)
        #expect(HistoryDate("1969-12-31")?.daysSinceEpoch == -1)
        #expect(HistoryDate(epochSeconds: -1).description == "1969-12-31")
    }

    @Test func isoWeeksStartOnMonday() {
        #expect(HistoryDate("2026-11-26")!.weekStart.description == "2026-11-23")  // Thursday
        #expect(HistoryDate("2026-11-23")!.weekStart.description == "2026-11-23")  // Monday
        #expect(HistoryDate("2026-11-29")!.weekStart.description == "2026-11-23")  // Sunday
        #expect(HistoryDate("2021-01-03")!.weekStart.description == "2020-12-28")
        #expect(HistoryDate("1969-12-31")!.weekStart.description == "1969-12-29")
        let r = HistoryDateRange(weeks: 4, endingWith: HistoryDate("2026-11-26")!)
        #expect(r.first.description == "2026-11-02" && r.last.description == "2026-11-29" && r.dates.count == 28)
    }
}

@Suite struct ReportTests {
    func day(_ d: String, _ tenants: [(String?, Int64?, Int64?)]) -> DayData {
        DayData(date: HistoryDate(d)!, tenants: tenants.map { TenantCounts(tenant: $0.0, totalEvents: $0.1, errorEvents: $0.2) })
    }

    @Test func weeklySumsAndNullRates() throws {
        let days = [day("2026-11-23", [("a", 10, 1), ("b", 0, 0)]), day("2026-11-29", [("a", 2, 0), ("b", 0, 0)]),
                    day("2026-11-30", [("é", 3, 1), ("z", 3, 3)])]
        let rows = try HistoryReports.weeklyErrorRate(days)
        #expect(rows.map(\.tenant) == ["a", "b", "z", "é"])
        #expect(rows[0].totalEvents == 12 && rows[0].errorEvents == 1 && rows[0].errorRate == 1.0 / 12.0)
        #expect(rows[1].errorRate == nil && rows[1].totalEvents == 0)
        #expect(rows[2].week.description == "2026-11-30" && rows[2].errorRate == 1.0)
        #expect(try HistoryReports.weeklyErrorRate(days, tenant: "b").count == 1)
        #expect(HistoryReports.dailyEvents(days, tenant: "a").map(\.events) == [10, 2])
    }

    @Test func weeklyOverflowThrows() {
        let days = [day("2026-11-23", [("a", .max, 0)]), day("2026-11-24", [("a", 1, 0)])]
        #expect(throws: HistoryError.self) { try HistoryReports.weeklyErrorRate(days) }
    }
}
