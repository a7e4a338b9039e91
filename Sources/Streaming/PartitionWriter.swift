import CSystem
import Parquet
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes `fact_events_daily` partitions: `DIR/date=YYYY-MM-DD/part-00000.parquet`, each
/// replaced atomically as a whole folder (built under a hidden name, synced, then swapped in),
/// so a reader — or a crash at any moment — never sees a half-written partition.
public struct PartitionWriter: Sendable {
    public let directory: String
    public var codec: PageCodec = .snappy
    public var createdBy = "eventtop"

    /// The columns of DESIGN §4, in order.
    public static let columns: [WriterColumn] = [
        WriterColumn("tenant_id", .string),
        WriterColumn("event_type", .string),
        WriterColumn("total_events", .int64),
        WriterColumn("error_events", .int64),
        WriterColumn("avg_session_duration", .double, optional: true),
        WriterColumn("unique_sessions", .int64),
    ]

    public init(directory: String) {
        self.directory = directory
    }

    /// `date=YYYY-MM-DD`
    public static func folderName(day: Int64) -> String {
        "date=" + String(Timestamp.formatSeconds(day * 86_400).prefix(10))
    }

    /// Writes (or replaces) the partition of one day; returns the file's path.
    @discardableResult
    public func write(day: Int64, rows: [DailyRow]) throws(InputError) -> String {
        try Self.makeDirectories(directory)
        Self.removeLeftovers(of: day, in: directory)
        let final = directory + "/" + Self.folderName(day: day)
        let temporary = directory + "/." + Self.folderName(day: day) + ".tmp-\(getpid())-\(Self.uniqueSuffix())"
        guard mkdir(temporary, 0o755) == 0 else { throw Self.failure("cannot create", temporary) }
        let file = temporary + "/part-00000.parquet"
        do {
            var options = WriterOptions()
            options.codec = codec
            options.createdBy = createdBy
            let writer = try ParquetFileWriter(path: file, columns: Self.columns, options: options)
            try writer.write(Self.batches(rows))
            try writer.close(sync: true)
        } catch {
            Self.removeTree(temporary)
            throw InputError("cannot write \(file): \(error)")
        }
        try Self.syncDirectory(temporary)
        if access(final, F_OK) == 0 {
            // Swap the new folder in and the old one out in one step, then drop the old one.
            guard eventtop_exchange_paths(temporary, final) == 0 else {
                let reason = String(cString: strerror(errno))
                Self.removeTree(temporary)
                throw InputError("cannot replace \(final): \(reason)")
            }
            Self.removeTree(temporary)
        } else if rename(temporary, final) != 0 {
            let reason = String(cString: strerror(errno))
            Self.removeTree(temporary)
            throw InputError("cannot move \(temporary) to \(final): \(reason)")
        }
        try Self.syncDirectory(directory)
        return final + "/part-00000.parquet"
    }

    static func batches(_ rows: [DailyRow]) -> [ColumnBatch] {
        var tenants = ByteArrayValues(), types = ByteArrayValues()
        var totals: [Int64] = [], errors: [Int64] = [], durations: [Double] = [], present: [Bool] = []
        var sessions: [Int64] = []
        for row in rows {
            tenants.append(Array(row.tenant.utf8))
            types.append(Array(row.eventType.utf8))
            totals.append(row.totalEvents)
            errors.append(row.errorEvents)
            if let d = row.avgSessionDuration { durations.append(d) }
            present.append(row.avgSessionDuration != nil)
            sessions.append(row.uniqueSessions)
        }
        return [ColumnBatch(values: .bytes(tenants)), ColumnBatch(values: .bytes(types)),
                ColumnBatch(values: .int64(totals)), ColumnBatch(values: .int64(errors)),
                ColumnBatch(values: .double(durations), present: present), ColumnBatch(values: .int64(sessions))]
    }

    private static let counter = Atomic<Int>(0)
    private static func uniqueSuffix() -> String {
        "\(WallClock.monotonicNanos())-\(counter.add(1, ordering: .relaxed).newValue)"
    }

    private static func failure(_ what: String, _ path: String) -> InputError {
        InputError("\(what) \(path): \(String(cString: strerror(errno)))")
    }

    /// `mkdir -p`
    public static func makeDirectories(_ path: String) throws(InputError) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw InputError("\(path) is not a directory") }
            return
        }
        let parent = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !parent.isEmpty && parent != path { try makeDirectories(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw failure("cannot create", path) }
    }

    /// Hidden folders a killed writer left for this date (`.date=…tmp-…`): never visible to
    /// readers, removed before the date is written again.
    static func removeLeftovers(of day: Int64, in directory: String) {
        let prefix = "." + folderName(day: day) + ".tmp-"
        guard let dir = opendir(directory) else { return }
        var stale: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix(prefix) { stale.append(directory + "/" + name) }
        }
        closedir(dir)
        stale.forEach(removeTree)
    }

    static func syncDirectory(_ path: String) throws(InputError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("cannot open", path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("cannot sync", path) }
    }

    /// `rm -rf` of a folder this writer made (files and one level of folders suffice).
    static func removeTree(_ path: String) {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." { continue }
                let child = path + "/" + name
                if unlink(child) != 0 { removeTree(child) }
            }
            closedir(dir)
        }
        rmdir(path)
    }
}
