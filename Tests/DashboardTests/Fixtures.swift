import Cells
@testable import Dashboard
import EventModel
import History
import TestSupport
import Windows

extension Theme {
    /// Every role plain: frames compare as text only.
    static let plainForTests = Theme(
        name: "plain", base: .plain, header: .plain, status: .plain, border: .plain, title: .plain, focus: .plain,
        columnHeader: .plain, selection: CellStyle(attributes: .reverse), muted: .plain, number: .plain, error: .plain,
        warning: .plain, good: .plain, bar: .plain, sparkline: .plain, errorBar: .plain, key: .plain, overlay: .plain)
}

/// 2026-11-26 12:00:00 UTC.
let noon: Int64 = 1_795_694_400

/// Three tenants over the last minute before `noon`: acme busy with some errors, globex
/// small, initech erroring a lot; one event 2 minutes ago (outside 1m, inside 5m).
func sampleSnapshot() -> MetricsSnapshot {
    var groups: [(String, String, Int64, Int)] = []
    for s in 0..<60 {
        let second = noon - 60 + Int64(s)
        groups.append(("acme", "click", second, 6))
        groups.append(("acme", "view", second, 3))
        if s % 6 == 0 { groups.append(("acme", "error", second, 1)) }
        if s % 10 == 0 { groups.append(("globex", "view", second, 2)) }
        if s % 4 == 0 { groups.append(("initech", "error", second, 1)) }
        if s % 5 == 0 { groups.append(("initech", "click", second, 1)) }
    }
    groups.insert(("umbrella", "click", noon - 120, 1), at: 0)
    return snapshot(groups)
}

/// A frame as the screen shows it, and its plan.
func frame(_ input: FrameInput, _ width: Int, _ height: Int, charset: Charset = .utf8) -> (CellGrid, FramePlan) {
    DashboardRenderer.render(input, width: width, height: height, charset: charset)
}

func sampleInput(state: DashboardState? = nil, history: HistoryView? = nil) -> FrameInput {
    let state = state ?? DashboardState(window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60))
    let live = LiveView(snapshot: sampleSnapshot(), window: state.window, typesOf: state.typesTenant)
    return FrameInput(live: live, history: history, state: state, theme: .plainForTests, inputName: "events.ndjson",
                      version: "0.1.0", now: noon + 2, ingestRate: 812.5, historyFolder: history == nil ? nil : "hist")
}

/// Ten minutes: acme at 10 % errors all along; initech clean for nine minutes, then 40 % errors
/// in the last one; globex clean; hooli with 5 events in the last minute, 2 of them errors.
func offBaselineSnapshot() -> MetricsSnapshot {
    var groups: [(String, String, Int64, Int)] = []
    for s in 0..<600 {
        let second = noon - 600 + Int64(s)
        groups.append(("acme", "click", second, 9))
        groups.append(("acme", "error", second, 1))
        groups.append(("globex", "view", second, 2))
        groups.append(("initech", "click", second, s >= 540 ? 3 : 5))
        if s >= 540 { groups.append(("initech", "error", second, 2)) }
        if s >= 590 && s % 2 == 0 { groups.append(("hooli", s % 4 == 0 ? "error" : "click", second, 1)) }
    }
    return snapshot(groups)
}
