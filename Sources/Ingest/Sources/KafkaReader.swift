#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CRdKafka
import EventModel

/// A Kafka topic read as one byte stream of lines: each message's payload, ended by a `\n`
/// when it has none (an empty message gives nothing), in the order the messages are fetched —
/// so the same line cutting, limits and decoding apply as to a file. It keeps, for any byte of
/// that stream, where in the topic it lies (`position(atStreamByte:)`): each partition's next
/// offset, and how far into a message a read cut it. Under `--once` the input ends at the end
/// offsets found at the start, as `kcat -e` does.
///
/// A member of a group (`member=`) reads the partitions the group assigns it. When a rebalance
/// takes them back, the reader finishes the messages it had fetched and then returns
/// `.handover`: the engine checkpoints everything read so far and commits those offsets to the
/// group, and only on the next read are the partitions given back — so whoever takes one up
/// starts where this member's counts end. A partition assigned starts at the later of this
/// member's own offset (its checkpoint's, or where it last read it) and the group's committed
/// one: a member that counted further than the group knows (a crash between a checkpoint and
/// its commit) does not count again, and one handed back a partition another member read on
/// does not go back.
final class KafkaReader {
    let consumer: KafkaConsumer
    /// End at the end offsets found at start.
    let endsAtStart: Bool
    /// Each partition's next offset (index = partition id).
    private var next: [Int64]
    /// The end offsets found at start (with `endsAtStart`).
    private var ends: [Int64] = []
    /// Partitions seen to their end offset found at start.
    private var done: [Bool]
    private var started = false
    /// Where a checkpoint resumes: its offsets, and a message it had read a part of.
    private var resumeAt: KafkaPosition?
    /// Fetched messages not yet emitted whole: `batch[index..<count]`.
    private var batch: UnsafeMutableBufferPointer<UnsafeMutablePointer<rd_kafka_message_t>?>
    private var index = 0
    private var count = 0
    /// Bytes of `batch[index]` already emitted (a message cut by the end of a read).
    private var emitted = 0
    /// The stream byte where the message at `batch[index]` begins.
    private var messageBase: Int64 = 0
    /// Bytes of the stream emitted in all.
    private(set) var streamBytes: Int64 = 0
    private var lastHealthCheck: Int64 = 0
    /// A member's partitions now (index = partition id); every one without `member=`.
    private var assigned: [Bool]
    /// A member: the revoke being handed over (`.handover` returned, not yet given back).
    private var handingOver = false
    /// A member: how far the group's other members have counted each partition, as their saved
    /// state says (their checkpoints in a shared history folder); asked at each assignment.
    var countedByOthers: (@Sendable () -> [Int64])?
    static let batchSize = 4096

    init(_ consumer: KafkaConsumer, endsAtStart: Bool) {
        self.consumer = consumer
        self.endsAtStart = endsAtStart
        next = Array(repeating: KafkaPosition.beginning, count: Int(consumer.partitions))
        done = Array(repeating: false, count: Int(consumer.partitions))
        assigned = Array(repeating: !consumer.address.sharesGroup, count: Int(consumer.partitions))
        batch = .allocate(capacity: Self.batchSize)
        batch.initialize(repeating: nil)
    }

    deinit {
        for i in index..<count { rd_kafka_message_destroy(batch[i]) }
        batch.deallocate()
    }

    var partitions: Int32 { consumer.partitions }

    private var sharesGroup: Bool { consumer.address.sharesGroup }

    /// Resumes at a checkpoint's position (before the first read).
    func resume(at position: KafkaPosition) throws(DataError) {
        guard position.next.count <= Int(consumer.partitions) else {
            throw DataError(.corrupt, "\(consumer.address.url) has \(consumer.partitions) partitions, fewer than the "
                + "\(position.next.count) the checkpoint holds offsets for")
        }
        resumeAt = position
    }

