#if canImport(Glibc)
import Glibc
#endif
import DailyFacts
import EventModel
import Ingest
import ObjectStore

/// What `live --history` saves every few seconds and on exit, atomically, so that a restart
/// on the same input and folder resumes with nothing counted twice and nothing lost: the
/// input's identity and the byte offset of the last line processed (for Kafka, each
/// partition's next offset), the counters (with the units `--ts-unit auto` chose), the open days
/// of the rollup and the closed days not yet written, the live windows and the events held by
/// the jump guard. A CRC-32C of the whole body follows it: a flipped bit is an error, never a
/// recount.
struct Checkpoint {
    static let magic = "eventtop-checkpoint-4"

    var inputPath: String
    var device: UInt64
    var inode: UInt64
    /// Bytes of the input fully processed (up to the end of a line).
    var offset: Int64
    var accepted = 0
    var rejected = RejectCounts()
    var late = 0
    var future = 0
    var dropped = 0
    var daysWritten = 0
    var closedThrough: Int64 = .min
    var rollup: [UInt8] = []
    /// The live windows (empty when not saved).
    var windows: [UInt8] = []
    /// Closed days that could not be written yet, with their rows.
    var unwritten: [UInt8] = []
    /// The jump guard's held events and outliers.
    var jumps: [UInt8] = []
    /// How lines became events (`EventMapping.summary`): a restart must read them the same way.
    var mapping = ""
    /// A Kafka input's position (nil for a file or a pipe).
    var kafka: KafkaPosition?
    /// Numeric timestamps read under `--ts-unit auto`, by the unit taken (`EpochUnit` order).
    var autoUnits: [Int] = []
    /// The most partitions a checkpoint may name (Kafka's own limits are far lower).
    static let maxPartitions = 1 << 16

    /// The checkpoint file of an input inside the history folder (hidden: readers skip it).
    static func path(directory: String, input: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in input.utf8 { hash = (hash ^ UInt64(b)) &* 0x100_0000_01B3 }
        return directory + "/.eventtop-checkpoint-" + String(hash, radix: 16)
    }

    func encoded() -> [UInt8] {
        var w = BinaryWriter()
        w.string(Self.magic)
        w.string(inputPath)
        w.int(Int64(bitPattern: device))
        w.int(Int64(bitPattern: inode))
        w.int(offset)
        w.int(accepted)
        for reason in RejectReason.allCases { w.int(rejected[reason]) }
        w.int(late)
        w.int(future)
        w.int(dropped)
        w.int(daysWritten)
        w.int(closedThrough)
        w.data(rollup)
        w.data(windows)
        w.data(unwritten)
        w.data(jumps)
        w.string(mapping)
        w.int(autoUnits.count)
        for n in autoUnits { w.int(n) }
        w.bool(kafka != nil)
        if let kafka {
            w.int(kafka.next.count)
            for offset in kafka.next { w.int(offset) }
            w.int(Int(kafka.cutPartition))
            w.int(kafka.cutBytes)
        }
        var bytes = w.bytes
        withUnsafeBytes(of: CRC32C.checksum(bytes).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    init(inputPath: String, device: UInt64, inode: UInt64, offset: Int64) {
        self.inputPath = inputPath
        self.device = device
        self.inode = inode
        self.offset = offset
    }

    init(decoding bytes: [UInt8]) throws(DataError) {
        guard bytes.count >= 4 else { throw .corrupt("is too short") }
        let body = Array(bytes.dropLast(4))
        let stored = bytes.suffix(4).reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        var r = BinaryReader(body)
        guard (try? r.string()) == Self.magic else { throw .corrupt("is not an eventtop checkpoint of this version") }
        guard CRC32C.checksum(body) == stored else { throw .corrupt("fails its checksum") }
        inputPath = try r.string()
        device = UInt64(bitPattern: try r.int())
        inode = UInt64(bitPattern: try r.int())
        offset = try r.int()
        accepted = try r.tally()
        for reason in RejectReason.allCases { rejected[reason] = try r.tally() }
        late = try r.tally()
        future = try r.tally()
        dropped = try r.tally()
        daysWritten = try r.tally()
        closedThrough = try r.dayOrNone()
        rollup = try r.data()
        windows = try r.data()
        unwritten = try r.data()
        jumps = try r.data()
        mapping = try r.string()
        let units = try r.count(limit: EpochUnit.allCases.count)
        guard units == 0 || units == EpochUnit.allCases.count else { throw .corrupt("is corrupt") }
        for _ in 0..<units { autoUnits.append(try r.tally()) }
        if try r.bool() {
            let partitions = try r.count(limit: Self.maxPartitions)
            var next: [Int64] = []
            for _ in 0..<partitions {
                let offset = try r.int()
                guard offset >= 0 || offset == KafkaPosition.beginning else { throw .corrupt("is corrupt") }
                next.append(offset)
            }
            let cutPartition = try r.int()
            let cutBytes = try r.int()
            guard cutPartition >= -1, cutPartition < partitions, cutBytes >= 0 else { throw .corrupt("is corrupt") }
            kafka = KafkaPosition(next: next, cutPartition: Int32(cutPartition), cutBytes: cutBytes)
        }
        guard r.isAtEnd, offset >= 0 else { throw .corrupt("is corrupt") }
    }

    /// Writes the checkpoint atomically: temporary file, fsync, rename, fsync of the folder; in
    /// object storage, one PUT of the whole object.
    func save(to path: String) throws(DataError) {
        if let (bucket, key) = S3Location.object(path) {
            try S3Client.fromEnvironment().put(bucket: bucket, key: key, bytes: encoded())
            return
        }
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io("cannot write \(temporary): \(DataError.systemReason)") }
        let bytes = encoded()
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                close(fd)
                throw .io("cannot write \(temporary): \(DataError.systemReason)")
            }
            done += n
        }
        guard fsync(fd) == 0, close(fd) == 0 else { throw .io("cannot sync \(temporary)") }
        guard rename(temporary, path) == 0 else {
            throw .io("cannot rename \(temporary): \(DataError.systemReason)")
        }
        let directory = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        try Folders.syncDirectory(directory.isEmpty ? "." : directory)
    }

    /// The checkpoint at `path`, nil when there is none.
    static func load(from path: String) throws(DataError) -> Checkpoint? {
        if let (bucket, key) = S3Location.object(path) {
            guard let bytes = try S3Client.fromEnvironment().getIfPresent(bucket: bucket, key: key) else { return nil }
            return try decode(bytes, path: path)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw .io("cannot read checkpoint \(path): \(DataError.systemReason)")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .io("cannot read checkpoint \(path)") }
            if n == 0 { break }
            bytes += chunk[0..<n]
        }
        return try decode(bytes, path: path)
    }

    private static func decode(_ bytes: [UInt8], path: String) throws(DataError) -> Checkpoint {
        do {
            return try Checkpoint(decoding: bytes)
        } catch {
            throw DataError(.corrupt, "checkpoint \(path) \(error.description): remove it to start over")
        }
    }
}
