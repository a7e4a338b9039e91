#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// What one `read` gave.
public enum ReadResult: Equatable {
    case bytes(Int)
    /// No data within the timeout (a quiet pipe, or a followed file that has not grown).
    case idle
    /// A followed file was truncated or replaced: the partial line so far is finished.
    case restarted
    /// The input ended for good.
    case end
    /// A Kafka group's rebalance takes partitions back from this member: everything read so
    /// far is to be checkpointed and committed before the next read gives them back.
    case handover
}

/// Where events come from: a file (optionally followed like `tail -F`), standard input, or a
/// Kafka topic (`KafkaReader`).
public final class InputSource {
    /// `-` for standard input, else the path given.
    public let name: String
    private let path: String?
    public let follow: Bool
    private var fd: Int32
    /// Bytes read from the current file since it was opened or last truncated.
    public private(set) var offset: Int64 = 0
    /// The device and inode of the file being read (nil for standard input).
    public private(set) var identity: (dev: UInt64, ino: UInt64)?
    /// Whether the input is known to end: a regular file (or stdin redirected from one)
    /// read without `--follow`, or a Kafka topic read to the end offsets found at start.
    public let isFinite: Bool
    /// A Kafka input's reader.
    private let kafka: KafkaReader?
    /// What the source says of itself while it runs (a Kafka input: lag, broker warnings).
    public let monitor: InputMonitor?

    /// Opens what `--input` names: `-` (or nil) for standard input, a `kafka://` URL, or a
    /// file. `endsAtStart` (`--once`, `rollup`): a Kafka input ends at the end offsets found
    /// when it starts.
    public static func named(_ input: String?, follow: Bool, endsAtStart: Bool) throws(DataError) -> InputSource {
        guard let input, KafkaAddress.isKafka(input) else { return try InputSource(path: input, follow: follow) }
        guard !follow else { throw DataError(.usage, "--follow reads a file: a Kafka input is followed already") }
        let address = try KafkaAddress(input)
        guard !(endsAtStart && address.sharesGroup) else {
            throw DataError(.usage, "--input \(input): --once and rollup read every partition to its end; a member's share "
                + "changes as members come and go: drop member=\(address.member!)")
        }
        return try InputSource(kafka: address, endsAtStart: endsAtStart)
    }

    /// Consumes a Kafka topic (its metadata is read now: an unknown topic or unreachable
    /// brokers are an error here).
    public init(kafka address: KafkaAddress, endsAtStart: Bool) throws(DataError) {
        name = address.url
        path = nil
        follow = false
        fd = -1
        isFinite = endsAtStart
        let monitor = InputMonitor()
        self.monitor = monitor
        kafka = KafkaReader(try KafkaConsumer(address, monitor: monitor), endsAtStart: endsAtStart)
    }

    /// A Kafka input's address.
    public var kafkaAddress: KafkaAddress? { kafka?.consumer.address }

    /// A Kafka input's partitions.
    public var kafkaPartitions: Int32? { kafka?.partitions }

    /// Resumes a Kafka input at a checkpoint's position (before the first read).
    public func resume(at position: KafkaPosition) throws(DataError) {
        guard let kafka else { throw DataError(.usage, "\(name) is not a Kafka input") }
        try kafka.resume(at: position)
    }

    /// Commits a position to a Kafka input's group (after a checkpoint holding it is saved):
    /// callable from any thread, for as long as the committer lives.
    public var committer: KafkaCommitter? { kafka.map { KafkaCommitter(consumer: $0.consumer) } }

    /// For a member of a Kafka group: how far the other members have counted each partition
    /// (where a partition the group assigns starts, at the earliest).
    public func learnCounted(from others: @escaping @Sendable () -> [Int64]) { kafka?.countedByOthers = others }

    /// A Kafka input's position at a byte of its stream of lines.
    func kafkaPosition(atStreamByte byte: Int64) -> KafkaPosition? { kafka?.position(atStreamByte: byte) }

