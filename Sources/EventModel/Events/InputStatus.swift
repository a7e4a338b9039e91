/// What a source says about itself beside its events (a Kafka input: its consumer lag and
/// whether its brokers are reachable), for the status bar and the summary.
public struct InputStatus: Sendable, Equatable {
    /// Messages not read yet, per partition (index = partition id); -1 where not known yet,
    /// `notOwned` for a partition another member of the group reads.
    public var lag: [Int64] = []
    public static let notOwned = Int64.min
    /// Why ingest is held up now (a broker that went away), nil while all is well.
    public var warning: String?
    /// Something that went wrong and stays said for the rest of the run (a group member that
    /// handed partitions over before a checkpoint held them).
    public var problem: String?
    /// A member of a Kafka group: the partitions it reads now (nil for any other input).
    public var assignment: [Int32]?

    public init(lag: [Int64] = [], warning: String? = nil) {
        self.lag = lag
        self.warning = warning
    }

    /// All partitions' lag, nil while any is unknown.
    public var totalLag: Int64? {
        let mine = lag.filter { $0 != Self.notOwned }
        return mine.contains { $0 < 0 } ? nil : mine.reduce(0, +)
    }
}
