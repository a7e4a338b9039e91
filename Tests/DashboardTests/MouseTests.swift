@testable import Dashboard
import Testing

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
