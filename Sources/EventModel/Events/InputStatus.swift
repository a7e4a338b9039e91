/// What a source says about itself beside its events (a Kafka input: its consumer lag and
/// whether its brokers are reachable), for the status bar and the summary.
public struct InputStatus: Sendable, Equatable {
    /// Messages not read yet, per partition (index = partition id); -1 where not known yet.
    public var lag: [Int64] = []
    /// Why ingest is held up now (a broker that went away), nil while all is well.
    public var warning: String?

    public init(lag: [Int64] = [], warning: String? = nil) {
        self.lag = lag
        self.warning = warning
    }

    /// All partitions' lag, nil while any is unknown.
    public var totalLag: Int64? {
        lag.contains { $0 < 0 } ? nil : lag.reduce(0, +)
    }
}
