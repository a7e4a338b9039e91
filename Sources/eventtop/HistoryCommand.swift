import ArgumentParser
import History
import Streaming
#if canImport(Glibc)
import Glibc
#endif

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

            Exit status: 0 success (an empty folder prints the header only, with a note on stderr); \
            1 when the folder is missing or a partition cannot be read: each unreadable file is named \
            on stderr, the other dates still print, and the status is 1 at the end; 2 usage error.
            """
    )

    enum Report: String, ExpressibleByArgument, CaseIterable {
        case weeklyErrorRate = "weekly-error-rate"
        case dailyEvents = "daily-events"
    }

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(help: ArgumentHelp("The partitions' folder (default: $XDG_DATA_HOME/eventtop/fact_events_daily).",
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
    var format: Format = .table

    func validate() throws {
        if weeks != nil, from != nil || to != nil {
            throw ValidationError("--weeks and --from/--to cannot be used together")
        }
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        if let weeks, weeks < 1 || weeks > 10_000 { throw ValidationError("--weeks must be between 1 and 10000") }
        if let from, HistoryDate(from) == nil { throw ValidationError("--from: '\(from)' is not a YYYY-MM-DD date") }
        if let to, HistoryDate(to) == nil { throw ValidationError("--to: '\(to)' is not a YYYY-MM-DD date") }
        if let from, let to, let a = HistoryDate(from), let b = HistoryDate(to), b < a {
            throw ValidationError("--to \(to) is before --from \(from)")
        }
    }

    static func defaultFolder() -> String {
        if let xdg = getenv("XDG_DATA_HOME").map({ String(cString: $0) }), xdg.hasPrefix("/") {
            return xdg + "/eventtop/fact_events_daily"
        }
        let home = getenv("HOME").map { String(cString: $0) } ?? ""
        return home + "/.local/share/eventtop/fact_events_daily"
    }

    func run() throws {
        let folder = dir ?? Self.defaultFolder()
        let range: HistoryDateRange
        if let from, let to, let a = HistoryDate(from), let b = HistoryDate(to) {
            range = HistoryDateRange(first: a, last: b)
        } else {
            range = HistoryDateRange(weeks: weeks ?? 4, endingWith: HistoryDate(epochSeconds: WallClock.nowSecond()))
        }
        let catalog: PartitionCatalog
        do {
            catalog = try PartitionCatalog(root: folder)
        } catch {
            throw RuntimeFailure("history folder \(error.message)")
        }
        var failed = false
        for problem in catalog.problems {
            Console.error(problem.message)
            failed = true
        }
        if catalog.isEmpty && catalog.problems.isEmpty {
            Console.error("no partitions in \(folder)")
        }
        let dates = range.dates.filter { catalog.files[$0] != nil }
        let loader = HistoryLoader(catalog: catalog, maxDays: max(1, dates.count), maxBytes: Int.max, workers: 2)
        let states = loader.load(dates)
        var days: [DayData] = []
        for date in dates {
            switch states[date] {
            case .loaded(let day): days.append(day)
            case .failed(let message):
                Console.error("\(date): \(message)")
                failed = true
            default:
                Console.error("\(date): not loaded")
                failed = true
            }
        }
        let text: String
        switch report {
        case .dailyEvents:
            text = Self.render(HistoryReports.dailyEvents(days, tenant: tenant), format)
        case .weeklyErrorRate:
            do {
                text = Self.render(try HistoryReports.weeklyErrorRate(days, tenant: tenant), format)
            } catch {
                throw RuntimeFailure(error.message)
            }
        }
        Console.out(text)
        if failed { throw ExitCode.failure }
    }

    // MARK: output

    static func render(_ rows: [DailyEventsRow], _ format: Format) -> String {
        let header = ["date", "tenant_id", "events"]
        if format != .table {
            var out = MachineText(header: header, json: format == .json)
            for row in rows {
                out.beginRow()
                out.text(row.date.description)
                out.text(row.tenant)
                out.integer(row.events)
                out.endRow()
            }
            return out.finish()
        }
        let cells = rows.map { [$0.date.description, $0.tenant, $0.events.map { String($0) }] }
        return table(header, cells, numeric: [false, false, true])
    }

    static func render(_ rows: [WeeklyErrorRateRow], _ format: Format) -> String {
        var header = ["week", "tenant_id", "total_events", "error_events", "error_rate"]
        if format != .table {
            var out = MachineText(header: header, json: format == .json)
            for row in rows {
                out.beginRow()
                out.text(row.week.description)
                out.text(row.tenant)
                out.integer(row.totalEvents)
                out.integer(row.errorEvents)
                out.number(row.errorRate.map(ratio))
                out.endRow()
            }
            return out.finish()
        }
        header[4] = "error %"
        let cells = rows.map { row -> [String?] in
            [row.week.description, row.tenant, row.totalEvents.map { String($0) }, row.errorEvents.map { String($0) },
             row.errorRate.map(percent)]
        }
        return table(header, cells, numeric: [false, false, true, true, true])
    }

    /// The shortest decimal text that reads back as the same double (Swift's description).
    static func ratio(_ v: Double) -> String { "\(v)" }

    /// `12.34` (two decimals) for tables.
    static func percent(_ v: Double) -> String {
        guard v.isFinite else { return "\(v)" }
        let hundredths = Int64((v * 10_000).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    static func table(_ header: [String], _ rows: [[String?]], numeric: [Bool]) -> String {
        let shown = rows.map { $0.map { $0.map(sanitize) ?? "-" } }
        var widths = header.map(\.count)
        for row in shown { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return numeric[i] ? pad + c : c + pad
            }.joined(separator: "  ") + "\n"
        }
        var out = line(header)
        for row in shown { out += line(row) }
        return out
    }

    /// Control characters never reach the terminal in a table.
    static func sanitize(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : $0 }))
    }
}

/// CSV (RFC 4180 quoting, header line, null as an empty field) or one JSON array of objects
/// (null as null), written straight into bytes: tens of thousands of rows cost milliseconds.
struct MachineText {
    private var bytes: [UInt8] = []
    private let keys: [[UInt8]]
    private let json: Bool
    private var column = 0
    private var rows = 0

    init(header: [String], json: Bool) {
        self.json = json
        keys = header.map { Array(JSONText.quote($0).utf8) + [UInt8(ascii: ":")] }
        bytes.reserveCapacity(1 << 20)
        if json {
            bytes.append(UInt8(ascii: "["))
        } else {
            bytes += Array(header.joined(separator: ",").utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    mutating func beginRow() {
        column = 0
        if json { bytes += rows == 0 ? Array("\n{".utf8) : Array(",\n{".utf8) }
        rows += 1
    }

    mutating func endRow() { bytes += json ? [UInt8(ascii: "}")] : [UInt8(ascii: "\n")] }

    private mutating func separate() {
        if column > 0 { bytes.append(UInt8(ascii: ",")) }
        if json { bytes += keys[column] }
        column += 1
    }

    mutating func text(_ value: String?) {
        separate()
        guard let value else {
            if json { bytes += Array("null".utf8) }
            return
        }
        if json {
            bytes += Array(JSONText.quote(value).utf8)
        } else if value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            bytes += Array(CSV.quote(value).utf8)
        } else {
            bytes += value.utf8
        }
    }

    /// A number already in its text form (nil: null).
    mutating func number(_ text: String?) {
        separate()
        if let text { bytes += text.utf8 } else if json { bytes += Array("null".utf8) }
    }

    mutating func integer(_ value: Int64?) {
        separate()
        guard let value else {
            if json { bytes += Array("null".utf8) }
            return
        }
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, Int) = (value.magnitude, 0)
        var buffer = [UInt8](repeating: 0, count: 20)
        repeat {
            buffer[19 - digits.1] = UInt8(ascii: "0") + UInt8(digits.0 % 10)
            digits.0 /= 10
            digits.1 += 1
        } while digits.0 > 0
        bytes += buffer[(20 - digits.1)...]
    }

    mutating func finish() -> String {
        if json { bytes += rows == 0 ? Array("]\n".utf8) : Array("\n]\n".utf8) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
