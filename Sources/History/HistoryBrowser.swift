#if canImport(Glibc)
import Glibc
#endif
import EventModel

/// What the history folder holds for the weeks a screen asks about: each of their dates' state
/// (loading, loaded, failed), and the folder's own state.
public struct HistoryWeeks: Sendable {
    /// Mondays of the weeks asked for.
    public var weeks: [CivilDate]
    /// The state of every date of those weeks (nil: not asked for yet, or evicted).
    public var states: [CivilDate: DayState]
    /// Dates the folder holds partitions for, all weeks.
    public var knownDates: Int
    /// Set when the folder itself cannot be listed.
    public var folderError: String?
    /// What the folder holds that could not be placed (a folder above any date that could not
    /// be listed, a file without dates), each a line naming it, relative to the folder.
    public var problems: [String] = []

    /// Whether every date of the weeks has been read (or failed).
    public var isComplete: Bool { states.count == weeks.count * 7 && !states.values.contains(.loading) }
}

/// The history pane's data source: the partition folder's catalog, listed again now and then
/// (new days appear as they close; a partition rewritten in place is read again), and a
/// background loader asked for the dates on screen. Used from one thread; loading happens on
/// the loader's threads.
public final class HistoryBrowser {
    public let root: String
    private var catalog: PartitionCatalog?
    private var loader: HistoryLoader?
    private var folderError: String?
    private var nextScan: Int64 = 0
    /// Size and modification time of each date's files at the last listing.
    private var stamps: [CivilDate: [FileStamp]] = [:]
    /// Changes whenever what a complete `weeks(_:)` answer holds may have changed (a new
    /// listing, a date read again): a screen may keep what it built from a complete answer
    /// until then.
    public private(set) var revision = 0

    struct FileStamp: Equatable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        /// An object's key, size and ETag.
        var version: String?
    }

    /// The dates the screen asked for last (object storage lists only these again).
    private var lastAsked: [CivilDate] = []

    /// How often the folder is listed again.
    public var rescanNanos: Int64 = 15_000_000_000

    public init(root: String) {
        self.root = root
        rescan()
    }

    /// Lists the folder again if it is time to.
    public func rescanIfDue() {
        if WallClock.monotonicNanos() >= nextScan { rescan() }
    }

    /// Lists the folder: a changed set of dates starts a fresh loader (a date without files
    /// earlier may have files now); the same dates forget only those whose files changed.
    public func rescan() {
        nextScan = WallClock.monotonicNanos() + rescanNanos
        do throws(DataError) {
            let fresh = try PartitionCatalog(root: root)
            folderError = nil
            var freshStamps = stamps(of: fresh)
            defer { stamps = freshStamps }
            if let catalog, catalog.files == fresh.files, catalog.dates == fresh.dates, let loader {
                // One still loading keeps its old stamp, to be forgotten at the next listing. In
                // object storage only the dates last asked for are listed again: a date listed for
                // the first time keeps what was read.
                let changed = freshStamps.keys.filter {
                    freshStamps[$0] != stamps[$0] && !(fresh.isObjectStore && stamps[$0] == nil)
                }
                for date in changed {
                    if loader.state(of: date) == .loading {
                        freshStamps[date] = stamps[date]
                    } else {
                        loader.forget(date)
                    }
                }
                if !changed.isEmpty { revision += 1 }
                return
            }
            catalog = fresh
            loader = HistoryLoader(catalog: fresh)
        } catch {
            folderError = error.description
            catalog = nil
            loader = nil
        }
        revision += 1
    }

    /// Each date's files as they are now: a folder's by size and modification time; in object
    /// storage, the dates last asked for, by the size and ETag their listing gives.
    private func stamps(of catalog: PartitionCatalog) -> [CivilDate: [FileStamp]] {
        guard catalog.isObjectStore else {
            return catalog.files.mapValues { files in files.map { Self.stamp(of: $0.path) } }
        }
        var out: [CivilDate: [FileStamp]] = [:]
        for (date, listed) in catalog.listFiles(lastAsked) {
            guard case .success(let files) = listed else { continue }
            out[date] = files.map { FileStamp(size: 0, seconds: 0, nanoseconds: 0, version: $0.path + " " + ($0.version ?? "")) }
        }
        return out
    }

    static func stamp(of path: String) -> FileStamp {
        var st = stat()
        guard stat(path, &st) == 0 else { return FileStamp(size: -1, seconds: 0, nanoseconds: 0, version: nil) }
        return FileStamp(size: Int64(st.st_size), seconds: st.st_mtim.tv_sec, nanoseconds: st.st_mtim.tv_nsec, version: nil)
    }

    /// Asks for the dates of `weeks` (Mondays) and reports what is there so far. Failures name
    /// their files relative to the folder, so the reason stays in sight.
    public func weeks(_ weeks: [CivilDate]) -> HistoryWeeks {
        let dates = weeks.flatMap { week in (0..<7).map { week.adding(days: Int64($0)) } }
        guard let loader, let catalog else {
            let empty = Dictionary(dates.map { ($0, DayState.loaded(DayData(date: $0, tenants: []))) },
                                   uniquingKeysWith: { a, _ in a })
            return HistoryWeeks(weeks: weeks, states: empty, knownDates: 0,
                                folderError: folderError ?? "\(root): not listed")
        }
        loader.request(dates)
        lastAsked = dates
        let prefix = root.hasSuffix("/") ? root : root + "/"
        var states: [CivilDate: DayState] = [:]
        for date in dates {
            guard var state = loader.state(of: date) else { continue }
            if case .failed(let message) = state, message.hasPrefix(prefix) {
                state = .failed(String(message.dropFirst(prefix.count)))
            }
            states[date] = state
        }
        let problems = catalog.problems.map { $0.message.hasPrefix(prefix) ? String($0.message.dropFirst(prefix.count)) : $0.message }
        return HistoryWeeks(weeks: weeks, states: states, knownDates: catalog.dates.count, problems: problems)
    }
}