    /// The offsets to start at: the checkpoint's, else the group's committed ones, else each
    /// partition's first; each checked against what the topic still holds. Then the end
    /// offsets, under `--once`, and the assignment.
    private func start() throws(DataError) {
        started = true
        if sharesGroup {
            // A member: what it counted before (its checkpoint) is where it may take up each
            // partition the group hands it.
            if let resumeAt {
                for (p, offset) in resumeAt.next.enumerated() where p < next.count { next[p] = offset }
            }
            try consumer.subscribe()
            return
        }
        let committed = try consumer.committed()
        for p in 0..<Int(consumer.partitions) {
            let (low, high) = try consumer.watermarks(Int32(p))
            var from = low
            if let resumeAt, p < resumeAt.next.count, resumeAt.next[p] != KafkaPosition.beginning {
                from = resumeAt.next[p]
                guard from >= low, from <= high else {
                    throw DataError(.corrupt, "\(consumer.address.url): partition \(p) holds offsets \(low)–\(high) now, "
                        + "but the checkpoint had reached \(from): messages were deleted before they were read; "
                        + "remove the checkpoint to start over")
                }
            } else if let offset = committed[p] {
                from = max(offset, low)
            }
            next[p] = from
            if endsAtStart {
                ends.append(high)
                done[p] = from >= high
            }
        }
        try consumer.assign(next)
    }

