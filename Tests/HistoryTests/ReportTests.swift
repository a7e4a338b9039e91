import EventModel
import History
import Testing

@Suite struct ReportTests {
    func day(_ d: String, _ tenants: [(String?, Int64?, Int64?)]) -> DayData {
        DayData(date: CivilDate(d)!, tenants: tenants.map { TenantCounts(tenant: $0.0, totalEvents: $0.1, errorEvents: $0.2) })
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
        #expect(throws: DataError.self) { try HistoryReports.weeklyErrorRate(days) }
    }
}
