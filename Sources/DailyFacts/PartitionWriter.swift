import CSystem
import EventModel
import ObjectStore
import Parquet
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Writes `fact_events_daily` partitions, `DIR/date=YYYY-MM-DD/part-*.parquet`, in two ways, so
/// that a reader — or a crash at any moment — never sees a half-written file:
/// - `replace`: a whole date (`rollup`'s dynamic partition overwrite, as Spark does): a new folder
///   built under a hidden name, synced, and swapped in, while the folder's lock is held
///   exclusively;
/// - `write(_:file:rows:)`: one file of a date beside the files other writers put there (`live
///   --history` writes one file per input), replaced atomically (a hidden temporary file,
///   synced, renamed) while the folder's lock is held shared, so no swap can take the date away
///   from under it.
///
/// In object storage (`s3://BUCKET/PREFIX`) each file is put whole, so it appears at once or not
/// at all, and there is nothing to lock: `write` puts its one object; `replace` puts the date's
/// new file, then deletes the date's other objects (listed after the put). A reader listing the
/// date between the two may see both, which a folder's swap never shows; a date written by
/// `replace` alone is replaced in one step.
public struct PartitionWriter: Sendable {
    public let directory: String
    public var compression: PartitionCompression = .snappy
    public var createdBy = "eventtop"

    /// The columns of DESIGN §4, in order, with their Parquet types.
    public static let columns: [WriterColumn] = [
        WriterColumn(FactEventsDaily.tenantID, .string),
        WriterColumn(FactEventsDaily.eventType, .string),
        WriterColumn(FactEventsDaily.totalEvents, .int64),
        WriterColumn(FactEventsDaily.errorEvents, .int64),
        WriterColumn(FactEventsDaily.avgSessionDuration, .double, optional: true),
        WriterColumn(FactEventsDaily.uniqueSessions, .int64),
    ]

    public init(directory: String) {
        self.directory = directory
    }

    /// The file a whole-date `replace` writes.
    public static let wholeDateFile = "part-00000.parquet"

    /// Replaces the whole partition of a date (every file in it) with one file of `rows`;
    /// returns the file's path.
    @discardableResult
    public func replace(_ date: CivilDate, rows: [DailyRow]) throws(DataError) -> String {
        if let (client, location) = try objectStore() {
            let folder = location.key(FactEventsDaily.folderName(date)) + "/"
            let key = folder + Self.wholeDateFile
            try client.put(bucket: location.bucket, key: key, bytes: try fileBytes(rows))
            for object in try client.list(bucket: location.bucket, prefix: folder).objects where object.key != key {
                try client.delete(bucket: location.bucket, key: object.key)
            }
            return location.url(ofKey: key)
        }
        try Folders.makeDirectories(directory)
        return try FolderLock.holding(directory, exclusive: true) { () throws(DataError) -> String in
            try swapIn(date, rows: rows)
        }
    }

    /// Writes (or replaces) one file of a date's partition, leaving the date's other files
    /// alone; returns the file's path. `file` is a plain name such as `part-stdin.parquet`.
    @discardableResult
    public func write(_ date: CivilDate, file: String, rows: [DailyRow]) throws(DataError) -> String {
        precondition(!file.contains("/") && !file.hasPrefix("."), "a plain, visible file name")
        if let (client, location) = try objectStore() {
            let key = location.key(FactEventsDaily.folderName(date) + "/" + file)
            try client.put(bucket: location.bucket, key: key, bytes: try fileBytes(rows))
            return location.url(ofKey: key)
        }
        try Folders.makeDirectories(directory)
        return try FolderLock.holding(directory, exclusive: false) { () throws(DataError) -> String in
            let folder = directory + "/" + FactEventsDaily.folderName(date)
            try Folders.makeDirectories(folder)
            let prefix = "." + file + ".tmp-"
            for name in (try? Folders.names(in: folder)) ?? [] where name.hasPrefix(prefix) {
                unlink(folder + "/" + name)
            }
            let temporary = folder + "/" + prefix + "\(getpid())-\(Self.uniqueSuffix())"
            let final = folder + "/" + file
            do throws(DataError) {
                try writeFile(temporary, rows: rows)
            } catch {
                unlink(temporary)
                throw error
            }
            guard rename(temporary, final) == 0 else {
                let reason = DataError.systemReason
                unlink(temporary)
                throw .io("cannot move \(temporary) to \(final): \(reason)")
            }
            try Folders.syncDirectory(folder)
            return final
        }
    }

