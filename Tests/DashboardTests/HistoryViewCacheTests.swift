@testable import Dashboard
import Demo
import EventModel
import Foundation
import History
import Testing

/// The history pane's view over the browser: built again when the folder is listed again.
@Suite struct HistoryViewCacheTests {
    /// The view once every date of `weeks` has loaded (the loader works in the background).
    func loadedView(_ cache: inout HistoryViewCache, _ browser: HistoryBrowser, _ weeks: [CivilDate]) -> HistoryView {
        for _ in 0..<500 {
            let view = cache.view(of: browser, weeks: weeks, selected: weeks.last!)
            if view.loadingDates == 0 { return view }
            usleep(10_000)
        }
        return cache.view(of: browser, weeks: weeks, selected: weeks.last!)
    }

    @Test func aPartitionRewrittenInPlaceIsReadAgain() throws {
        let dir = NSTemporaryDirectory() + "eventtop-browser-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let today = CivilDate(year: 2026, month: 11, day: 26)!
        try DemoBackfill.run(directory: dir, weeks: 1, tenants: 3, seed: 1, today: today.daysSinceEpoch, dailyEvents: 10_000)
        let browser = HistoryBrowser(root: dir)
        var cache = HistoryViewCache()
        let weeks = [today.weekStart]
        let before = loadedView(&cache, browser, weeks)
        #expect(before.failures.isEmpty && !before.rows.isEmpty)
        // The same date written again, by another seed: same path, other bytes.
        let monday = today.weekStart
        try FileManager.default.removeItem(atPath: dir + "/date=\(monday)")
        try DemoBackfill.run(directory: dir, weeks: 1, tenants: 3, seed: 2, today: today.daysSinceEpoch, dailyEvents: 50_000)
        #expect(FileManager.default.fileExists(atPath: dir + "/date=\(monday)/part-00000.parquet"))
        // Until the folder is listed again the cached view stays; then the date is read again.
        #expect(cache.view(of: browser, weeks: weeks, selected: weeks.last!) == before)
        browser.rescan()
        let after = loadedView(&cache, browser, weeks)
        #expect(after.rows.map { $0.daily[0] } != before.rows.map { $0.daily[0] })
        #expect(after.rows.map { $0.daily[1] } == before.rows.map { $0.daily[1] })
    }
}

/// Which weeks the pane shows around the selected one, and `g`'s dates.
@Suite struct HistoryWeeksTests {
    let today = CivilDate(year: 2026, month: 11, day: 26)!  // a Thursday of W48

    @Test func theSelectedWeekSitsInTheMiddleWhenLaterWeeksExist() {
        let (now, thisWeek) = HistoryViewCache.weeks(offset: 0, today: today)
        #expect(thisWeek == today.weekStart && now.last == thisWeek && now.count == 8)
        let (back2, selected2) = HistoryViewCache.weeks(offset: -2, today: today)
        #expect(back2.last == today.weekStart && back2.firstIndex(of: selected2) == 5)
        let (far, selected) = HistoryViewCache.weeks(offset: -20, today: today)
        #expect(far.firstIndex(of: selected) == 4 && far.last == selected.adding(days: 21))
        #expect(selected == today.weekStart.adding(days: -140))
    }

    @Test func gReadsDatesAndIsoWeeks() {
        #expect(DashboardState.week(of: "2026-10-05") == CivilDate(year: 2026, month: 10, day: 5))
        #expect(DashboardState.week(of: "2026-10-08") == CivilDate(year: 2026, month: 10, day: 5))
        #expect(DashboardState.week(of: "2026-W41") == CivilDate(year: 2026, month: 10, day: 5))
        #expect(DashboardState.week(of: "2026-w01") == CivilDate(year: 2025, month: 12, day: 29))
        for bad in ["2026-02-30", "2026-13-01", "2026-W54", "2026", "", "20261005", "2026-W"] {
            #expect(DashboardState.week(of: bad) == nil, "\(bad)")
        }
        var state = DashboardState(window: WindowChoice(presets: [60], length: 60))
        _ = state.handle(.character("g"), tenantOrder: [], today: today)
        for c in "2026-W41" { _ = state.handle(.character(c), tenantOrder: [], today: today) }
        #expect(state.handle(.enter, tenantOrder: [], today: today) == .history)
        #expect(state.weekOffset == -7 && state.dateDraft == nil)
        _ = state.handle(.character("g"), tenantOrder: [], today: today)
        for c in "2027-01-04" { _ = state.handle(.character(c), tenantOrder: [], today: today) }
        _ = state.handle(.enter, tenantOrder: [], today: today)
        #expect(state.weekOffset == -7 && state.dateProblem == "2027-01-04 is after this week")
        _ = state.handle(.character("}"), tenantOrder: [], today: today)
        #expect(state.weekOffset == -3)
        _ = state.handle(.character("}"), tenantOrder: [], today: today)
        #expect(state.weekOffset == 0)
        _ = state.handle(.character("{"), tenantOrder: [], today: today)
        #expect(state.weekOffset == -4)
    }
}
