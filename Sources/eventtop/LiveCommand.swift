import ArgumentParser
import DailyFacts
import Dashboard
import EventModel
import Foundation
import Ingest
import Live
import Output
import Windows
#if canImport(Glibc)
import Glibc
#endif

extension ClockMode: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension WindowMode: ExpressibleByArgument {}

/// A duration flag value such as `10s`, `1m`, `1h`.
struct DurationArgument: ExpressibleByArgument {
    let seconds: Int64
    init?(argument: String) {
        guard let seconds = DurationParsing.seconds(argument) else { return nil }
        self.seconds = seconds
    }
    var defaultValueDescription: String { DurationParsing.format(seconds) }
}

struct Live: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Aggregate an event stream into realtime_event_metrics windows.",
        discussion: """
            Reads NDJSON events from a file, a followed file or standard input, and shows them on \
            the dashboard (keys: ? in the screen). With --headless, prints the rows of the chosen \
            window every --interval (or once with --once) instead, and a summary line on stderr \
            when it ends.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Events to read: a file, - for standard input, or a Kafka topic: kafka://HOST:PORT[,HOST:PORT…]/TOPIC[?group=G].", valueName: "path|url"))
    var input: String = "-"

    @Flag(help: "Keep reading as the file grows, like tail -F (survives truncation and rotation).")
    var follow = false

    @Option(help: ArgumentHelp("Window length (10s, 1m, 1h…).", valueName: "duration"))
    var window = DurationArgument(argument: "1m")!

    @Option(help: "Window kind: rolling [E−X, E), or hopping windows [k·hop, k·hop+X).")
    var mode: WindowMode = .rolling

    @Option(help: ArgumentHelp("Hop of hopping windows (default 10s; equal to --window for tumbling windows).", valueName: "duration"))
    var hop: DurationArgument?

    @Option(help: "Stream time: event (largest event ts), wall (the clock), auto (event for finite inputs).")
    var clock: ClockMode = .auto

    @Option(help: ArgumentHelp("Rolling windows kept at once, comma-separated.", valueName: "durations"))
    var presets: String = "10s,30s,1m,5m,15m,1h"

    @Option(help: "Distinct tenants kept; later ones are folded into (other), and the summary says how many.")
    var maxTenants = 10_000

    @Option(help: "Distinct event types kept; later ones are folded into (other), and the summary says how many.")
    var maxTypes = 1000

    @Option(help: ArgumentHelp("Longest accepted line in bytes; longer lines are counted and skipped.",
                               valueName: "bytes"))
    var maxLineBytes = 1 << 20

    @Option(help: ArgumentHelp("With a wall clock, reject events further ahead than this.", valueName: "duration"))
    var maxFutureSkew = DurationArgument(argument: "5m")!

    @Option(help: ArgumentHelp("With the event clock, an event further ahead of stream time than this moves it only when the events after it confirm the jump; else it counts as future.", valueName: "duration"))
    var maxJump = DurationArgument(argument: "1h")!

    @Option(help: ArgumentHelp("Write closed days as fact_events_daily partitions here (a folder or s3://BUCKET/PREFIX), with checkpoints to resume from.",
                               valueName: "dir"))
    var history: String?

    @Option(help: ArgumentHelp("With --history, a day closes when stream time passes its end plus this.",
                               valueName: "duration"))
    var lateness = DurationArgument(argument: "10m")!

    @OptionGroup var events: MappingArguments

    @Option(help: ArgumentHelp("With --history, how often the checkpoint is saved (and on exit).", valueName: "duration"))
    var checkpointEvery = DurationArgument(argument: "10s")!

    @OptionGroup var screen: ScreenArguments

    @OptionGroup var settingsFile: ConfigArguments

    @Flag(help: "Print rows instead of drawing the screen.")
    var headless = false

    @Flag(help: "Read the input to its end, print the current window once, and exit (with --headless).")
    var once = false

    @Option(help: "Row format with --headless.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp("How often --headless prints (1s, 500ms…).", valueName: "duration"))
    var interval: String = "1s"

    func validate() throws {
        if once && follow { throw ValidationError("--once reads to the end: it cannot be used with --follow") }
        if once && !headless { throw ValidationError("--once prints rows: it needs --headless") }
        if hop != nil && mode != .hopping { throw ValidationError("--hop needs --mode hopping") }
        if DurationParsing.milliseconds(interval) == nil {
            throw ValidationError("--interval: '\(interval)' is not a duration such as 1s or 500ms")
        }
        do { _ = try processorConfig } catch { throw ValidationError(error.message) }
        if maxLineBytes < 64 || maxLineBytes > 1 << 30 {
            throw ValidationError("--max-line-bytes must be between 64 and 1073741824")
        }
        try HistoryLocation.validate(history, flag: "--history")
    }

    private var processorConfig: ProcessorConfig {
        get throws(DataError) {
            try ProcessorConfig(presets: presets, window: window.seconds, hop: hopping?.hop, maxTenants: maxTenants,
                                maxTypes: maxTypes)
        }
    }

    private var hopping: HoppingSpec? {
        mode == .hopping ? HoppingSpec(size: window.seconds, hop: hop?.seconds ?? min(10, window.seconds)) : nil
    }

    func run() throws {
        if !headless && input == "-" && isatty(0) == 1 {
            throw UsageError("standard input is a terminal: pipe events in (… | eventtop live) or give --input FILE")
        }
        let source = try InputSource.named(input, follow: follow, endsAtStart: once)
        // A Kafka input's broker warnings, said on stderr as they come and go (headless).
        var warnings = InputWarnings(input: input, monitor: source.monitor)
        let mapping = try events.mapping()
        var config = try processorConfig
        config.setClock(clock, finiteInput: source.isFinite || once)
        config.maxFutureSkew = maxFutureSkew.seconds
        config.maxJump = maxJump.seconds
        // Without --history the pane still reads the default folder (DESIGN §4); nothing is written there.
        let screenOptions = headless ? nil : try screen.options(
            input: input == "-" ? "stdin" : source.kafkaAddress?.key ?? ScreenOptions.shortPath(input),
            history: history ?? DataFolders.history(environment: ProcessInfo.processInfo.environment),
            window: WindowChoice(presets: config.presets, length: window.seconds, mode: mode,
                                 hop: hop?.seconds ?? min(10, window.seconds)))
        var settings: HistorySettings?
        var resume: ResumePoint?
        var claim: WriterClaim?
        if let history {
            try HistoryLocation.checkWritable(history, flag: "--history")
            var chosen = HistorySettings(directory: history, input: input, sourceName: SourceName.of(source))
            chosen.lateness = lateness.seconds
            chosen.checkpointEvery = checkpointEvery.seconds
            chosen.createdBy = "eventtop version \(EventTop.version)"
            settings = chosen
            claim = try WriterClaim(directory: history, source: chosen.sourceName)
            resume = try ResumePoint.find(for: source, history: chosen, mapping: mapping)
            if let resume {
                let at = resume.kafka.map { "offsets \($0.description)" } ?? "byte \(resume.offset)"
                Console.error("resuming \(input) at \(at) from the checkpoint in \(history)")
            }
        }
        defer { withExtendedLifetime(claim) {} }
        let engine = LiveEngine(config: config, maxLineBytes: maxLineBytes, history: settings, mapping: mapping)
        var writer = MetricsWriter(format: format)
        let last: MetricsSnapshot?
        if let screenOptions {
            // The window may be the one the screen last had (saved state), not --window's.
            engine.start(source, hopping: screenOptions.window.hopping, resume: resume)
            last = try runScreen(engine, options: screenOptions)
        } else {
            // Headless: rows on stdout; on a failure, the summary of what was read before it.
            do throws(DataError) {
                if once {
                    engine.start(source, hopping: hopping, resume: resume)
                    while !engine.waitUntilFinished(before: Date(timeIntervalSinceNow: 0.25)) { warnings.echo() }
                    warnings.echo()
                    if let failure = engine.failure { throw failure }
                    last = engine.latest
                    try Console.out(writer.render(rows(last!)))
                } else {
                    try HeadlessRun.run(engine, source: source, hopping: hopping, resume: resume,
                                        intervalNanos: DurationParsing.milliseconds(interval)! * 1_000_000)
                    { snapshot throws(DataError) in
                        warnings.echo()
                        return try Console.out(writer.render(rows(snapshot)))
                    }
                    last = engine.latest
                }
            } catch {
                if let latest = engine.latest { Console.error(SummaryLine.text(latest.stats)) }
                throw error
            }
        }
        if let last { Console.error(SummaryLine.text(last.stats)) }
        if let failure = engine.failure { throw failure }
        if let history, let last, let failure = SummaryLine.historyFailure(last.stats, folder: history) {
            throw RuntimeFailure(failure)
        }
        // A Kafka member that handed partitions over unsaved, or could not read another's
        // checkpoint, did not do all it was asked.
        if let problem = last?.stats.input?.problem { throw RuntimeFailure("\(input): \(problem)") }
    }

    private func rows(_ snapshot: MetricsSnapshot) -> [WindowRow] {
        mode == .hopping ? snapshot.hoppingRows() : snapshot.rollingRows(window: window.seconds)
    }
}
