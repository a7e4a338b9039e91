import CRdKafka
import EventModel
import Synchronization

/// The rebalances a group hands a member, as librdkafka's callback reports them (on the
/// reading thread, inside a consume): recorded here, acted on by `KafkaReader` between reads —
/// a revoke only once everything read of those partitions is checkpointed and committed (the
/// group waits for that), an assignment at offsets the reader chooses. Also what the error
/// callback reaches: the monitor.
final class KafkaRebalances: Sendable {
    /// One rebalance: partitions assigned, or taken back (an error of the group's counts as
    /// taking everything back: librdkafka then expects the assignment cleared).
    enum Change: Equatable, Sendable {
        case assign([Int32])
        case revoke([Int32])
    }

    let monitor: InputMonitor
    private let state = Mutex(State())

    private struct State {
        var pending: [Change] = []
        /// The consumer is closing: a last revoke is answered at once, with nothing to hand over
        /// (the last checkpoint has been saved and committed).
        var closing = false
    }

    init(monitor: InputMonitor) { self.monitor = monitor }

    /// Called by librdkafka (rebalance callback).
    func record(_ err: rd_kafka_resp_err_t, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
                handle: OpaquePointer)
    {
        var partitions: [Int32] = []
        if let list, list.pointee.cnt > 0, let elems = list.pointee.elems {
            for i in 0..<Int(list.pointee.cnt) { partitions.append(elems[i].partition) }
        }
        let closing = state.withLock { s -> Bool in
            guard !s.closing else { return true }
            switch err {
            case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS: s.pending.append(.assign(partitions.sorted()))
            default: s.pending.append(.revoke(partitions.sorted()))
            }
            return false
        }
        if closing { _ = rd_kafka_assign(handle, nil) }
        if err != RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS && err != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS {
            monitor.warn("group rebalance failed: \(String(cString: rd_kafka_err2str(err)))")
        }
    }

    /// The oldest change not acted on yet.
    var next: Change? { state.withLock { $0.pending.first } }

    /// The oldest change has been acted on.
    func done() { state.withLock { if !$0.pending.isEmpty { $0.pending.removeFirst() } } }

    func close() { state.withLock { $0.closing = true } }
}