    /// Opens `path` (`nil` or `-` for standard input).
    public init(path: String?, follow: Bool) throws(DataError) {
        if path == nil || path == "-" {
            guard !follow else { throw DataError(.usage, "--follow needs a file: give --input PATH") }
            name = "-"
            self.path = nil
            self.follow = false
            fd = 0
            var st = stat()
            isFinite = fstat(0, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
            kafka = nil
            monitor = nil
            return
        }
        let path = path!
        name = path
        self.path = path
        self.follow = follow
        fd = -1
        isFinite = !follow
        kafka = nil
        monitor = nil
        if let error = openFile() {
            // A followed file may not exist yet, as with `tail -F`.
            guard follow, errno == ENOENT else { throw .io("cannot open \(path): \(error)") }
        }
    }

    /// Reads an open descriptor — a pipe, socket or terminal (`DemoFeed`'s pipe) — and closes
    /// it with the source. Live unless it is a regular file: the `auto` clock is then event
    /// + wall.
    public init(fileDescriptor: Int32, name: String) {
        self.name = name
        path = nil
        follow = false
        fd = fileDescriptor
        var st = stat()
        isFinite = fstat(fileDescriptor, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        kafka = nil
        monitor = nil
    }

    deinit { if fd > 0 { close(fd) } }

    /// The size of the file being read, if it is one.
    public var fileSize: Int64? {
        var st = stat()
        guard fd > 0, fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(st.st_size)
    }

    /// Moves to a byte offset of a file input (to resume from a checkpoint).
    public func seek(to position: Int64) throws(DataError) {
        guard fd > 0, lseek(fd, off_t(position), SEEK_SET) == off_t(position) else {
            throw .io("cannot seek \(name) to byte \(position)")
        }
        offset = position
    }

    /// Opens the path; returns an error text or nil.
    private func openFile() -> String? {
        guard let path else { return nil }
        let newFd = open(path, O_RDONLY | O_CLOEXEC)
        guard newFd >= 0 else { return String(cString: strerror(errno)) }
        var st = stat()
        guard fstat(newFd, &st) == 0 else {
            let text = String(cString: strerror(errno))
            close(newFd)
            return text
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            close(newFd)
            errno = EISDIR
            return "is a directory"
        }
        if fd > 0 { close(fd) }
        fd = newFd
        offset = 0
        identity = (UInt64(st.st_dev), UInt64(st.st_ino))
        return nil
    }

    /// Reads into `buffer`, waiting at most `timeoutMs` for data on live inputs.
    public func read(into buffer: UnsafeMutableRawBufferPointer, timeoutMs: Int32) throws(DataError) -> ReadResult {
        if let kafka {
            let result = try kafka.read(into: buffer, timeoutMs: timeoutMs)
            if case .bytes(let n) = result { offset += Int64(n) }
            return result
        }
        if fd < 0 {
            // A followed file that did not exist (yet).
            if openFile() != nil { sleepMs(min(timeoutMs, 250)); return .idle }
        }
        if !isFinite && !follow {
            // A pipe or terminal: wait for data without blocking past the timeout.
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, timeoutMs)
            if ready == 0 { return .idle }
            if ready < 0 { return errno == EINTR ? .idle : .end }
        }
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n > 0 {
                offset += Int64(n)
                return .bytes(n)
            }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { return .idle }
                throw .io("cannot read \(name): \(DataError.systemReason)")
            }
            guard follow else { return .end }
            return checkFollowed(timeoutMs: timeoutMs)
        }
    }

    /// At the end of a followed file: notice truncation and rotation, else wait a little.
    private func checkFollowed(timeoutMs: Int32) -> ReadResult {
        var own = stat()
        if fstat(fd, &own) == 0, Int64(own.st_size) < offset {
            // Truncated in place (copytruncate): start again from the top.
            lseek(fd, 0, SEEK_SET)
            offset = 0
            return .restarted
        }
        var named = stat()
        if let path, stat(path, &named) == 0, let identity,
           UInt64(named.st_dev) != identity.dev || UInt64(named.st_ino) != identity.ino
        {
            // Rotated: the old file is drained (read gave 0); continue with the new one.
            if openFile() == nil { return .restarted }
        }
        sleepMs(min(timeoutMs, 250))
        return .idle
    }

    private func sleepMs(_ ms: Int32) {
        guard ms > 0 else { return }
        var ts = timespec(tv_sec: Int(ms / 1000), tv_nsec: Int(ms % 1000) * 1_000_000)
        nanosleep(&ts, nil)
    }
}
