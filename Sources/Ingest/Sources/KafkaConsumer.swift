import CRdKafka
import EventModel
import Synchronization

/// A librdkafka consumer of one topic: every partition assigned directly (no group rebalance:
/// a restart after kill -9 starts at once, at the checkpoint's offsets), or, for a member of a
/// group (`member=`), the share the group's rebalances hand out (`KafkaRebalances`). The
/// reading thread consumes and acts on rebalances; the ingest thread commits offsets to the
/// group after a checkpoint.
final class KafkaConsumer: @unchecked Sendable {
    // SAFETY: librdkafka's handles are thread-safe; `commit` is the only call made from
    // another thread than the reading one, and the handles live as long as this object.
    let address: KafkaAddress
    let partitions: Int32
    let monitor: InputMonitor
    /// What the group's rebalances hand out, recorded by librdkafka's callback.
    let rebalances: KafkaRebalances
    private let handle: OpaquePointer
    private let queue: OpaquePointer
    /// A member's partitions now, each with the offset its assignment started at: only those
    /// are committed, never below that offset (nil: every partition is this consumer's).
    private let owned = Mutex<[Int32: Int64]?>(nil)
    /// How long a member may stay silent before the group hands its partitions on (librdkafka's
    /// default is 45 s; Kafka's brokers accept 6 s and more).
    static let sessionTimeoutMs = 10_000
    /// How long a start-up request (metadata, offsets) may wait for the brokers.
    static let requestTimeoutMs: Int32 = 10_000

