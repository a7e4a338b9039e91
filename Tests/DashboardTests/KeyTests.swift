import Cells
@testable import Dashboard
import EventModel
import History
import TestSupport
import Testing
import Windows

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
        let view = LiveView(snapshot: sampleSnapshot(), window: state.window)
        // The last 10 s (s = 50…59): acme 90 + errors at 54; initech errors at 52, 56 and clicks at 50, 55.
        #expect(view.tenants.first { $0.name == "acme" }?.events == 91)
        #expect(view.tenants.first { $0.name == "initech" }?.events == 4)
        #expect(view.tenants.first { $0.name == "globex" }?.events == 2)
        let five = LiveView(snapshot: sampleSnapshot(), window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 300))
        #expect(five.tenants.map(\.name).sorted() == ["acme", "globex", "initech", "umbrella"])
    }

    @Test func hoppingWindowRowsComeFromTheSnapshotsHoppingWindow() {
        let window = WindowChoice(presets: ProcessorConfig.defaultPresets, length: 30, mode: .hopping, hop: 10)
        let snap = snapshot([("acme", "click", noon - 45, 5), ("acme", "click", noon - 25, 7), ("acme", "error", noon - 1, 1)],
                            hopping: window.hopping)
        let view = LiveView(snapshot: snap, window: window)
        // E = noon; the latest complete window [k·10, k·10+30) ending ≤ E is [noon−30, noon).
        #expect(view.windowStart == noon - 30 && view.windowEnd == noon)
        #expect(view.tenants.map(\.events) == [8])
        #expect(view.tenants.map(\.errors) == [1])
    }

    @Test func sortAndReverse() {
        var state = fresh()
        let rows = LiveView(snapshot: sampleSnapshot(), window: state.window).tenants
        #expect(state.arrange(rows).map(\.name) == ["acme", "initech", "globex"])
        _ = state.handle(.character("s"), tenantOrder: order)
        #expect(state.sort == .delta)
        // No change anywhere (the 1h baseline holds the same minute); below 50 events last.
        #expect(state.arrange(rows).map(\.name) == ["acme", "globex", "initech"])
        _ = state.handle(.character("s"), tenantOrder: order)
        #expect(state.sort == .errors)
        #expect(state.arrange(rows).map(\.name) == ["initech", "acme", "globex"])
        _ = state.handle(.character("s"), tenantOrder: order)
        // By error %: initech's 55.6 % of 27 events comes after acme's 1.8 % of 550.
        #expect(state.arrange(rows).map(\.name) == ["acme", "initech", "globex"])
        #expect(state.arrange(rows, minEvents: 1).map(\.name) == ["initech", "acme", "globex"])
        _ = state.handle(.character("s"), tenantOrder: order)
        #expect(state.arrange(rows).map(\.name) == ["acme", "globex", "initech"])
        _ = state.handle(.character("r"), tenantOrder: order)
        #expect(state.arrange(rows).map(\.name) == ["initech", "globex", "acme"])
    }

    @Test func sortingAndFilteringBringTheSelectionToTheTop() {
        // 200 tenants, the cursor far down: after s, r or a filter it is on the first row.
        let groups = (0..<200).map { (String(format: "t%03d", $0), "click", noon - 1, 300 - $0) }
        var input = sampleInput()
        input.live = LiveView(snapshot: snapshot(groups), window: input.state.window)
        for key in [Key.character("s"), .character("r"), .character("/")] {
            var state = input.state
            var (_, plan) = frame(input, 80, 24)
            for _ in 0..<9 { _ = state.handle(.pageDown, plan: plan); input.state = state; (_, plan) = frame(input, 80, 24) }
            state.settle(with: plan)
            #expect(plan.tenantTop > 50)
            _ = state.handle(key, plan: plan)
            if key == .character("/") { _ = state.handle(.character("t"), plan: plan) }
            input.state = state
            let (grid, after) = frame(input, 120, 24)
            #expect(after.tenantTop == 0 && after.selectedTenant == after.tenantOrder.first, "\(key)")
            #expect(grid.lines[1].contains("rows 1–"), "\(grid.lines[1])")
            input.state = DashboardState(window: input.state.window)
        }
    }

    @Test func filterIsTypedLiveAndEscRestores() {
        var state = fresh()
        let rows = LiveView(snapshot: sampleSnapshot(), window: state.window).tenants
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
        #expect(state.handle(.enter, tenantOrder: order) == .detail)
        #expect(state.typesTenant == "initech" && state.tenantView == "initech")
        let view = LiveView(snapshot: sampleSnapshot(), window: state.window, typesOf: state.typesTenant)
        #expect(view.types.map(\.name) == ["error", "click"])
        #expect(view.types.map(\.count) == [15, 12])
        #expect(view.typeTotal == 27)
        let (grid, _) = frame(sampleInput(state: state), 120, 40)
        #expect(grid.lines[1].hasPrefix("┌ Tenant initech · last 1m rolling"), "\(grid.lines[1])")
        #expect(grid.text.contains("Event types") && grid.lines.contains { $0.contains("55.6%         15") })
        #expect(state.handle(.escape, tenantOrder: order) == .detail)
        #expect(state.typesTenant == nil && state.tenantView == nil)
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
        // Showing the pane does not take the focus: Home and PgUp act where they did.
        #expect(state.showHistory && state.focus == .types)
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
}

/// The page keys move in the tenant list whichever pane has the focus.
@Suite struct PageKeysTests {
    @Test func pageKeysMoveTheTenantListFromAnyPane() {
        let order = (0..<50).map { "t\($0)" }
        var state = DashboardState(window: WindowChoice(presets: [60], length: 60))
        state.focus = .history
        state.selectedTenant = "t0"
        _ = state.handle(.pageDown, tenantOrder: order, pageRows: 10, historyRows: 40)
        #expect(state.selectedTenant == "t10" && state.historyScroll == 0 && state.focus == .history)
        _ = state.handle(.end, tenantOrder: order, pageRows: 10, historyRows: 40)
        #expect(state.selectedTenant == "t49")
        _ = state.handle(.home, tenantOrder: order, pageRows: 10, historyRows: 40)
        #expect(state.selectedTenant == "t0")
        // The arrows still scroll the focused pane.
        _ = state.handle(.down, tenantOrder: order, pageRows: 10, historyRows: 40)
        #expect(state.historyScroll == 1 && state.selectedTenant == "t0")
    }
}
