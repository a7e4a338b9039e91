import Dispatch
import EventModel
import ObjectStore
import Parquet
import Synchronization

/// One `eventtop history` run's reading: the dates of a range that the folder holds, each read
/// on one of two threads, and everything that could not be read, named. Tenants are ranks of
/// `tenants` (each name decoded once per file and sorted once per query).
public struct HistoryQuery: Sendable {
    /// One line for each file that could not be placed and each date that could not be read.
    public var problems: [String] = []
    /// Lines to show that take nothing from the reports (an object cache that cannot be written).
    public var warnings: [String] = []
    /// The folder holds no partitions at all.
    public var folderIsEmpty = false
    /// The tenants of the dates read, in the reports' order.
    public internal(set) var tenants = RankedTenants()
    /// The dates read, ascending; each date's tenants in no particular order.
    var dated: [DaySums] = []

    /// The dates read, with names (for callers of `HistoryReports`).
    public var days: [DayData] {
        dated.map { day in
            DayData(date: day.date, tenants: day.tenants.map {
                TenantCounts(tenant: tenants.name($0.tenant), totalEvents: $0.totalEvents, errorEvents: $0.errorEvents)
            })
        }
    }

    /// Lists `root` and reads the dates of `range` it has (on `threads` threads). Throws when
    /// `root` cannot be listed; a bad file or date is a problem and the others are read.
    public static func load(root: String, range: CivilDateRange, threads: Int = 2,
                            opener: @escaping ParquetOpener = defaultParquetOpener) throws(DataError) -> HistoryQuery {
        let catalog = try PartitionCatalog(root: root, opener: opener)
        var query = HistoryQuery()
        query.problems = catalog.problems.map(\.message)
        query.folderIsEmpty = catalog.isEmpty && catalog.problems.isEmpty
        let dates = range.dates.filter { catalog.has($0) }
        // In object storage: one listing of the dates' prefixes, then more threads, as each read
        // waits for a request.
        let listed = catalog.listFiles(dates)
        let wanted = catalog.isObjectStore ? max(threads, PartitionCatalog.objectStoreReaders) : threads
        let threads = read(dates, listed: listed, threads: max(1, min(wanted, dates.count)), opener: opener)
        let (tenants, ranks) = RankedTenants.ranking(threads.map(\.names))
        query.tenants = tenants
        var outcomes: [(Int, Result<[TenantSum], DataError>)] = []
        for (t, thread) in threads.enumerated() {
            for (i, outcome) in thread.dates {
                outcomes.append((i, outcome.map { sums in
                    ranks[t].withUnsafeBufferPointer { rank in
                        // SAFETY: every tenant id of a thread's sums is below its names' count,
                        // the length of its rank table.
                        sums.map { var s = $0; s.tenant = rank[Int(s.tenant)]; return s }
                    }
                }))
            }
        }
        outcomes.sort { $0.0 < $1.0 }
        for (i, outcome) in outcomes {
            switch outcome {
            case .success(let sums): query.dated.append(DaySums(date: dates[i], tenants: sums))
            case .failure(let error): query.problems.append("\(dates[i]): \(error.description)")
            }
        }
        if catalog.isObjectStore, let warning = ObjectRangeCache.process?.warning { query.warnings.append(warning) }
        return query
    }

    /// What one thread read: its names, and the dates (indices into the list) it took.
    private struct ThreadResult: Sendable {
        var names: TenantNames
        var dates: [(Int, Result<[TenantSum], DataError>)] = []
    }

    /// Reads `dates` on `threads` threads, each taking the next date not yet taken.
    private static func read(_ dates: [CivilDate], listed: [CivilDate: Result<[CatalogFile], DataError>], threads: Int,
                             opener: @escaping ParquetOpener) -> [ThreadResult]
    {
        let next = Mutex(0)
        let results = Mutex<[ThreadResult]>([])
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            var summer = DaySummer()
            var done: [(Int, Result<[TenantSum], DataError>)] = []
            while true {
                let i = next.withLock { n in
                    defer { n += 1 }
                    return n
                }
                guard i < dates.count else { break }
                let files: [CatalogFile]
                switch listed[dates[i]] {
                case .failure(let error)?:
                    done.append((i, .failure(error)))
                    continue
                case .success(let got)?: files = got
                case nil: files = []
                }
                do throws(DataError) {
                    let sums = try DayDecoder.decode(date: dates[i], files: files, opener: opener, into: &summer)
                    done.append((i, .success(sums)))
                } catch {
                    done.append((i, .failure(error)))
                }
            }
            let result = ThreadResult(names: summer.names, dates: done)
            results.withLock { $0.append(result) }
        }
        return results.withLock { $0 }
    }
}
