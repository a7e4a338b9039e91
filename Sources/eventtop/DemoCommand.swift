import ArgumentParser
import DailyFacts
import Dashboard
import Demo
import EventModel
import Foundation
import Ingest
import Live
import Output
import Windows

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The dashboard on a built-in live stream and weeks of history.",
        discussion: """
            A generator inside eventtop sends events live (the 60/32/8 click/view/error mix, \
            tenants of very different sizes, bursts, now and then an error incident on one \
            tenant), and the history pane browses --weeks of daily partitions, written into \
            --data on the first run (later runs fill in only the days missing). Keys: ? on the \
            screen. `eventtop` with no arguments on a terminal runs this.
            """
    )

    @Option(help: ArgumentHelp("Folder of the demo's history partitions (default: $XDG_DATA_HOME/eventtop/demo, or ~/.local/share/eventtop/demo).",
                               valueName: "dir"))
    var data: String?

    @Option(help: "Tenants of the live stream and the history.")
    var tenants = 24

    @Option(help: ArgumentHelp("Events a second of the live stream, before bursts.", valueName: "events-per-s"))
    var rate: Double = 2_000

    @Option(help: "Weeks of history to backfill (the current ISO week and the ones before it).")
    var weeks = 12

    @Option(help: "Seed of the generator: the same seed, the same stream and history.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Window length to start with (10s, 30s, 1m, 5m, 15m, 1h).", valueName: "duration"))
    var window = DurationArgument(argument: "1m")!

    @OptionGroup var screen: ScreenArguments

    @OptionGroup var settingsFile: ConfigArguments

    func validate() throws {
        do { try DemoFeed.Settings.check(tenants: tenants, rate: rate, weeks: weeks) } catch { throw ValidationError(error.message) }
        guard ProcessorConfig.defaultPresets.contains(window.seconds) else {
            throw ValidationError("--window must be one of 10s, 30s, 1m, 5m, 15m, 1h")
        }
    }

    func run() throws {
        let folder = data ?? DataFolders.demo(environment: ProcessInfo.processInfo.environment)
        let options = try screen.options(input: "demo", history: folder,
                                         window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: window.seconds))
        do throws(DataError) {
            try Folders.makeDirectories(folder)
            try DemoBackfill.run(directory: folder, weeks: weeks, tenants: tenants, seed: seed,
                                 dailyEvents: Int64(max(1, rate) * 86_400))
        } catch {
            throw RuntimeFailure("demo history in \(folder): \(error.description)")
        }
        let (feed, readEnd) = try DemoFeed.start(.init(rate: rate, tenants: tenants, seed: seed))
        defer { feed.stop() }
        var config = ProcessorConfig()
        config.setClock(.auto, finiteInput: false)
        let engine = LiveEngine(config: config, maxLineBytes: 1 << 20)
        engine.start(InputSource(fileDescriptor: readEnd, name: "demo"), hopping: options.window.hopping)
        let last = try runScreen(engine, options: options)
        if let last { Console.error(SummaryLine.text(last.stats)) }
    }
}
