import Cells
import History
import Testing
@testable import Dashboard
@testable import Streaming

@Suite struct KeyTests {
    let order = ["acme", "initech", "globex"]

    func fresh() -> DashboardState { DashboardState(window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60)) }

    @Test func windowKeysCycleAndChoosePresets() {
        var state = fresh()
        #expect(state.window.label == "1m rolling")
        #expect(state.handle(.character("w"), tenantOrder: order) == .window)
        #expect(state.window.label == "5m rolling")
        _ = state.handle(.character("W"), tenantOrder: order)
        _ = state.handle(.character("W"), tenantOrder: order)
        #expect(state.window.label == "30s rolling")
        _ = state.handle(.character("6"), tenantOrder: order)
        #expect(state.window.length == 3600)
        _ = state.handle(.character("w"), tenantOrder: order)
        #expect(state.window.length == 10)
        #expect(state.handle(.character("9"), tenantOrder: order) == [])
        _ = state.handle(.character("3"), tenantOrder: order)
        _ = state.handle(.character("m"), tenantOrder: order)
        #expect(state.window.hopping == HoppingSpec(size: 60, hop: 10))
        #expect(state.window.label == "1m hopping/10s")
        _ = state.handle(.character("1"), tenantOrder: order)
        #expect(state.window.label == "10s tumbling")
    }

    @Test func windowChangesTheNumbers() {
        var state = fresh()
        _ = state.handle(.character("1"), tenantOrder: order)
        let view = LiveView(snapshot: sampleSnapshot(), window: state.window, errorTypes: ["error"])
        // The last 10 s (s = 50…59): acme 90 + errors at 54; initech errors at 52, 56 and clicks at 50, 55.
        #expect(view.tenants.first { $0.name == "acme" }?.events == 91)
        #expect(view.tenants.first { $0.name == "initech" }?.events == 4)
        #expect(view.tenants.first { $0.name == "globex" }?.events == 2)
        let five = LiveView(snapshot: sampleSnapshot(), window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 300),
                            errorTypes: ["error"])
        #expect(five.tenants.map(\.name).sorted() == ["acme", "globex", "initech", "umbrella"])
    }

    @Test func hoppingWindowRowsComeFromTheSnapshotsHoppingWindow() {
        let window = WindowChoice(presets: ProcessorConfig.defaultPresets, length: 30, mode: .hopping, hop: 10)
        let snap = snapshot([("acme", "click", noon - 45, 5), ("acme", "click", noon - 25, 7), ("acme", "error", noon - 1, 1)],
                            hopping: window.hopping)
        let view = LiveView(snapshot: snap, window: window, errorTypes: ["error"])
        // E = noon; the latest complete window [k·10, k·10+30) ending ≤ E is [noon−30, noon).
        #expect(view.windowStart == noon - 30 && view.windowEnd == noon)
        #expect(view.tenants.map(\.events) == [8])
        #expect(view.tenants.map(\.errors) == [1])
    }

    @Test func sortAndReverse() {
        var state = fresh()
        let rows = LiveView(snapshot: sampleSnapshot(), window: state.window, errorTypes: ["error"]).tenants
        #expect(state.arrange(rows).map(\.name) == ["acme", "initech", "globex"])
        _ = state.handle(.character("s"), tenantOrder: order)
        #expect(state.sort == .errors)
        #expect(state.arrange(rows).map(\.name) == ["initech", "acme", "globex"])
        _ = state.handle(.character("s"), tenantOrder: order)
        #expect(state.arrange(rows).map(\.name) == ["initech", "acme", "globex"])
        _ = state.handle(.character("s"), tenantOrder: order)
        #expect(state.arrange(rows).map(\.name) == ["acme", "globex", "initech"])
        _ = state.handle(.character("r"), tenantOrder: order)
        #expect(state.arrange(rows).map(\.name) == ["initech", "globex", "acme"])
    }

    @Test func filterIsTypedLiveAndEscRestores() {
        var state = fresh()
        let rows = LiveView(snapshot: sampleSnapshot(), window: state.window, errorTypes: ["error"]).tenants
        _ = state.handle(.character("/"), tenantOrder: order)
        #expect(state.isEditingFilter)
        for c in "GLO" { _ = state.handle(.character(c), tenantOrder: order) }
        #expect(state.arrange(rows).map(\.name) == ["globex"])
        // Keys go to the filter while it is typed: q does not quit.
        #expect(state.handle(.character("q"), tenantOrder: order) == [])
        _ = state.handle(.backspace, tenantOrder: order)
        _ = state.handle(.character("\u{1B}"), tenantOrder: order)
        #expect(state.filterDraft == "GLO")
        _ = state.handle(.enter, tenantOrder: order)
        #expect(state.filter == "GLO" && !state.isEditingFilter)
        _ = state.handle(.character("/"), tenantOrder: order)
        _ = state.handle(.character("x"), tenantOrder: order)
        _ = state.handle(.escape, tenantOrder: order)
        #expect(state.filter == "GLO")
        _ = state.handle(.escape, tenantOrder: order)
        #expect(state.filter == "")
    }

    @Test func selectionAndEnterFilterTheDistribution() {
        var state = fresh()
        _ = state.handle(.down, tenantOrder: order)
        #expect(state.selectedTenant == "acme")
        _ = state.handle(.character("j"), tenantOrder: order)
        _ = state.handle(.down, tenantOrder: order)
        _ = state.handle(.down, tenantOrder: order)
        #expect(state.selectedTenant == "globex")
        _ = state.handle(.character("k"), tenantOrder: order)
        #expect(state.selectedTenant == "initech")
        _ = state.handle(.enter, tenantOrder: order)
        #expect(state.typesTenant == "initech")
        let view = LiveView(snapshot: sampleSnapshot(), window: state.window, errorTypes: ["error"], typesOf: state.typesTenant)
        #expect(view.types.map(\.name) == ["error", "click"])
        #expect(view.types.map(\.count) == [15, 12])
        #expect(view.typeTotal == 27)
        let (grid, _) = frame(sampleInput(state: state), 80, 24)
        #expect(grid.lines[15].hasPrefix("┌ Event types · initech · last 1m rolling"))
        #expect(grid.lines[16].hasSuffix("55.6%         15│"))
        _ = state.handle(.escape, tenantOrder: order)
        #expect(state.typesTenant == nil)
        _ = state.handle(.pageDown, tenantOrder: order, pageRows: 10)
        #expect(state.selectedTenant == "globex")
        _ = state.handle(.home, tenantOrder: order)
        #expect(state.selectedTenant == "acme")
        // The selection follows the tenant when the order changes.
        _ = state.handle(.down, tenantOrder: ["globex", "acme", "initech"])
        #expect(state.selectedTenant == "initech")
    }

    @Test func tabCyclesVisiblePanesAndHTogglesHistory() {
        var state = fresh()
        #expect(state.showHistory)
        _ = state.handle(.tab, tenantOrder: order)
        #expect(state.focus == .types)
        _ = state.handle(.tab, tenantOrder: order)
        #expect(state.focus == .history)
        _ = state.handle(.tab, tenantOrder: order)
        #expect(state.focus == .tenants)
        _ = state.handle(.character("H"), tenantOrder: order)
        #expect(!state.showHistory)
        _ = state.handle(.backTab, tenantOrder: order)
        #expect(state.focus == .types)
        #expect(state.handle(.character("H"), tenantOrder: order) == .history)
        #expect(state.showHistory && state.focus == .history)
    }

    @Test func weeksGoBackAndNotPastThisWeek() {
        var state = fresh()
        #expect(state.handle(.character("]"), tenantOrder: order) == [])
        #expect(state.weekOffset == 0)
        #expect(state.handle(.character("["), tenantOrder: order) == .history)
        _ = state.handle(.character("["), tenantOrder: order)
        #expect(state.weekOffset == -2)
        _ = state.handle(.character("]"), tenantOrder: order)
        #expect(state.weekOffset == -1)
    }

    @Test func helpPauseThemeQuit() {
        var state = fresh()
        _ = state.handle(.character("?"), tenantOrder: order)
        #expect(state.showHelp)
        // Any key closes the help without acting.
        #expect(state.handle(.character("w"), tenantOrder: order) == [])
        #expect(!state.showHelp && state.window.length == 60)
        _ = state.handle(.character(" "), tenantOrder: order)
        #expect(state.paused)
        #expect(frame(sampleInput(state: state), 80, 24).0.lines[0].contains("PAUSED"))
        _ = state.handle(.character(" "), tenantOrder: order)
        #expect(!state.paused)
        #expect(state.handle(.character("t"), tenantOrder: order) == .theme)
        #expect(state.handle(.interrupt(signal: 15), tenantOrder: order) == .quit)
        #expect(state.handle(.character("q"), tenantOrder: order) == .quit)
    }
}

