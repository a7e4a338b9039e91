@testable import Dashboard
import EventModel
import History
import Testing

@Suite struct HistoryViewTests {
    @Test func weeklyRatesAndDailyEventsOfTheSelectedWeek() {
        let view = HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49)
        #expect(view.selectedWeek == CivilDate(year: 2026, month: 11, day: 23)!)
        #expect(view.rows.map(\.name) == ["acme", "globex"])
        let acme = view.rows[0]
        // 2026-11-25 failed, 27–29 have no rows: the selected week holds 23, 24, 26.
        #expect(acme.daily == [.events(1000), .events(1000), .empty, .events(1000), .empty, .empty, .empty])
        #expect(acme.weekEvents == 3000)
        #expect(acme.weekly.last == .rate(0.08, partial: true))
        #expect(acme.weekly.first == .rate(0.08, partial: false))
        // globex: one day in seven (a Thursday: days since epoch ≡ 0 mod 7) has 100 errors.
        #expect(view.rows[1].weekly.first == .rate(Double(100 + 6 * 2) / 1400, partial: false))
        #expect(view.failures.map(\.date) == [CivilDate(year: 2026, month: 11, day: 25)!])
        #expect(view.loadingDates == 0)
    }

    @Test func loadingDatesShowAsLoading() {
        let loadingDay = CivilDate(year: 2026, month: 11, day: 24)!
        let view = HistoryView(weeks: sampleWeeks, state: { $0 == loadingDay ? .loading : sampleDayStates($0) }, knownDates: 49)
        #expect(view.loadingDates == 1)
        #expect(view.rows[0].weekly.last == .loading)
        #expect(view.rows[0].daily[1] == .loading)
        #expect(view.rows[0].daily[0] == .events(1000))
        let (title, note) = HistoryPane.title(view, ascii: false)
        #expect(title == "History · week 2026-W48 (Nov 23–29)")
        #expect(note == "loading 55/56")
    }
}
