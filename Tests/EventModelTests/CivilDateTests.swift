import EventModel
import Testing

@Suite struct CivilDateTests {
    @Test func parsesAndPrints() {
        #expect(CivilDate("2026-06-01")?.description == "2026-06-01")
        #expect(CivilDate("1970-01-01")?.daysSinceEpoch == 0)
        #expect(CivilDate("2000-02-29")?.description == "2000-02-29")
        #expect(CivilDate("1900-02-29") == nil)
        #expect(CivilDate("2026-13-01") == nil)
        #expect(CivilDate("2026-06-1")?.description == "2026-06-01")
        #expect(CivilDate("26-06-01") == nil)
        #expect(CivilDate("1969-12-31")?.daysSinceEpoch == -1)
        #expect(CivilDate(epochSeconds: -1).description == "1969-12-31")
    }

    @Test func isoWeeksStartOnMonday() {
        #expect(CivilDate("2026-11-26")!.weekStart.description == "2026-11-23")  // Thursday
        #expect(CivilDate("2026-11-23")!.weekStart.description == "2026-11-23")  // Monday
        #expect(CivilDate("2026-11-29")!.weekStart.description == "2026-11-23")  // Sunday
        #expect(CivilDate("2021-01-03")!.weekStart.description == "2020-12-28")
        #expect(CivilDate("1969-12-31")!.weekStart.description == "1969-12-29")
        let r = CivilDateRange(weeks: 4, endingWith: CivilDate("2026-11-26")!)
        #expect(r.first.description == "2026-11-02" && r.last.description == "2026-11-29" && r.dates.count == 28)
    }

    @Test func isoWeeks() {
        #expect(CivilDate(year: 2026, month: 1, day: 1)!.isoWeekLabel == "2026-W01")
        #expect(CivilDate(year: 2027, month: 1, day: 1)!.isoWeekLabel == "2026-W53")
        #expect(CivilDate(year: 2024, month: 12, day: 30)!.isoWeekLabel == "2025-W01")
    }
}