    /// The client and location when `directory` is an `s3://` URL; nil for a folder.
    private func objectStore() throws(DataError) -> (S3Client, S3Location)? {
        guard let location = try S3Location(url: directory) else { return nil }
        return (try S3Client.fromEnvironment(), location)
    }

    /// A Parquet file of `rows`, in memory.
    private func fileBytes(_ rows: [DailyRow]) throws(DataError) -> [UInt8] {
        do {
            var options = WriterOptions()
            options.codec = compression.codec
            options.createdBy = createdBy
            let writer = try ParquetFileWriter(columns: Self.columns, options: options)
            try writer.write(Self.batches(rows))
            try writer.close()
            return writer.bytes
        } catch {
            throw .io("cannot encode the partition of \(rows.count) rows: \(error)")
        }
    }

    /// A Parquet file of `rows`, synced.
    private func writeFile(_ path: String, rows: [DailyRow]) throws(DataError) {
        do {
            var options = WriterOptions()
            options.codec = compression.codec
            options.createdBy = createdBy
            let writer = try ParquetFileWriter(path: path, columns: Self.columns, options: options)
            try writer.write(Self.batches(rows))
            try writer.close(sync: true)
        } catch {
            throw .io("cannot write \(path): \(error)")
        }
    }

    /// `replace` under the lock: the new folder is built aside and exchanged with the old.
    private func swapIn(_ date: CivilDate, rows: [DailyRow]) throws(DataError) -> String {
        Self.removeLeftovers(of: date, in: directory)
        let folder = FactEventsDaily.folderName(date)
        let final = directory + "/" + folder
        let temporary = directory + "/." + folder + ".tmp-\(getpid())-\(Self.uniqueSuffix())"
        guard mkdir(temporary, 0o755) == 0 else { throw Folders.failure("cannot create", temporary) }
        do throws(DataError) {
            try writeFile(temporary + "/" + Self.wholeDateFile, rows: rows)
        } catch {
            Folders.removeTree(temporary)
            throw error
        }
        try Folders.syncDirectory(temporary)
        if access(final, F_OK) == 0 {
            // Swap the new folder in and the old one out in one step, then drop the old one.
            guard eventtop_exchange_paths(temporary, final) == 0 else {
                let reason = DataError.systemReason
                Folders.removeTree(temporary)
                throw .io("cannot replace \(final): \(reason)")
            }
            Folders.removeTree(temporary)
        } else if rename(temporary, final) != 0 {
            let reason = DataError.systemReason
            Folders.removeTree(temporary)
            throw .io("cannot move \(temporary) to \(final): \(reason)")
        }
        try Folders.syncDirectory(directory)
        return final + "/" + Self.wholeDateFile
    }

    static func batches(_ rows: [DailyRow]) -> [ColumnBatch] {
        // Every column sized once up front (no doubling slack on a million rows).
        var tenants = ByteArrayValues(), types = ByteArrayValues()
        var tenantBytes = 0, typeBytes = 0
        for row in rows {
            tenantBytes += row.tenant.utf8.count
            typeBytes += row.eventType.utf8.count
        }
        tenants.bytes.reserveCapacity(tenantBytes)
        tenants.offsets.reserveCapacity(rows.count + 1)
        types.bytes.reserveCapacity(typeBytes)
        types.offsets.reserveCapacity(rows.count + 1)
        var totals: [Int64] = [], errors: [Int64] = [], durations: [Double] = [], present: [Bool] = []
        var sessions: [Int64] = []
        totals.reserveCapacity(rows.count)
        errors.reserveCapacity(rows.count)
        durations.reserveCapacity(rows.count)
        present.reserveCapacity(rows.count)
        sessions.reserveCapacity(rows.count)
        for row in rows {
            tenants.append(row.tenant.utf8)
            types.append(row.eventType.utf8)
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

    /// Hidden folders a killed writer left for this date (`.date=…tmp-…`): never visible to
    /// readers, removed before the date is written again.
    static func removeLeftovers(of date: CivilDate, in directory: String) {
        let prefix = "." + FactEventsDaily.folderName(date) + ".tmp-"
        for name in (try? Folders.names(in: directory)) ?? [] where name.hasPrefix(prefix) {
            Folders.removeTree(directory + "/" + name)
        }
    }
}
