#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel
import ObjectStore
import Parquet

/// Opens a Parquet file of the catalog (its path, and for an object the version the listing
/// gave). Injectable so callers (and tests) can count or redirect file opens.
public typealias ParquetOpener = @Sendable (CatalogFile) throws(ParquetError) -> ParquetFileReader

/// The default opener: `ParquetFileReader(path:)` for a local file; an `s3://` URL is read with
/// ranged GETs through the process's object-storage client, and through the process's object
/// cache (`ObjectRangeCache.process`) when its version is known.
public let defaultParquetOpener: ParquetOpener = { (file: CatalogFile) throws(ParquetError) -> ParquetFileReader in
    S3Location.isURL(file.path) ? try ObjectSource.open(file.path, version: file.version) : try ParquetFileReader(path: file.path)
}

/// One data file of the history folder.
public struct CatalogFile: Sendable, Hashable {
    public var path: String
    /// The date from a `date=YYYY-MM-DD` folder above the file; nil for a non-partitioned file
    /// whose rows carry their own `date` column.
    public var partitionDate: CivilDate?
    /// For an object, its size and ETag when listed: another value means it was written again.
    public var version: ObjectVersion?

    public init(path: String, partitionDate: CivilDate?, version: ObjectVersion? = nil) {
        self.path = path
        self.partitionDate = partitionDate
        self.version = version
    }
}

/// The history folder's dates and the files that hold each, found by listing folders.
/// Files under `date=YYYY-MM-DD` folders (at any depth) are not opened; a non-partitioned
/// `.parquet` file is opened once for its `date` column's statistics (min/max).
///
/// The same for object storage (`s3://BUCKET/PREFIX`), where listing a date's files is a request:
/// discovery lists the `date=` prefixes only, and a date's files are listed when it is read
/// (`listFiles(_:)`).
public struct PartitionCatalog: Sendable {
    public var root: String
    /// Per date, the files that may hold its rows (sorted by path). In object storage, only the
    /// non-partitioned files: the dates' own files are listed by `listFiles(_:)`.
    public private(set) var files: [CivilDate: [CatalogFile]] = [:]
    /// In object storage, the listing of the root's prefixes.
    private var objects: ObjectWalk?
    /// Dates whose folders could not be listed: each is a failure of that date (its files are
    /// unknown, so its rows would be incomplete), with the reason.
    public private(set) var failedDates: [CivilDate: String] = [:]
    /// What could not be placed at all: non-partitioned files without a usable `date` column or
    /// that could not be opened, and folders outside any date that could not be listed (the path,
    /// and a line naming it and the reason). Their dates are unknown.
    public private(set) var problems: [(path: String, message: String)] = []

    /// Every date with files or a failure, ascending.
    public var dates: [CivilDate] {
        var all = Set(files.keys).union(failedDates.keys)
        if let objects { all.formUnion(objects.datePrefixes.keys) }
        return all.sorted()
    }
    public var isEmpty: Bool { files.isEmpty && failedDates.isEmpty && (objects?.datePrefixes.isEmpty ?? true) }

    /// Whether the catalog knows the date (it has files, a prefix, or failed).
    public func has(_ date: CivilDate) -> Bool {
        files[date] != nil || failedDates[date] != nil || objects?.datePrefixes[date] != nil
    }

    /// Whether the history is in object storage (each listing and read is a request).
    public var isObjectStore: Bool { objects != nil }

    /// Dates read at once from object storage, where a thread mostly waits for its requests.
    public static let objectStoreReaders = 8

    /// The dates' files, each list sorted by path: a folder's from its listing at start; in object
    /// storage, listed now from the dates' prefixes (only those), with the non-partitioned files
    /// that hold the date. A date that cannot be listed (or that failed at start) is a failure
    /// naming the reason; a date the catalog does not know has no files.
    public func listFiles(_ dates: some Sequence<CivilDate>) -> [CivilDate: Result<[CatalogFile], DataError>] {
        var out: [CivilDate: Result<[CatalogFile], DataError>] = [:]
        let dates = Array(dates)
        let listed = objects?.files(of: dates) ?? [:]
        for date in dates {
            if let failure = failedDates[date] {
                out[date] = .failure(DataError.corrupt(failure))
                continue
            }
            switch listed[date] {
            case .failure(let error):
                out[date] = .failure(error)
            case .success(let own):
                out[date] = .success((own + (files[date] ?? [])).sorted { $0.path < $1.path })
            case nil:
                out[date] = .success(files[date] ?? [])
            }
        }
        return out
    }

