@testable import Dashboard
import Testing
import Windows

/// What the screen remembers, and when the command line wins.
@Suite struct ScreenMemoryTests {
    let presets = ProcessorConfig.defaultPresets

    @Test func roundTripsThroughItsValues() {
        var state = DashboardState(window: WindowChoice(presets: presets, length: 300, mode: .hopping, hop: 30))
        state.sort = .delta
        state.reversed = true
        state.showHistory = false
        let memory = ScreenMemory(state: state, theme: "nord")
        #expect(memory.values == ["theme": "nord", "window": "5m", "mode": "hopping", "hop": "30s", "sort": "delta",
                                  "reversed": "true", "history-pane": "false"])
        #expect(ScreenMemory(values: memory.values) == memory)
        var fresh = DashboardState(window: WindowChoice(presets: presets, length: 60))
        memory.apply(to: &fresh)
        #expect(fresh.sort == .delta && fresh.reversed && !fresh.showHistory)
        let window = memory.window(WindowChoice(presets: presets, length: 60), explicit: false)
        #expect(window.length == 300 && window.mode == .hopping && window.hop == 30)
    }

    @Test func theCommandLineAndUnknownValuesWin() {
        let memory = ScreenMemory(values: ["window": "5m", "sort": "no-such-column", "reversed": "maybe", "mode": "sideways"])
        #expect(memory.sort == nil && memory.reversed == nil && memory.mode == nil)
        let given = WindowChoice(presets: presets, length: 10)
        #expect(memory.window(given, explicit: true) == given, "--window given")
        #expect(ScreenMemory(values: ["window": "7m"]).window(given, explicit: false) == given, "not a preset of this run")
        // No history folder this run: the remembered pane choice does not apply.
        var state = DashboardState(window: given)
        state.historyAvailable = false
        state.showHistory = false
        ScreenMemory(values: ["history-pane": "true"]).apply(to: &state)
        #expect(!state.showHistory)
    }
}
