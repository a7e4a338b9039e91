import ArgumentParser
import Demo
import EventModel
import Output

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write deterministic synthetic events (NDJSON) to standard output.",
        discussion: """
            Tenants of very different volumes, a 60/32/8 click/view/error mix plus rarer types, \
            sessions, a daily rhythm, bursts and error spikes. The same --seed and --start give \
            the same bytes; without --start the events end now.
            """
    )

    @Option(help: "Number of events.")
    var events = 1_000_000

    @Option(help: "Number of tenants.")
    var tenants = 50

    @Option(help: ArgumentHelp("First instant: RFC 3339 or YYYY-MM-DD (default: --days before now).",
                               valueName: "ts"))
    var start: String?

    @Option(help: "Days the events span.")
    var days = 1

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @OptionGroup var settingsFile: ConfigArguments

    func validate() throws {
        if events < 0 || events > 10_000_000_000 { throw ValidationError("--events must be between 0 and 10000000000") }
        if tenants < 1 || tenants > 1_000_000 { throw ValidationError("--tenants must be between 1 and 1000000") }
        if days < 1 || days > 3660 { throw ValidationError("--days must be between 1 and 3660") }
        if let start, Timestamp.parse(start) == nil {
            throw ValidationError("--start: '\(start)' is not an RFC 3339 timestamp or a YYYY-MM-DD date")
        }
    }

    func run() throws {
        let startNanos = start.flatMap(Timestamp.parse)
            ?? (WallClock.nowSecond() / 60 * 60 - Int64(days) * 86_400) * Timestamp.nanosPerSecond
        var generator = EventGenerator(.init(start: startNanos, events: events, tenants: tenants, days: days, seed: seed))
        try generator.run { chunk throws(DataError) in try Console.out(chunk) }
    }
}
