import ArgumentParser
import DailyFacts
import Foundation
import Output
import Settings
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

    @Flag(help: "Start with the defaults, not the theme, window, sort and panes the screen had when it last quit (and do not save them).")
    var noRestore = false

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

    /// What the screen shows besides the data; the saved state applied where no option says
    /// otherwise, and saved again when the screen quits.
    func options(input: String, history: String?, window: WindowChoice) throws -> ScreenOptions {
        let environment = ProcessInfo.processInfo.environment
        let statePath = DataFolders.stateHome(environment: environment) + "/state.toml"
        var memory: ScreenMemory?
        var notice: String?
        if !noRestore {
            do throws(DataError) {
                memory = try StateFile.read(statePath).map(ScreenMemory.init(values:))
            } catch {
                notice = "saved state ignored: \(error.message)"
            }
        }
        // A remembered theme that is gone (or NO_COLOR) gives way to the default.
        let remembered = environment["NO_COLOR"] == nil ? memory?.theme : nil
        let themes: ThemeCycle
        if theme == nil, let remembered, let cycle = try? ThemeCycle.load(name: remembered) {
            themes = cycle
        } else {
            themes = try ThemeCycle.load(name: theme)
        }
        let explicitWindow = !GivenOptions.names.isDisjoint(with: ["window", "mode", "hop"])
        var options = ScreenOptions(inputName: input, historyFolder: history,
                                    window: memory?.window(window, explicit: explicitWindow) ?? window,
                                    refreshNanos: (DurationParsing.milliseconds(refresh) ?? 1000) * 1_000_000, themes: themes,
                                    mouse: !noMouse, version: EventTop.version)
        options.alerting = Alerting(minEvents: minEvents, warnPoints: warnDelta, alertPoints: alertDelta)
        options.export = exportTenants
        options.memory = memory
        options.notice = notice
        if !noRestore {
            options.remember = { memory in
                do throws(DataError) {
                    try Folders.makeDirectories(DataFolders.stateHome(environment: environment))
                    try StateFile.write(statePath, values: memory.values)
                } catch {
                    Console.error("eventtop: the screen's state was not saved: \(error.message)")
                }
            }
        }
        return options
    }
}

/// The long options the command line and the settings file gave (main fills it before the
/// command runs): what the saved state must not override.
enum GivenOptions {
    nonisolated(unsafe) static var names: Set<String> = []

    static func note(_ arguments: [String]) {
        names = Set(arguments.compactMap { argument in
            guard argument.hasPrefix("--") else { return nil }
            return String(argument.dropFirst(2).prefix { $0 != "=" })
        })
    }
}