@Suite struct HistoryViewTests {
    @Test func weeklyRatesAndDailyEventsOfTheSelectedWeek() {
        let view = HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49)
        #expect(view.selectedWeek == HistoryDate(year: 2026, month: 11, day: 23)!)
        #expect(view.rows.map(\.name) == ["acme", "globex"])
        let acme = view.rows[0]
        // 2026-11-25 failed, 27–29 have no rows: the selected week holds 23, 24, 26.
        #expect(acme.daily == [.events(1000), .events(1000), .empty, .events(1000), .empty, .empty, .empty])
        #expect(acme.weekEvents == 3000)
        #expect(acme.weekly.last == .rate(0.08, partial: true))
        #expect(acme.weekly.first == .rate(0.08, partial: false))
        // globex: one day in seven (a Thursday: days since epoch ≡ 0 mod 7) has 100 errors.
        #expect(view.rows[1].weekly.first == .rate(Double(100 + 6 * 2) / 1400, partial: false))
        #expect(view.failures.map(\.date) == [HistoryDate(year: 2026, month: 11, day: 25)!])
        #expect(view.loadingDates == 0)
    }

    @Test func loadingDatesShowAsLoading() {
        let loadingDay = HistoryDate(year: 2026, month: 11, day: 24)!
        let view = HistoryView(weeks: sampleWeeks, state: { $0 == loadingDay ? .loading : sampleDayStates($0) }, knownDates: 49)
        #expect(view.loadingDates == 1)
        #expect(view.rows[0].weekly.last == .loading)
        #expect(view.rows[0].daily[1] == .loading)
        #expect(view.rows[0].daily[0] == .events(1000))
        let (title, note) = HistoryPane.title(view, ascii: false)
        #expect(title == "History · week 2026-W48 (Nov 23–29)")
        #expect(note == "loading 55/56")
    }

    @Test func isoWeeks() {
        #expect(NumberFormat.isoWeek(HistoryDate(year: 2026, month: 1, day: 1)!) == "2026-W01")
        #expect(NumberFormat.isoWeek(HistoryDate(year: 2027, month: 1, day: 1)!) == "2026-W53")
        #expect(NumberFormat.isoWeek(HistoryDate(year: 2024, month: 12, day: 30)!) == "2025-W01")
        #expect(NumberFormat.weekSpan(HistoryDate(year: 2026, month: 12, day: 28)!) == "Dec 28–Jan 3")
    }

    @Test func numberFormats() {
        #expect(NumberFormat.count(1_234_567) == "1,234,567")
        #expect(NumberFormat.count(1_234_567, width: 7) == "1.23M")
        #expect(NumberFormat.count(999_999_999, width: 5) == "1000M" || NumberFormat.count(999_999_999, width: 5) == "1.00G")
        #expect(NumberFormat.rate(9.166) == "9.17")
        #expect(NumberFormat.rate(205.84) == "205.8")
        #expect(NumberFormat.percent(0.0004) == "0.04%")
        #expect(NumberFormat.percent(nil) == "—")
        #expect(NumberFormat.lag(185) == "3m05s")
    }
}