    /// Copies whole lines of messages into `buffer`; waits up to `timeoutMs` when none is there.
    func read(into buffer: UnsafeMutableRawBufferPointer, timeoutMs: Int32) throws(DataError) -> ReadResult {
        if !started { try start() }
        consumer.serveCallbacks()
        var filled = 0
        let out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        copying: while true {
            if index == count {
                count = 0
                index = 0
                if filled > 0 { break }
                if sharesGroup, let change = consumer.rebalances.next {
                    // Every message fetched is emitted whole: the group's change can be made.
                    switch change {
                    case .revoke:
                        guard handingOver else {
                            handingOver = true
                            return .handover
                        }
                        handingOver = false
                        consumer.unassign()
                        consumer.monitor.setAssignment([])
                        for p in assigned.indices { assigned[p] = false }
                    case .assign(let partitions):
                        try take(partitions)
                    }
                    consumer.rebalances.done()
                    updateLag()
                    continue copying
                }
                if endsAtStart && !done.contains(false) { return .end }
                let n = consumer.consume(into: batch, timeoutMs: timeoutMs)
                if n == 0 {
                    // A rebalance recorded during the wait is acted on at once.
                    if sharesGroup && consumer.rebalances.next != nil { continue copying }
                    checkHealth()
                    updateLag()
                    return .idle
                }
                count = n
            }
            // SAFETY: batch[index..<count] are messages librdkafka handed over, not destroyed yet.
            let message = batch[index]!.pointee
            let partition = Int(message.partition)
            guard message.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                try take(error: message.err, partition: partition, offset: message.offset)
                dropMessage()
                continue
            }
            guard partition >= 0, partition < next.count, assigned[partition],
                  !endsAtStart || message.offset < ends[partition]
            else {
                // Past the end found at start (under --once), or not a partition asked for (or
                // no longer this member's).
                dropMessage()
                continue
            }
            if emitted == 0 {
                // A message begins: every earlier one of its partition is done.
                next[partition] = message.offset
                messageBase = streamBytes + Int64(filled)
                if let cut = resumeAt, cut.cutBytes > 0, Int(cut.cutPartition) == partition,
                   partition < cut.next.count, cut.next[partition] == message.offset
                {
                    // The checkpoint had processed this message's first bytes.
                    emitted = Int(min(cut.cutBytes, Int64(message.len) + 1))
                    messageBase -= Int64(emitted)
                    resumeAt!.cutBytes = 0
                }
            }
            let length = message.len
            let payload = message.payload?.assumingMemoryBound(to: UInt8.self)
            let needsNewline = length > 0 && payload![length - 1] != 0x0A
            let total = length + (needsNewline ? 1 : 0)
            let remaining = total - emitted
            let space = buffer.count - filled
            var take = remaining
            if remaining > space {
                // Whole messages only, unless this one is bigger than a read.
                if filled > 0 && remaining <= buffer.count { break copying }
                take = space
            }
            let fromPayload = min(take, max(0, length - emitted))
            if fromPayload > 0 { memcpy(out + filled, payload! + emitted, fromPayload) }
            if take > fromPayload { out[filled + fromPayload] = 0x0A }
            filled += take
            emitted += take
            if emitted < total { break }
            next[partition] = message.offset + 1
            if endsAtStart && next[partition] >= ends[partition] { done[partition] = true }
            dropMessage()
        }
        streamBytes += Int64(filled)
        if consumer.monitor.hasWarning { consumer.monitor.clearWarning() }
        updateLag()
        return .bytes(filled)
    }

    /// A member takes up the partitions the group assigned it: each at the furthest of its own
    /// offset, the other members' (their checkpoints) and the group's committed one, else at
    /// the partition's start; a counted offset the topic no longer holds is an error, as at a
    /// restart.
    private func take(_ partitions: [Int32]) throws(DataError) {
        let committed = try consumer.committed(partitions)
        let others = countedByOthers?() ?? []
        var starts: [(partition: Int32, offset: Int64)] = []
        for p32 in partitions {
            guard p32 >= 0, p32 < Int32.max / 2 else { continue }
            let p = Int(p32)
            if p >= next.count {
                // The topic has grown since it was described.
                next += Array(repeating: KafkaPosition.beginning, count: p + 1 - next.count)
                assigned += Array(repeating: false, count: p + 1 - assigned.count)
                done += Array(repeating: false, count: p + 1 - done.count)
            }
            let (low, high) = try consumer.watermarks(p32)
            // What some member's saved state has counted (-2, the beginning, where none has).
            let counted = max(next[p], p < others.count ? others[p] : KafkaPosition.beginning)
            var from = low
            if counted >= 0, counted >= (committed[p32] ?? -1) {
                guard counted >= low, counted <= high else {
                    throw DataError(.corrupt, "\(consumer.address.url): partition \(p) holds offsets \(low)–\(high) now, "
                        + "but the group's members had counted to \(counted): messages were deleted before they were read; "
                        + "remove the checkpoints to start over")
                }
                from = counted
            } else if let offset = committed[p32] {
                from = max(offset, low)
            }
            next[p] = from
            assigned[p] = true
            starts.append((p32, from))
        }
        try consumer.assign(starts)
        consumer.monitor.setAssignment(starts.map(\.partition))
    }

    /// Where the topic stands at stream byte `byte` (the end of the last complete line).
    func position(atStreamByte byte: Int64) -> KafkaPosition {
        var position = KafkaPosition(next: next)
        if emitted > 0, index < count, let message = batch[index] {
            position.cutPartition = message.pointee.partition
            position.cutBytes = max(0, byte - messageBase)
        }
        return position
    }

    private func dropMessage() {
        rd_kafka_message_destroy(batch[index])
        batch[index] = nil
        index += 1
        emitted = 0
    }

    /// An error fetched in place of a message: the end of a partition, or a failure.
    private func take(error err: rd_kafka_resp_err_t, partition: Int, offset: Int64) throws(DataError) {
        let url = consumer.address.url
        switch err {
        case RD_KAFKA_RESP_ERR__PARTITION_EOF:
            if endsAtStart, partition >= 0, partition < ends.count, offset >= ends[partition] { done[partition] = true }
        case RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET, RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE:
            throw DataError(.io, "\(url): partition \(partition): offset \(next[max(0, min(partition, next.count - 1))]) "
                + "is no longer in the topic: messages were deleted before they were read")
        case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
            throw DataError(.io, "\(url): topic \(consumer.address.topic) is gone: \(KafkaConsumer.describe(err))")
        default:
            consumer.monitor.warn("partition \(partition): \(KafkaConsumer.describe(err))")
        }
    }

    /// While a broker is said to be unreachable and nothing comes, asks for offsets once a
    /// second: an answer means it is back.
    private func checkHealth() {
        guard consumer.monitor.hasWarning else { return }
        let now = WallClock.monotonicNanos()
        guard now &- lastHealthCheck >= 1_000_000_000 else { return }
        lastHealthCheck = now
        if (try? consumer.watermarks(0, timeoutMs: 500)) != nil { consumer.monitor.clearWarning() }
    }

    /// Lag per partition: the end last seen in a fetch, less the next offset (`InputStatus.notOwned`
    /// for a partition another member reads).
    private func updateLag() {
        var lag = [Int64](repeating: -1, count: next.count)
        for p in 0..<next.count {
            if !assigned[p] {
                lag[p] = InputStatus.notOwned
            } else if let high = consumer.cachedHigh(Int32(p)), next[p] >= 0 {
                lag[p] = max(0, high - next[p])
            }
        }
        consumer.monitor.setLag(lag)
    }
}