    init(_ address: KafkaAddress, monitor: InputMonitor) throws(DataError) {
        self.address = address
        self.monitor = monitor
        rebalances = KafkaRebalances(monitor: monitor)
        if address.sharesGroup { owned.withLock { $0 = [:] } }
        let conf = rd_kafka_conf_new()!
        var errorText = [CChar](repeating: 0, count: 512)
        var settings: [(String, String)] = [
            ("bootstrap.servers", address.brokers),
            // Without a group of its own, a group id is still needed to consume; nothing is
            // committed to it.
            ("group.id", address.group ?? "eventtop"),
            ("client.id", "eventtop"),
            ("enable.auto.commit", "false"),
            ("enable.auto.offset.store", "false"),
            // A checkpoint's offset that the topic no longer holds is an error, never a jump.
            ("auto.offset.reset", "error"),
            // Under --once, the end of each partition is seen.
            ("enable.partition.eof", "true"),
            ("reconnect.backoff.max.ms", "1000"),
        ]
        if address.sharesGroup {
            // An eager assignor: a rebalance takes every partition back and hands them out
            // again, each handed over after a checkpoint (`KafkaReader`).
            settings += [("partition.assignment.strategy", "roundrobin"),
                         ("session.timeout.ms", String(Self.sessionTimeoutMs))]
        }
        for (name, value) in settings {
            guard rd_kafka_conf_set(conf, name, value, &errorText, errorText.count) == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(conf)
                throw DataError(.usage, "\(address.url): \(name)=\(value): \(Self.text(errorText))")
            }
        }
        // Errors come to the monitor (the status bar), and librdkafka's own log lines would
        // draw over the screen: they are dropped.
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(rebalances).toOpaque())
        rd_kafka_conf_set_error_cb(conf) { _, code, reason, opaque in
            guard let opaque else { return }
            let monitor = Unmanaged<KafkaRebalances>.fromOpaque(opaque).takeUnretainedValue().monitor
            let err = rd_kafka_resp_err_t(code)
            if err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || err == RD_KAFKA_RESP_ERR__TRANSPORT
                || err == RD_KAFKA_RESP_ERR__RESOLVE
            {
                let why = reason.map { String(cString: $0) } ?? String(cString: rd_kafka_err2str(err))
                monitor.warn("broker unreachable (\(why)); ingest resumes when it returns")
            }
        }
        rd_kafka_conf_set_log_cb(conf) { _, _, _, _ in }
        if address.sharesGroup {
            rd_kafka_conf_set_rebalance_cb(conf) { handle, err, list, opaque in
                guard let handle, let opaque else { return }
                Unmanaged<KafkaRebalances>.fromOpaque(opaque).takeUnretainedValue().record(err, list, handle: handle)
            }
        }
        guard let handle = rd_kafka_new(RD_KAFKA_CONSUMER, conf, &errorText, errorText.count) else {
            throw DataError(.io, "\(address.url): cannot make a Kafka consumer: \(Self.text(errorText))")
        }
        self.handle = handle
        queue = rd_kafka_queue_get_consumer(handle)
        do throws(DataError) {
            partitions = try Self.partitionCount(handle, address: address)
        } catch {
            rd_kafka_queue_destroy(queue)
            rd_kafka_destroy(handle)
            throw error
        }
    }

    deinit {
        rd_kafka_queue_destroy(queue)
        // A member leaves its group now (its partitions go to the others at once); the last
        // revoke is answered by the callback itself.
        rebalances.close()
        rd_kafka_consumer_close(handle)
        rd_kafka_destroy(handle)
    }

    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func describe(_ err: rd_kafka_resp_err_t) -> String { String(cString: rd_kafka_err2str(err)) }

    /// The topic's partition count, from the brokers' metadata.
    private static func partitionCount(_ handle: OpaquePointer, address: KafkaAddress) throws(DataError) -> Int32 {
        let topic = rd_kafka_topic_new(handle, address.topic, nil)
        defer { rd_kafka_topic_destroy(topic) }
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let err = rd_kafka_metadata(handle, 0, topic, &metadata, requestTimeoutMs)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw DataError(.io, "\(address.url): cannot reach the brokers \(address.brokers): \(describe(err))")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        guard metadata.pointee.topic_cnt == 1, let topics = metadata.pointee.topics else {
            throw DataError(.io, "\(address.url): the brokers did not describe topic \(address.topic)")
        }
        let described = topics[0]
        guard described.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            if described.err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART {
                throw DataError(.io, "\(address.url): topic \(address.topic) does not exist")
            }
            throw DataError(.io, "\(address.url): topic \(address.topic): \(describe(described.err))")
        }
        guard described.partition_cnt > 0 else {
            throw DataError(.io, "\(address.url): topic \(address.topic) has no partitions")
        }
        return described.partition_cnt
    }

    /// The first and next offsets of a partition, asked of its leader.
    func watermarks(_ partition: Int32, timeoutMs: Int32 = requestTimeoutMs) throws(DataError) -> (low: Int64, high: Int64) {
        var low: Int64 = 0, high: Int64 = 0
        let err = rd_kafka_query_watermark_offsets(handle, address.topic, partition, &low, &high, timeoutMs)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw DataError(.io, "\(address.url): cannot read the offsets of partition \(partition): \(Self.describe(err))")
        }
        return (low, high)
    }

    /// The next offset of a partition as last seen in a fetch (no request), nil when none yet.
    func cachedHigh(_ partition: Int32) -> Int64? {
        var low: Int64 = 0, high: Int64 = 0
        guard rd_kafka_get_watermark_offsets(handle, address.topic, partition, &low, &high) == RD_KAFKA_RESP_ERR_NO_ERROR,
              high >= 0 else { return nil }
        return high
    }

    /// The group's committed offsets (nil where it has none), for a start without a checkpoint.
    func committed() throws(DataError) -> [Int64?] {
        guard address.group != nil else { return Array(repeating: nil, count: Int(partitions)) }
        let found = try committed(Array(0..<partitions))
        return (0..<partitions).map { found[$0] }
    }

    /// The group's committed offsets of some partitions (absent where it has none).
    func committed(_ partitions: [Int32]) throws(DataError) -> [Int32: Int64] {
        let list = rd_kafka_topic_partition_list_new(Int32(partitions.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for p in partitions { rd_kafka_topic_partition_list_add(list, address.topic, p).pointee.offset = -1001 }
        let err = rd_kafka_committed(handle, list, Self.requestTimeoutMs)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw DataError(.io, "\(address.url): cannot read the committed offsets of group \(address.group ?? ""): \(Self.describe(err))")
        }
        var result: [Int32: Int64] = [:]
        for i in 0..<Int(list.pointee.cnt) {
            let entry = list.pointee.elems[i]
            if entry.offset >= 0 { result[entry.partition] = entry.offset }
        }
        return result
    }

    /// Starts fetching every partition at the offset given (index = partition id).
    func assign(_ next: [Int64]) throws(DataError) {
        try assign(next.enumerated().map { (Int32($0), $1) })
    }

    /// Starts fetching these partitions at these offsets (a member: its share, which it owns
    /// from now on).
    func assign(_ starts: [(partition: Int32, offset: Int64)]) throws(DataError) {
        let list = rd_kafka_topic_partition_list_new(Int32(starts.count))!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (p, offset) in starts { rd_kafka_topic_partition_list_add(list, address.topic, p).pointee.offset = offset }
        let err = rd_kafka_assign(handle, list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw DataError(.io, "\(address.url): cannot assign the partitions: \(Self.describe(err))")
        }
        owned.withLock { if $0 != nil { $0 = Dictionary(starts.map { ($0.partition, $0.offset) }, uniquingKeysWith: max) } }
    }

    /// A member gives its partitions back (after they were handed over: checkpoint, commit).
    func unassign() {
        owned.withLock { if $0 != nil { $0 = [:] } }
        _ = rd_kafka_assign(handle, nil)
    }

    /// Joins the group (a member): partitions come through rebalances.
    func subscribe() throws(DataError) {
        let list = rd_kafka_topic_partition_list_new(1)!
        defer { rd_kafka_topic_partition_list_destroy(list) }
        // A subscription names no partition (librdkafka's RD_KAFKA_PARTITION_UA, -1).
        rd_kafka_topic_partition_list_add(list, address.topic, -1)
        let err = rd_kafka_subscribe(handle, list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw DataError(.io, "\(address.url): cannot join group \(address.group ?? ""): \(Self.describe(err))")
        }
    }

    /// Commits `next` to the group (after a checkpoint that holds them); with `wait`, waits for
    /// the answer, at most `commitWaitMs` (a broker gone must not hold up the exit: the
    /// checkpoint holds the offsets, and a group behind it is safe).
    func commit(_ position: KafkaPosition, wait: Bool) {
        guard address.group != nil else { return }
        let list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>
        if let owned = owned.withLock({ $0 }) {
            // A member commits only the partitions it owns now, and never below where it took
            // them up (a checkpoint can hold an older offset of a partition handed back to it).
            let mine = owned.filter { p, start in Int(p) < position.next.count && position.next[Int(p)] >= start }
            guard !mine.isEmpty else { return }
            list = rd_kafka_topic_partition_list_new(Int32(mine.count))!
            for (p, _) in mine.sorted(by: { $0.key < $1.key }) {
                rd_kafka_topic_partition_list_add(list, address.topic, p).pointee.offset = position.next[Int(p)]
            }
        } else {
            guard position.next.count == Int(partitions) else { return }
            list = offsets(position.next)
        }
        defer { rd_kafka_topic_partition_list_destroy(list) }
        // While the brokers are known to be gone, nobody would answer.
        guard wait, !monitor.hasWarning, let answers = rd_kafka_queue_new(handle) else {
            _ = rd_kafka_commit(handle, list, 1)
            return
        }
        defer { rd_kafka_queue_destroy(answers) }
        guard rd_kafka_commit_queue(handle, list, answers, nil, nil) == RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        if let answer = rd_kafka_queue_poll(answers, Self.commitWaitMs) { rd_kafka_event_destroy(answer) }
    }

    /// How long the last commit waits for the group's answer.
    static let commitWaitMs: Int32 = 5000

    private func offsets(_ next: [Int64]) -> UnsafeMutablePointer<rd_kafka_topic_partition_list_t> {
        let list = rd_kafka_topic_partition_list_new(Int32(next.count))!
        for (p, offset) in next.enumerated() {
            rd_kafka_topic_partition_list_add(list, address.topic, Int32(p)).pointee.offset = offset
        }
        return list
    }

    /// Up to `into.count` messages (or errors) fetched, waiting at most `timeoutMs` for the first.
    /// (A batch call waits until the whole batch is filled or the time is up: only the first
    /// message is waited for, the rest are those already there.)
    func consume(into messages: UnsafeMutableBufferPointer<UnsafeMutablePointer<rd_kafka_message_t>?>,
                 timeoutMs: Int32) -> Int
    {
        guard let base = messages.baseAddress, messages.count > 0 else { return 0 }
        let ready = max(0, rd_kafka_consume_batch_queue(queue, 0, base, messages.count))
        if ready > 0 { return ready }
        guard rd_kafka_consume_batch_queue(queue, timeoutMs, base, 1) == 1 else { return 0 }
        return 1 + max(0, rd_kafka_consume_batch_queue(queue, 0, base + 1, messages.count - 1))
    }

    /// Serves librdkafka's callbacks (errors) on the calling thread.
    func serveCallbacks() { rd_kafka_poll(handle, 0) }
}
