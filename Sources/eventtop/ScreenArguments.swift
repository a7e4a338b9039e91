import ArgumentParser
import Dashboard
import EventModel

/// The options of the screen shared by `live` and `demo`.
struct ScreenArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Color theme of the screen (a file in themes/; t cycles them).", valueName: "name"))
    var theme: String?

    @Option(help: ArgumentHelp("How often the screen redraws, 100ms to 1m (1s, 500ms…).", valueName: "duration"))
    var refresh: String = "1s"

    @Flag(help: "Leave the mouse to the terminal (no clicks or wheel on the screen).")
    var noMouse = false

    @Option(help: ArgumentHelp("Fewest events in the window for a tenant's error rate to be flagged.", valueName: "n"))
    var minEvents: Int64 = Alerting.standard.minEvents

    @Option(help: ArgumentHelp("Points of error % above a tenant's baseline drawn in amber.", valueName: "points"))
    var warnDelta: Double = Alerting.standard.warnPoints

    @Option(help: ArgumentHelp("Points of error % above a tenant's baseline drawn in red: off its baseline.",
                               valueName: "points"))
    var alertDelta: Double = Alerting.standard.alertPoints

    func validate() throws {
        guard let ms = DurationParsing.milliseconds(refresh) else {
            throw ValidationError("--refresh: '\(refresh)' is not a duration such as 1s or 500ms")
        }
        if ms < 100 || ms > 60_000 { throw ValidationError("--refresh must be between 100ms and 1m") }
        if minEvents < 0 { throw ValidationError("--min-events must be 0 or more") }
        if !(warnDelta >= 0 && warnDelta <= alertDelta && alertDelta <= 100) {
            throw ValidationError("--warn-delta and --alert-delta are points from 0 to 100, the warning at most the alert")
        }
    }

    /// What the screen shows besides the data.
    func options(input: String, history: String?, window: WindowChoice, themes: ThemeCycle) -> ScreenOptions {
        var options = ScreenOptions(inputName: input, historyFolder: history, window: window,
                                    refreshNanos: (DurationParsing.milliseconds(refresh) ?? 1000) * 1_000_000, themes: themes,
                                    mouse: !noMouse, version: EventTop.version)
        options.alerting = Alerting(minEvents: minEvents, warnPoints: warnDelta, alertPoints: alertDelta)
        options.export = exportTenants
        return options
    }
}