    /// Lists `root`, a folder or `s3://BUCKET/PREFIX`. Throws when `root` is missing, not a
    /// folder, or cannot be listed (for object storage: wrong credentials, no such bucket, a store
    /// that does not answer).
    public init(root: String, opener: ParquetOpener = defaultParquetOpener) throws(DataError) {
        self.root = root
        if let location = try S3Location(url: root) {
            let client: S3Client
            do { client = try S3Client.fromEnvironment() } catch { throw error.within(root) }
            let walk = try ObjectWalk(client: client, location: location)
            objects = walk
            problems = walk.problems
            placeLoose(walk.loose, opener: opener)
            return
        }
        var st = stat()
        guard stat(root, &st) == 0 else {
            throw DataError.io(DataError.systemReason, root)
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { throw DataError.io("not a folder", root) }
        guard let dir = opendir(root) else { throw DataError.io("cannot list: \(DataError.systemReason)", root) }
        closedir(dir)
        var walk = Walk()
        walk.visited.insert(FolderID(st))
        walk.folder(root, date: nil, depth: 0)
        failedDates = walk.failedDates
        problems = walk.problems
        for (path, date) in walk.partitioned {
            files[date, default: []].append(CatalogFile(path: path, partitionDate: date))
        }
        placeLoose(walk.loose.map { CatalogFile(path: $0, partitionDate: nil) }, opener: opener)
    }

    /// Opens each non-partitioned file for the dates it holds.
    private mutating func placeLoose(_ loose: [CatalogFile], opener: ParquetOpener) {
        for file in loose.sorted(by: { $0.path < $1.path }) {
            do throws(DataError) {
                guard let range = try Self.dateRange(of: file, opener: opener) else { continue }
                for date in range.dates {
                    files[date, default: []].append(file)
                }
            } catch {
                problems.append((file.path, error.description))
            }
        }
        for key in files.keys { files[key]!.sort { $0.path < $1.path } }
    }

    /// The files for the given dates (each file once), as the loader would open them; dates
    /// that cannot be listed are left out.
    public func files(for dates: some Sequence<CivilDate>) -> [CatalogFile] {
        let dates = Array(dates)
        let listed = listFiles(dates)
        var seen = Set<CatalogFile>()
        var out: [CatalogFile] = []
        for date in dates {
            guard case .success(let files)? = listed[date] else { continue }
            for f in files where seen.insert(f).inserted { out.append(f) }
        }
        return out
    }

    /// Whether a file name is data: not hidden (`.crc`, `.x`), not Spark/fastparquet metadata
    /// (`_SUCCESS`, `_metadata`, `_common_metadata`), and `.parquet`/`.parq`, or without any
    /// extension inside a partition folder (Hive's convention).
    static func isDataFile(_ name: String, inPartition: Bool) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "_") else { return false }
        if name.hasSuffix(".parquet") || name.hasSuffix(".parq") { return true }
        return inPartition && !name.utf8.contains(UInt8(ascii: "."))
    }

    /// `date=YYYY-MM-DD` (or a timestamp value, `date=2026-10-05 00%3A00%3A00`) → the date.
    static func partitionDate(folder name: String) -> CivilDate? { FactEventsDaily.date(ofFolder: name) }

    /// For a `date=` folder whose value is not a date, the line that says so (its files are not
    /// read: their rows belong to no date); nil for any other folder.
    static func notADate(folder name: String, path: String) -> String? {
        let prefix = FactEventsDaily.date + "="
        guard name.hasPrefix(prefix) else { return nil }
        let value = name.dropFirst(prefix.count)
        if value == FactEventsDaily.nullPartitionValue {
            return "\(path): rows whose date is null (\(value), Spark's and Hive's folder for a null partition value) "
                + "belong to no date: not read"
        }
        return "\(path): partition value '\(value)' is not a date (YYYY-MM-DD, or a timestamp YYYY-MM-DD HH:MM:SS): not read"
    }

    /// The dates a non-partitioned file covers, from its `date` column's statistics (or, when
    /// it has none, from the column's values). Nil when the file has no `date` column.
    static func dateRange(of file: CatalogFile, opener: ParquetOpener) throws(DataError) -> CivilDateRange? {
        let path = file.path
        let reader: ParquetFileReader
        do { reader = try opener(file) } catch { throw DataError(error) }
        guard let column = reader.flatColumns.first(where: { $0.name == FactEventsDaily.date }) else {
            throw DataError.corrupt("not partitioned by date and no 'date' column", path)
        }
        let kind = try DateColumn.Kind(column, path: path)
        var low: CivilDate?
        var high: CivilDate?
        func widen(_ d: CivilDate) {
            if low.map({ d < $0 }) ?? true { low = d }
            if high.map({ $0 < d }) ?? true { high = d }
        }
        for group in 0..<reader.rowGroupCount {
            if let stats = reader.statistics(of: column, rowGroup: group),
               let lo = stats.min.flatMap({ kind.date(of: $0) }), let hi = stats.max.flatMap({ kind.date(of: $0) }) {
                widen(lo)
                widen(hi)
                continue
            }
            // No usable statistics: read the column.
            do {
                let data = try reader.readColumn(column, rowGroup: group)
                for d in try kind.dates(of: data.values, path: path) { widen(d) }
            } catch let error as ParquetError {
                throw DataError(error)
            } catch let error as DataError {
                throw error
            } catch {
                throw DataError.corrupt("\(error)", path)
            }
        }
        guard let low, let high else { return nil }
        guard high.daysSinceEpoch - low.daysSinceEpoch < 100_000 else {
            throw DataError.corrupt("'date' column spans \(low) to \(high)", path)
        }
        return CivilDateRange(first: low, last: high)
    }
}

