import ArgumentParser
import EventModel
import CSystem
import Foundation
import History
import Output

/// `eventtop history`: the daily and weekly reports over fact_events_daily partitions.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print daily events or the weekly error rate per tenant from daily Parquet partitions.",
        discussion: """
            Reads DIR/date=YYYY-MM-DD/*.parquet folders (at any depth, as DuckDB, Spark, pyarrow, \
            polars and fastparquet write them) and non-partitioned .parquet files with a date column \
            (DATE, 'YYYY-MM-DD' string or timestamp). Only the asked dates' files are opened, and only \
            tenant_id, total_events and error_events are read. Names starting with '_' or '.' \
            (_SUCCESS, _metadata, .crc) are ignored.

            Reports (the seed's queries): daily-events is date, tenant_id, SUM(total_events) AS events; \
            weekly-error-rate is DATE_TRUNC('week', date) (ISO weeks, Monday), tenant_id, \
            SUM(total_events), SUM(error_events) and SUM(error_events)/SUM(total_events) (empty/null \
            when the total is 0). Rows are sorted by date or week, then tenant_id (UTF-8 byte order).

            Formats: table (for people; error rate in %), csv (header date,tenant_id,events or \
            week,tenant_id,total_events,error_events,error_rate; ratios as the shortest text that \
            reads back as the same double; null as an empty field), json (one JSON array of \
            objects with the CSV's keys; null as null).

            --weeks N (default 4) is the current ISO week (UTC wall clock) and the N-1 before it; \
            --from/--to are inclusive dates and go together.

            DIR may be s3://BUCKET/PREFIX in any S3-compatible store (credentials and endpoint from \
            AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION, AWS_ENDPOINT_URL): only the asked \
            dates' prefixes are listed, and each file's footer and then only the three columns are \
            fetched with ranged GETs. The ranges read are kept in a local cache \
            ($XDG_CACHE_HOME/eventtop/objects, else ~/.cache/eventtop/objects; EVENTTOP_S3_CACHE=DIR \
            elsewhere or =off for none, EVENTTOP_S3_CACHE_MB=N its bound, default 256), found again only \
            for the same object size and ETag: a second run makes listings only. A cache that cannot be \
            written is a warning on stderr, not a failure.

            Exit status: 0 success (an empty folder prints the header only, with a note on stderr); \
            1 when the folder is missing or a partition cannot be read: each unreadable file is named \
            on stderr, the other dates still print, and the status is 1 at the end; 2 usage error.
            """
    )

    enum Report: String, ExpressibleByArgument, CaseIterable {
        case weeklyErrorRate = "weekly-error-rate"
        case dailyEvents = "daily-events"
    }

    @Option(help: ArgumentHelp("The partitions' folder, or s3://BUCKET/PREFIX (default: $XDG_DATA_HOME/eventtop/fact_events_daily).",
                               valueName: "DIR"))
    var dir: String?

    @Option(help: "The current ISO week and the N-1 before it (default 4).")
    var weeks: Int?

    @Option(help: ArgumentHelp("First date, YYYY-MM-DD (with --to).", valueName: "DATE"))
    var from: String?

    @Option(help: ArgumentHelp("Last date, YYYY-MM-DD, inclusive (with --from).", valueName: "DATE"))
    var to: String?

    @Option(help: "Only this tenant.")
    var tenant: String?

    @Option(help: "weekly-error-rate or daily-events.")
    var report: Report = .weeklyErrorRate

    @Option(help: "table, csv or json.")
    var format: HistoryReportText.Format = .table

    @OptionGroup var settingsFile: ConfigArguments

    func validate() throws {
        do { _ = try range } catch { throw ValidationError(error.message) }
        try HistoryLocation.validate(dir, flag: "--dir")
    }

    private var range: CivilDateRange {
        get throws(DataError) {
            try CivilDateRange(weeks: weeks, from: from, to: to, today: CivilDate(epochSeconds: WallClock.nowSecond()))
        }
    }

    func run() throws {
        // The reader allocates and frees the same buffers for each of hundreds of files: keep
        // freed memory for the next file instead of handing it back to the kernel after each
        // (glibc's 128 KiB default made page faults a third of a year's run).
        _ = eventtop_keep_freed_memory(256 << 20)
        let folder = dir ?? DataFolders.history(environment: ProcessInfo.processInfo.environment)
        let query: HistoryQuery
        do {
            query = try HistoryQuery.load(root: folder, range: try range)
        } catch {
            throw RuntimeFailure("history folder \(error.description)")
        }
        for problem in query.problems { Console.error(problem) }
        for warning in query.warnings { Console.error("warning: " + warning) }
        if query.folderIsEmpty { Console.error("no partitions in \(folder)") }
        switch report {
        case .dailyEvents:
            try Console.out(HistoryReportText.render(query.dailyEvents(tenant: tenant), format))
        case .weeklyErrorRate:
            try Console.out(HistoryReportText.render(try query.weeklyErrorRate(tenant: tenant), format))
        }
        if !query.problems.isEmpty { throw ExitCode.failure }
    }
}

extension HistoryReportText.Format: ExpressibleByArgument {}
