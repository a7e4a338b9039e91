import EventModel

/// What the screen remembers between runs (DESIGN §8): theme, window, mode, sort, the panes
/// shown. Kept as text values (the state file's keys); a value that no longer makes sense (a
/// window this run does not keep, a sort column renamed) is ignored, never an error.
public struct ScreenMemory: Sendable, Equatable {
    public var theme: String?
    public var window: Int64?
    public var mode: WindowMode?
    public var hop: Int64?
    public var sort: SortColumn?
    public var reversed: Bool?
    public var showHistory: Bool?

    public init() {}

    public init(values: [String: String]) {
        theme = values["theme"].flatMap { $0.isEmpty ? nil : $0 }
        window = values["window"].flatMap(DurationParsing.seconds)
        mode = values["mode"].flatMap(WindowMode.init(rawValue:))
        hop = values["hop"].flatMap(DurationParsing.seconds)
        sort = values["sort"].flatMap { key in SortColumn.allCases.first { $0.key == key } }
        reversed = values["reversed"].flatMap(Bool.init)
        showHistory = values["history-pane"].flatMap(Bool.init)
    }

    /// The screen as it was left.
    public init(state: DashboardState, theme: String) {
        self.theme = theme
        window = state.window.length
        mode = state.window.mode
        hop = state.window.hop
        sort = state.sort
        reversed = state.reversed
        showHistory = state.historyAvailable ? state.showHistory : nil
    }

    public var values: [String: String] {
        var out: [String: String] = [:]
        out["theme"] = theme
        out["window"] = window.map(DurationParsing.format)
        out["mode"] = mode?.rawValue
        out["hop"] = hop.map(DurationParsing.format)
        out["sort"] = sort?.key
        out["reversed"] = reversed.map { $0 ? "true" : "false" }
        out["history-pane"] = showHistory.map { $0 ? "true" : "false" }
        return out
    }

    /// The window to start with: the remembered one when this run keeps it and `--window`,
    /// `--mode` and `--hop` were not given.
    public func window(_ given: WindowChoice, explicit: Bool) -> WindowChoice {
        guard !explicit, let window, given.presets.contains(window) else { return given }
        return WindowChoice(presets: given.presets, length: window, mode: mode ?? given.mode, hop: hop ?? given.hop)
    }

    /// Sort, direction and panes as they were.
    public func apply(to state: inout DashboardState) {
        if let sort { state.sort = sort }
        if let reversed { state.reversed = reversed }
        if let showHistory, state.historyAvailable { state.showHistory = showHistory }
    }
}
