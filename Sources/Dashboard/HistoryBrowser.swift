#if canImport(Glibc)
import Glibc
#endif
import History
import Streaming

/// The history pane's data source: the partition folder's catalog, listed again now and then
/// (new days appear as they close), and a background loader asked for the dates on screen.
/// Used from the UI thread; loading happens on the loader's threads.
public final class HistoryBrowser {
    public let root: String
    private var catalog: PartitionCatalog?
    private var loader: HistoryLoader?
    private var folderError: String?
    private var nextScan: Int64 = 0
    /// The last view whose dates had all loaded, and the weeks it was for: reused until the
    /// weeks or the loader change, so a frame does not recompute the reports.
    private var cached: (weeks: [HistoryDate], view: HistoryView)?
    /// Size and modification time of each date's files at the last listing: a partition
    /// rewritten in place (a job run again) is read again.
    private var stamps: [HistoryDate: [FileStamp]] = [:]

    struct FileStamp: Equatable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
    }
    /// How often the folder is listed again.
    public var rescanNanos: Int64 = 15_000_000_000

    public init(root: String) {
        self.root = root
        rescan()
    }

    /// Lists the folder again if it is time to; a changed set of dates starts a fresh loader
    /// (a date without files earlier may have files now).
    public func rescanIfDue() {
        if WallClock.monotonicNanos() >= nextScan { rescan() }
    }

    public func rescan() {
        nextScan = WallClock.monotonicNanos() + rescanNanos
        do throws(HistoryError) {
            let fresh = try PartitionCatalog(root: root)
            folderError = nil
            var freshStamps = fresh.files.mapValues { files in files.map { Self.stamp(of: $0.path) } }
            defer { stamps = freshStamps }
            if let catalog, catalog.files == fresh.files, let loader {
                // The same files: forget only the dates whose files changed (one still loading
                // keeps its old stamp, to be forgotten at the next listing).
                let changed = freshStamps.keys.filter { freshStamps[$0] != stamps[$0] }
                for date in changed {
                    if loader.state(of: date) == .loading {
                        freshStamps[date] = stamps[date]
                    } else {
                        loader.forget(date)
                    }
                }
                if !changed.isEmpty { cached = nil }
                return
            }
            catalog = fresh
            loader = HistoryLoader(catalog: fresh)
            cached = nil
        } catch {
            folderError = error.message
            catalog = nil
            loader = nil
            cached = nil
        }
    }

    static func stamp(of path: String) -> FileStamp {
        var st = stat()
        guard stat(path, &st) == 0 else { return FileStamp(size: -1, seconds: 0, nanoseconds: 0) }
        return FileStamp(size: Int64(st.st_size), seconds: st.st_mtim.tv_sec, nanoseconds: st.st_mtim.tv_nsec)
    }

    /// Asks for the dates of `weeks` and reports what is there so far.
    public func view(weeks: [HistoryDate]) -> HistoryView {
        let dates = weeks.flatMap { week in (0..<7).map { week.adding(days: Int64($0)) } }
        guard let loader, let catalog else {
            return HistoryView(weeks: weeks, state: { date in .loaded(DayData(date: date, tenants: [])) }, knownDates: 0,
                               folderError: folderError ?? "\(root): not listed")
        }
        if let cached, cached.weeks == weeks { return cached.view }
        loader.request(dates)
        var view = HistoryView(weeks: weeks, state: { loader.state(of: $0) }, knownDates: catalog.files.count)
        // Paths inside the folder are shown relative to it: the reason stays in sight.
        let prefix = root.hasSuffix("/") ? root : root + "/"
        view.failures = view.failures.map { failure in
            (failure.date, failure.message.hasPrefix(prefix) ? String(failure.message.dropFirst(prefix.count)) : failure.message)
        }
        cached = view.loadingDates == 0 ? (weeks, view) : nil
        return view
    }
}