@Suite struct ReviewedEdgeTests {
    init() { #expect(utf8Locale) }

    @Test func numbersNeverTrapOnHugeOrNegativeValues() {
        #expect(NumberFormat.percent(-2e17) .hasSuffix("%"))
        #expect(NumberFormat.percent(1.5) == "150.0%")
        #expect(NumberFormat.percent(0.00001) == "<0.01%")
        #expect(NumberFormat.rate(-1e20) != "")
        #expect(NumberFormat.rate(.infinity) == "-")
        #expect(NumberFormat.rate(1e19) != "")
        #expect(NumberFormat.count(999_950, width: 6) == "1.00M")
        #expect(NumberFormat.count(.min, width: 6).count <= 6)
        #expect(NumberFormat.count(.max, width: 5).count <= 5)
    }

    @Test func historyKeysDoNothingWithoutAHistoryFolder() {
        var state = DashboardState(window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60))
        state.historyAvailable = false
        state.showHistory = false
        #expect(state.handle(.character("H"), tenantOrder: []) == [])
        #expect(state.handle(.character("["), tenantOrder: []) == [])
        #expect(!state.showHistory && state.focus == .tenants && state.weekOffset == 0)
        _ = state.handle(.tab, tenantOrder: [])
        _ = state.handle(.tab, tenantOrder: [])
        #expect(state.focus == .tenants)
    }

