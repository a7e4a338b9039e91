import Cells
import TestSupport
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

/// The history pane follows the tenant pane and shows days, not only weeks.
@Suite struct HistoryFollowsTests {
    init() { #expect(utf8Locale) }

    func input(selected: String?, heatmap: Bool, filter: String = "") -> FrameInput {
        var input = sampleInput(history: HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49))
        input.state.selectedTenant = selected
        input.state.historyHeatmap = heatmap
        input.state.filter = filter
        return input
    }

    func historyLines(_ grid: CellGrid, _ plan: FramePlan) -> [String] {
        let rect = plan.paneAreas[.history]!
        return grid.lines[rect.y..<rect.maxY].map { String($0.dropFirst(rect.x).prefix(rect.width)) }
    }

    @Test func theSelectedTenantComesFirstAndTheFilterApplies() {
        // globex is small in events; selected, it is the first history row.
        let (grid, plan) = frame(input(selected: "globex", heatmap: false), 200, 60)
        let lines = historyLines(grid, plan)
        let first = lines.firstIndex { $0.contains("ERROR RATE") }!
        #expect(lines[first + 1].hasPrefix("│globex"), "\(lines[first + 1])")
        #expect(lines[first + 2].hasPrefix("│acme"))
        // Filtered to "acm": globex is not in the tenant pane, so not in the history either.
        let (filtered, fplan) = frame(input(selected: nil, heatmap: false, filter: "acm"), 200, 60)
        let flines = historyLines(filtered, fplan)
        #expect(!flines.contains { $0.hasPrefix("│globex") } && flines.contains { $0.hasPrefix("│acme") })
    }

    /// An object cache that cannot be written is a warning line in the pane (after the failed
    /// date's), and the status bar does not count it as a failure.
    @Test func anObjectCacheWarningIsALineOfThePane() {
        var i = input(selected: nil, heatmap: false)
        i.history!.warnings = ["object cache /x/objects: cannot write /x/objects: Read-only file system: objects are read from the store only"]
        let (grid, plan) = frame(i, 200, 60)
        let lines = historyLines(grid, plan)
        #expect(lines.contains { $0.contains("! warning: object cache /x/objects: cannot write") }, "\(lines)")
        #expect(lines.contains { $0.contains("! 2026-11-25") })
        #expect(grid.lines.last!.contains("history: 1 failed"), "\(grid.lines.last!)")
    }

    @Test func theDailyTableShowsErrorRatesAndTheIncident() {
        let (grid, plan) = frame(input(selected: "globex", heatmap: false), 200, 60)
        let lines = historyLines(grid, plan)
        let header = lines.firstIndex { $0.contains("ERR%/DAY") }!
        #expect(lines[header].contains("Mon") && lines[header].contains("EVENTS"))
        // globex on Monday 2026-11-23 (daysSinceEpoch % 7 == 0 is a Thursday: 11-26): 50 % there.
        let globex = lines[header + 1]
        #expect(globex.hasPrefix("│globex") && globex.contains("50.0%") && globex.contains("1.0%"), "\(globex)")
    }

    @Test func theHeatmapMarksTheDaysOffTheTenantsBaseline() {
        var i = input(selected: "acme", heatmap: true)
        i.theme = .dark
        let (grid, plan) = frame(i, 200, 60)
        let lines = historyLines(grid, plan)
        let header = lines.firstIndex { $0.contains("ERR%/DAY") }!
        #expect(lines[header].contains("[W48]"))
        let acme = lines[header + 1], globex = lines[header + 2]
        #expect(acme.hasPrefix("│acme") && globex.hasPrefix("│globex"))
        // acme: 8 % every day, its own median: near. globex: 1 % most days, 50 % on Thursdays.
        #expect(acme.contains("░░░░░░░") && !acme.contains("█"), "\(acme)")
        #expect(globex.filter { $0 == "█" }.count >= 7, "\(globex)")
        #expect(globex.contains("!"), "the failed date")
        #expect(lines.contains { $0.contains("░ near its median") })
        // The thursday cells are drawn in the error color.
        let y = plan.paneAreas[.history]!.y + header + 2
        let column = globex.distance(from: globex.startIndex, to: globex.firstIndex(of: "█")!)
        #expect(grid[plan.paneAreas[.history]!.x + column, y].style == Theme.dark.error)
    }

    @Test func withoutAnHourBeyondTheWindowTheHistoryIsTheBaseline() {
        // The sample's minute is all the last hour holds; acme's days run at 8 %: 1.8 % is 6.2 below.
        let (grid, plan) = frame(input(selected: nil, heatmap: false), 200, 60)
        let acme = plan.tenantRows.first { $0.name == "acme" }!
        #expect(acme.baselineFromHistory && acme.baselineShare == 0.08)
        #expect(grid.lines.contains { $0.hasPrefix("│acme ") && $0.contains("1.8%   -6.2") }, "\(grid.lines[3])")
        // Without history: no baseline, no change.
        let (bare, bplan) = frame(sampleInput(), 200, 60)
        #expect(bplan.tenantRows.allSatisfy { $0.delta == nil })
        #expect(bare.lines.contains { $0.hasPrefix("│acme ") && $0.contains("1.8%      ·") })
    }
}
