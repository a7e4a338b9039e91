import ArgumentParser
import DailyFacts
import Ingest
import Live
import Output
#if canImport(Glibc)
import Glibc
#endif

struct Rollup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Roll NDJSON events up into fact_events_daily Parquet partitions.",
        discussion: """
            Reads every INPUT (a file, or - for standard input) in one pass and writes one partition \
            per UTC date, DIR/date=YYYY-MM-DD/part-00000.parquet, with tenant_id, event_type, \
            total_events, error_events, avg_session_duration and unique_sessions. The end of the input \
            closes every day. The partitions of the dates written are replaced, each atomically; other \
            dates are left alone.

            DIR may be s3://BUCKET/PREFIX (any S3-compatible store; AWS_ACCESS_KEY_ID, \
            AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT_URL): each file is put whole, then the \
            date's other objects are deleted.
            """
    )

    @Argument(help: ArgumentHelp("NDJSON event files (- for standard input).", valueName: "input"))
    var inputs: [String]

    @Option(help: ArgumentHelp("Folder of the partitions, or s3://BUCKET/PREFIX.", valueName: "dir"))
    var out: String

    @Option(help: "Page compression of the files written (snappy, zstd or none).")
    var compression: PartitionCompression = .snappy

    @OptionGroup var events: MappingArguments

    @OptionGroup var settingsFile: ConfigArguments

    @Option(help: ArgumentHelp("Longest accepted line in bytes.", valueName: "bytes"))
    var maxLineBytes = 1 << 20

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one INPUT (a file, or -)") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be read once") }
        if out.isEmpty { throw ValidationError("--out: give a folder") }
        try HistoryLocation.validate(out, flag: "--out")
        if maxLineBytes < 64 || maxLineBytes > 1 << 30 {
            throw ValidationError("--max-line-bytes must be between 64 and 1073741824")
        }
    }

    func run() throws {
        try HistoryLocation.checkWritable(out, flag: "--out")
        var run = RollupRun(mapping: try events.mapping())
        let showProgress = isatty(2) == 1
        for input in inputs {
            try run.read(InputSource.named(input, follow: false, endsAtStart: true), maxLineBytes: maxLineBytes) { bytes, accepted in
                guard showProgress else { return }
                Console.error(inPlace: "reading \(input): \(bytes / 1_000_000) MB, \(accepted) events")
            }
        }
        if showProgress { Console.error(inPlace: "") }
        var writer = PartitionWriter(directory: out)
        writer.compression = compression
        writer.createdBy = "eventtop version \(EventTop.version)"
        let dates = try run.write(to: writer)
        Console.error(SummaryLine.rollup(accepted: run.accepted, rejected: run.rejected, dates: dates, folder: out,
                                         autoUnits: run.autoUnits))
    }
}

extension PartitionCompression: ExpressibleByArgument {}
