import EventModel
import ObjectStore

/// The catalog's discovery in object storage, the counterpart of `Walk` for a folder: listings
/// with the delimiter `/` find the `date=` prefixes (at any depth) and the files outside any
/// date, without listing inside the dates; names starting with `.` or `_` are skipped, and a
/// `date=` value that is not a date is a problem, as in a folder. A date's files are listed only
/// when the date is asked for (`files(of:)`).
struct ObjectWalk {
    let client: S3Client
    let location: S3Location
    /// Per date, its prefixes (`PREFIX/date=2026-06-01/`).
    var datePrefixes: [CivilDate: [String]] = [:]
    /// Files outside any date, to be opened for their `date` column.
    var loose: [CatalogFile] = []
    var problems: [(path: String, message: String)] = []

    /// Lists the root; throws when it cannot be listed (credentials, bucket, an unreachable store).
    init(client: S3Client, location: S3Location) throws(DataError) {
        self.client = client
        self.location = location
        try folder(location.folderPrefix, depth: 0, root: true)
    }

    private mutating func folder(_ prefix: String, depth: Int, root: Bool) throws(DataError) {
        guard depth < 64 else {
            problems.append((url(prefix), "\(url(prefix)): more than 64 folders deep: not read"))
            return
        }
        let listing: S3Listing
        do {
            listing = try client.list(bucket: location.bucket, prefix: prefix, delimiter: "/")
        } catch {
            if root { throw error }
            problems.append((url(prefix), error.description))
            return
        }
        for object in listing.objects {
            let name = String(object.key.dropFirst(prefix.count))
            guard !name.isEmpty, PartitionCatalog.isDataFile(name, inPartition: false) else { continue }
            loose.append(CatalogFile(path: url(object.key), partitionDate: nil, version: ObjectVersion(size: object.size, etag: object.etag)))
        }
        for sub in listing.prefixes {
            let name = String(sub.dropFirst(prefix.count).dropLast())
            guard let first = name.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "_") else { continue }
            if let date = PartitionCatalog.partitionDate(folder: name) {
                datePrefixes[date, default: []].append(sub)
            } else if let message = PartitionCatalog.notADate(folder: name, path: url(String(sub.dropLast()))) {
                // As in a folder: a null partition or a value that is not a date is named.
                problems.append((url(String(sub.dropLast())), message))
            } else {
                try folder(sub, depth: depth + 1, root: false)
            }
        }
    }

    func url(_ key: String) -> String { location.url(ofKey: key) }

    /// The prefix a prefix is in: `a/b/date=X/` → `a/b/`, `date=X/` → ``.
    static func parent(_ prefix: String) -> String {
        let body = prefix.dropLast()
        guard let slash = body.lastIndex(of: "/") else { return "" }
        return String(body[...slash])
    }

    /// The files of `dates`, listed from their prefixes: prefixes that follow each other in key
    /// order under one parent are listed together (from the first, stopping after the last), so a
    /// range of dates is one listing (paged by 1,000 keys), and no other date is listed. A
    /// listing that fails fails the dates it was for.
    func files(of dates: some Sequence<CivilDate>) -> [CivilDate: Result<[CatalogFile], DataError>] {
        let wanted = Set(dates)
        var owner: [String: CivilDate] = [:]
        for (date, prefixes) in datePrefixes { for p in prefixes { owner[p] = date } }
        // Every known date prefix in key order; runs of wanted ones under one parent.
        let all = owner.keys.sorted()
        var runs: [[String]] = []
        var run: [String] = []
        for p in all {
            if wanted.contains(owner[p]!) {
                if let last = run.last, Self.parent(last) != Self.parent(p) {
                    runs.append(run)
                    run = []
                }
                run.append(p)
            } else if !run.isEmpty {
                runs.append(run)
                run = []
            }
        }
        if !run.isEmpty { runs.append(run) }
        var out: [CivilDate: Result<[CatalogFile], DataError>] = [:]
        for date in wanted where datePrefixes[date] != nil { out[date] = .success([]) }
        for run in runs {
            let first = run.first!, last = run.last!
            let listing: S3Listing
            do {
                if run.count == 1 {
                    listing = try client.list(bucket: location.bucket, prefix: first)
                } else {
                    listing = try client.list(bucket: location.bucket, prefix: Self.parent(first), startAfter: first,
                                              past: { $0 > last && !$0.hasPrefix(last) })
                }
            } catch {
                for p in run { out[owner[p]!] = .failure(error) }
                continue
            }
            // Keys in order: each belongs to the run's prefix it starts with, if any.
            var files: [String: [CatalogFile]] = [:]
            var k = 0
            for object in listing.objects {
                while k < run.count, object.key > run[k], !object.key.hasPrefix(run[k]) { k += 1 }
                guard k < run.count, object.key.hasPrefix(run[k]) else { continue }
                let relative = object.key.dropFirst(run[k].count)
                let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
                guard let name = parts.last, !name.isEmpty,
                      parts.allSatisfy({ $0.first != "." && $0.first != "_" }),
                      PartitionCatalog.isDataFile(String(name), inPartition: true) else { continue }
                let date = owner[run[k]]!
                files[run[k], default: []].append(CatalogFile(path: url(object.key), partitionDate: date,
                                                              version: ObjectVersion(size: object.size, etag: object.etag)))
            }
            for p in run {
                let date = owner[p]!
                if case .success(var got) = out[date] {
                    got += files[p] ?? []
                    out[date] = .success(got)
                }
            }
        }
        for (date, result) in out {
            if case .success(let got) = result { out[date] = .success(got.sorted { $0.path < $1.path }) }
        }
        return out
    }
}
