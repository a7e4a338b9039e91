import ArgumentParser
import Output
import Parquet

/// `eventtop parquet schema|meta|cat FILE`: look inside any Parquet file.
struct ParquetTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parquet",
        abstract: "Show a Parquet file's schema, metadata or rows.",
        subcommands: [ParquetSchemaCommand.self, ParquetMetaCommand.self, ParquetCatCommand.self]
    )
}

struct ParquetSchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schema", abstract: "Print the schema tree.")

    @Argument(help: "A Parquet file.") var file: String

    func run() throws {
        let reader = try ParquetFileReader(path: file)
        try Console.out(ParquetDescription.schema(reader.schema))
    }
}

struct ParquetMetaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meta",
        abstract: "Print row groups and column chunks: types, encodings, codecs, sizes, statistics.")

    @Argument(help: "A Parquet file.") var file: String

    func run() throws {
        let reader = try ParquetFileReader(path: file)
        try Console.out(ParquetDescription.metadata(reader))
    }
}

struct ParquetCatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cat",
        abstract: "Print rows as CSV or NDJSON.",
        discussion: """
            Integers exact, floats that round-trip, dates YYYY-MM-DD, timestamps RFC 3339 (with Z when \
            UTC-adjusted) at the file's precision, nulls as an empty CSV field or JSON null, binary as \
            base64. Nested columns are skipped with a note on stderr; asking for one is an error.
            """)

    @Argument(help: "A Parquet file.") var file: String
    @Option(help: ArgumentHelp("Columns to print, comma-separated (default: all flat columns).", valueName: "a,b"))
    var columns: String?
    @Option(help: "Output format.") var format: RowPrinter.Format = .csv
    @Option(help: "Print at most this many rows.") var limit: Int?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be at least 0") }
    }

    func run() throws {
        let reader = try ParquetFileReader(path: file)
        let (selected, note) = try ColumnSelection.choose(reader, file: file,
                                                          requested: columns?.split(separator: ",").map(String.init))
        if let note { Console.error(note) }
        try RowPrinter(columns: selected, format: format).print(reader, limit: limit ?? Int.max)
    }
}

extension RowPrinter.Format: ExpressibleByArgument {}