    @Test func aHoppingWindowNotYetComputedSaysSo() {
        // The snapshot carries 1m/10s; the screen asks for 5m/10s: no stale numbers.
        let snap = snapshot([("acme", "click", noon - 5, 3)], hopping: HoppingSpec(size: 60, hop: 10))
        let window = WindowChoice(presets: ProcessorConfig.defaultPresets, length: 300, mode: .hopping, hop: 10)
        let view = LiveView(snapshot: snap, window: window, errorTypes: ["error"])
        #expect(view.pending && view.tenants.isEmpty)
        var input = sampleInput()
        input.live = view
        input.state.window = window
        #expect(frame(input, 80, 24).0.text.contains("computing the 5m hopping/10s window…"))
    }

    @Test func fillBlanksTheOtherHalfOfACutWideCharacter() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("日本語", x: 0, y: 0, style: .plain)
        grid.fill(Rect(x: 1, y: 0, width: 2, height: 1), "-", style: .plain)
        #expect(grid.lines == [" -- 語"])
        #expect(grid.cells.enumerated().allSatisfy { i, cell in cell.width != 2 || (i + 1 < grid.cells.count && grid.cells[i + 1].width == 0) })
    }

    @Test func variationSelectorsAreLeftOut() {
        #expect(DisplayText.width(of: "\u{2764}\u{FE0F}shop", charset: .utf8) == 5)
        var grid = CellGrid(width: 8, height: 1)
        grid.put("\u{2764}\u{FE0F}shop", x: 0, y: 0, style: .plain)
        #expect(!grid.cells.contains { $0.character.unicodeScalars.contains { $0.value == 0xFE0F } })
    }

    @Test func helpSaysWhenKeysDoNotFitAndListsThePresets() {
        var state = DashboardState(window: WindowChoice(presets: [10, 60, 120], length: 60))
        state.showHelp = true
        let small = frame(sampleInput(state: state), 40, 10).0.text
        #expect(small.contains("more keys"))
        let wide = frame(sampleInput(state: state), 120, 14).0.text
        #expect(wide.contains("next theme") && wide.contains("windows: 10s 1m 2m") && wide.contains("1 … 3"))
        #expect(!wide.contains("more keys"))
    }

    @Test func theFilterDraftStaysVisibleOnNarrowScreens() {
        var state = DashboardState(window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60))
        _ = state.handle(.character("/"), tenantOrder: [])
        for c in "initech-eu-west" { _ = state.handle(.character(c), tenantOrder: []) }
        let last = frame(sampleInput(state: state), 40, 10).0.lines[9]
        #expect(last.contains("eu-west▏"), "\(last)")
    }
}

@Suite struct MouseTests {
    @Test func aClickSelectsTheRowUnderItAndTheWheelScrolls() {
        let history = HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49)
        var state = sampleInput(history: history).state
        let (_, facts) = frame(sampleInput(state: state, history: history), 80, 24)
        // Rows: the frame's line 1 is the pane's top border, 2 the column header, 3 acme, 4 initech.
        #expect(facts.tenantFirstRowY == 3)
        _ = state.handle(.mouse(x: 10, y: 4, button: .left), tenantOrder: facts.tenantOrder, layout: facts)
        #expect(state.selectedTenant == "initech" && state.focus == .tenants)
        _ = state.handle(.mouse(x: 10, y: 2, button: .left), tenantOrder: facts.tenantOrder, layout: facts)
        #expect(state.selectedTenant == "initech")
        _ = state.handle(.mouse(x: 10, y: 20, button: .wheelDown), tenantOrder: facts.tenantOrder, layout: facts)
        #expect(state.focus == .types)
        _ = state.handle(.mouse(x: 60, y: 20, button: .left), tenantOrder: facts.tenantOrder, layout: facts)
        #expect(state.focus == .history)
        _ = state.handle(.mouse(x: 10, y: 3, button: .wheelDown), tenantOrder: facts.tenantOrder, layout: facts)
        #expect(state.focus == .tenants && state.selectedTenant == "globex")
        #expect(state.handle(.mouse(x: 0, y: 0, button: .left), tenantOrder: facts.tenantOrder, layout: facts) == [])
        // The pane's bottom border is no row.
        let border = facts.paneAreas[.tenants]!.maxY - 1
        _ = state.handle(.mouse(x: 10, y: border, button: .left), tenantOrder: facts.tenantOrder, layout: facts)
        #expect(state.selectedTenant == "globex")
    }
}
