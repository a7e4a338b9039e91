import EventModel
import Synchronization

/// A source's status (`InputStatus`), written by the thread that reads the source (and by
/// librdkafka's callbacks on it), read by the thread that takes snapshots.
public final class InputMonitor: Sendable {
    private let state = Mutex(InputStatus())

    public init() {}

    public var status: InputStatus { state.withLock { $0 } }

    func setLag(_ lag: [Int64]) { state.withLock { $0.lag = lag } }

    func setAssignment(_ partitions: [Int32]) { state.withLock { $0.assignment = partitions } }

    func warn(_ warning: String) { state.withLock { $0.warning = warning } }

    func clearWarning() { state.withLock { $0.warning = nil } }

    var hasWarning: Bool { state.withLock { $0.warning != nil } }

    /// Says something went wrong, for the rest of the run (status bar; stderr when headless).
    public func report(_ problem: String) { state.withLock { $0.problem = problem } }
}
