import DailyFacts

/// Where and how `live --history` writes closed days.
public struct HistorySettings: Sendable {
    public var directory: String
    /// A day closes when stream time passes its end plus this many seconds.
    public var lateness: Int64 = 600
    public var errorTypes: [String] = ["error"]
    public var compression: PartitionCompression = .snappy
    public var createdBy = "eventtop"
    /// Seconds between checkpoints.
    public var checkpointEvery: Int64 = 10

    public init(directory: String) { self.directory = directory }
}