/// A folder by device and inode: the walk enters each once, so links that loop end.
struct FolderID: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }
}

/// The catalog's walk of a history folder: a readdir walk that trusts d_type and stats only
/// entries of unknown type and symbolic links; folders are entered once each (by device and
/// inode), so links back up the tree end. A folder that cannot be listed fails its date, or is
/// a problem when it is above any date.
struct Walk {
    var partitioned: [(String, CivilDate)] = []
    var loose: [String] = []
    var failedDates: [CivilDate: String] = [:]
    var problems: [(path: String, message: String)] = []
    var visited: Set<FolderID> = []

    mutating func folder(_ folder: String, date: CivilDate?, depth: Int) {
        guard depth < 64 else {
            problems.append((folder, "\(folder): more than 64 folders deep: not read"))
            return
        }
        guard let dir = opendir(folder) else {
            let reason = "cannot list: \(DataError.systemReason)"
            if let date {
                failedDates[date] = "\(folder): \(reason)"
            } else {
                problems.append((folder, "\(folder): \(reason)"))
            }
            return
        }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            guard let first = name.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "_") else { continue }
            let path = folder + "/" + name
            var type = Int32(entry.pointee.d_type)
            var st = stat()
            if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) || type == Int32(DT_DIR) {
                guard stat(path, &st) == 0 else {
                    if type != Int32(DT_LNK) { problems.append((path, "\(path): \(DataError.systemReason)")) }
                    continue  // a dangling link is not data
                }
                let mode = st.st_mode & S_IFMT
                type = mode == S_IFDIR ? Int32(DT_DIR) : mode == S_IFREG ? Int32(DT_REG) : 0
            }
            if type == Int32(DT_DIR) {
                guard visited.insert(FolderID(st)).inserted else { continue }
                let partition = PartitionCatalog.partitionDate(folder: name)
                if partition == nil, let message = PartitionCatalog.notADate(folder: name, path: path) {
                    problems.append((path, message))
                    continue
                }
                self.folder(path, date: partition ?? date, depth: depth + 1)
            } else if type == Int32(DT_REG), PartitionCatalog.isDataFile(name, inPartition: date != nil) {
                if let date { partitioned.append((path, date)) } else { loose.append(path) }
            }
        }
    }
}
