import ArgumentParser
import EventModel

/// The options of the screen shared by `live` and `demo`.
struct ScreenArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Color theme of the screen (a file in themes/; t cycles them).", valueName: "name"))
    var theme: String?

    @Option(help: ArgumentHelp("How often the screen redraws, 100ms to 1m (1s, 500ms…).", valueName: "duration"))
    var refresh: String = "1s"

    @Flag(help: "Leave the mouse to the terminal (no clicks or wheel on the screen).")
    var noMouse = false

    func validate() throws {
        guard let ms = DurationParsing.milliseconds(refresh) else {
            throw ValidationError("--refresh: '\(refresh)' is not a duration such as 1s or 500ms")
        }
        if ms < 100 || ms > 60_000 { throw ValidationError("--refresh must be between 100ms and 1m") }
    }

    var refreshNanos: Int64 { (DurationParsing.milliseconds(refresh) ?? 1000) * 1_000_000 }
}
