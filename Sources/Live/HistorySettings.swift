#if canImport(Glibc)
import Glibc
#endif
import DailyFacts
import Ingest

/// Where and how `live --history` writes closed days.
public struct HistorySettings: Sendable {
    public var directory: String
    /// The input as its checkpoint knows it: an absolute path, or `-` for standard input.
    public var inputPath: String
    /// The file each date's partition gets from this input, `part-NAME.parquet`: one file per
    /// input, so collectors of different inputs add up and the same input never counts twice.
    public var sourceName: String
    /// A day closes when stream time passes its end plus this many seconds.
    public var lateness: Int64 = 600
    public var compression: PartitionCompression = .snappy
    public var createdBy = "eventtop"
    /// Seconds between checkpoints (and between retries of days that could not be written).
    public var checkpointEvery: Int64 = 10

    public init(directory: String, inputPath: String, sourceName: String) {
        self.directory = directory
        self.inputPath = inputPath
        self.sourceName = sourceName
    }

    /// Settings for `input` as the command line names it (`-`, a Kafka input's topic and group,
    /// or a path made absolute: checkpoints are keyed by it).
    public init(directory: String, input: String, sourceName: String) {
        let inputPath: String
        if input == "-" {
            inputPath = "-"
        } else if KafkaAddress.isKafka(input), let address = try? KafkaAddress(input) {
            inputPath = address.key
        } else {
            inputPath = Self.absolute(input)
        }
        self.init(directory: directory, inputPath: inputPath, sourceName: sourceName)
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
    }

    /// `part-NAME.parquet`
    public var fileName: String { "part-\(sourceName).parquet" }
}
