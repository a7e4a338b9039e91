#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import EventModel
import ObjectStore
import Synchronization

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
    /// Lines that take nothing from the data (an object cache that cannot be written).
    public var warnings: [String] = []

    /// Whether every date of the weeks has been read (or failed).
    public var isComplete: Bool { states.count == weeks.count * 7 && !states.values.contains(.loading) }
}

/// The history pane's data source: the partition folder's catalog, listed again now and then
/// (new days appear as they close; a partition rewritten in place is read again), and a
/// background loader asked for the dates on screen. Used from one thread; loading happens on
/// the loader's threads. In object storage, where a listing is a request that may take long (or
/// time out), the listings run in the background too, and their outcome is taken up at the next
/// call: the screen never waits for the store.
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

    struct FileStamp: Equatable, Sendable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        /// An object's key, size and ETag.
        var version: String?
    }

    /// The dates the screen asked for last (object storage lists only these again).
    private var lastAsked: [CivilDate] = []
    /// Object storage: listings run in the background and leave their outcome here.
    private let background: BackgroundListing?

    /// A listing's outcome: the catalog (or why the root could not be listed) and the stamps.
    struct Listing: Sendable {
        var catalog: Result<PartitionCatalog, DataError>
        var stamps: [CivilDate: [FileStamp]]
    }

    final class BackgroundListing: Sendable {
        /// Whether a listing runs, and the last one's outcome not taken up yet.
        let state = Mutex<(running: Bool, done: Listing?)>((false, nil))
    }

    /// How often the folder is listed again.
    public var rescanNanos: Int64 = 15_000_000_000

    public init(root: String) {
        self.root = root
        background = S3Location.isURL(root) ? BackgroundListing() : nil
        rescan()
    }

    /// Lists the folder again if it is time to (and takes up a background listing that ended).
    public func rescanIfDue() {
        takeBackgroundListing()
        if WallClock.monotonicNanos() >= nextScan { rescan() }
    }

    /// Lists the folder: a changed set of dates starts a fresh loader (a date without files
    /// earlier may have files now); the same dates forget only those whose files changed. In
    /// object storage the listing starts in the background (unless one runs already).
    public func rescan() {
        nextScan = WallClock.monotonicNanos() + rescanNanos
        guard let background else {
            apply(Self.list(root, asked: lastAsked))
            return
        }
        let start = background.state.withLock { s -> Bool in
            if s.running { return false }
            s.running = true
            return true
        }
        guard start else { return }
        let (root, asked) = (root, lastAsked)
        DispatchQueue.global().async {
            let listing = Self.list(root, asked: asked)
            background.state.withLock { $0 = (false, listing) }
        }
    }

    private func takeBackgroundListing() {
        guard let listing = background?.state.withLock({ s -> Listing? in
            defer { s.done = nil }
            return s.done
        }) else { return }
        apply(listing)
    }

    /// Lists `root`, and stamps each date's files: a folder's by size and modification time; in
    /// object storage, the dates `asked` only, by the key, size and ETag their listing gives.
    static func list(_ root: String, asked: [CivilDate]) -> Listing {
        let catalog: PartitionCatalog
        do throws(DataError) { catalog = try PartitionCatalog(root: root) } catch { return Listing(catalog: .failure(error), stamps: [:]) }
        guard catalog.isObjectStore else {
            return Listing(catalog: .success(catalog), stamps: catalog.files.mapValues { files in files.map { stamp(of: $0.path) } })
        }
        var stamps: [CivilDate: [FileStamp]] = [:]
        for (date, listed) in catalog.listFiles(asked) {
            guard case .success(let files) = listed else { continue }
            stamps[date] = files.map { FileStamp(size: 0, seconds: 0, nanoseconds: 0, version: $0.path + " " + ($0.version?.description ?? "")) }
        }
        return Listing(catalog: .success(catalog), stamps: stamps)
    }

    /// Takes up a listing: see `rescan()`.
    private func apply(_ listing: Listing) {
        switch listing.catalog {
        case .failure(let error):
            folderError = error.description
            catalog = nil
            loader = nil
        case .success(let fresh):
            folderError = nil
            var freshStamps = listing.stamps
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
        }
        revision += 1
    }

    static func stamp(of path: String) -> FileStamp {
        var st = stat()
        guard stat(path, &st) == 0 else { return FileStamp(size: -1, seconds: 0, nanoseconds: 0, version: nil) }
        return FileStamp(size: Int64(st.st_size), seconds: st.st_mtim.tv_sec, nanoseconds: st.st_mtim.tv_nsec, version: nil)
    }

    /// Asks for the dates of `weeks` (Mondays) and reports what is there so far. Failures name
    /// their files relative to the folder, so the reason stays in sight.
    public func weeks(_ weeks: [CivilDate]) -> HistoryWeeks {
        takeBackgroundListing()
        let dates = weeks.flatMap { week in (0..<7).map { week.adding(days: Int64($0)) } }
        lastAsked = dates
        if loader == nil, folderError == nil, background != nil {
            // The first listing of the store has not answered yet.
            return HistoryWeeks(weeks: weeks, states: [:], knownDates: 0)
        }
        guard let loader, let catalog else {
            let empty = Dictionary(dates.map { ($0, DayState.loaded(DayData(date: $0, tenants: []))) },
                                   uniquingKeysWith: { a, _ in a })
            return HistoryWeeks(weeks: weeks, states: empty, knownDates: 0,
                                folderError: folderError ?? "\(root): not listed")
        }
        loader.request(dates)
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
        var answer = HistoryWeeks(weeks: weeks, states: states, knownDates: catalog.dates.count, problems: problems)
        if catalog.isObjectStore, let warning = ObjectRangeCache.process?.warning { answer.warnings = [warning] }
        return answer
    }
}
