import EventModel
import Dispatch
import Parquet
import Synchronization

/// Where a date stands in the loader.
public enum DayState: Sendable, Equatable {
    case loading
    case loaded(DayData)
    /// The date's files could not be read: the message names the file.
    case failed(String)
}

/// Loads dates on demand in the background and keeps decoded dates in an LRU cache bounded
/// by a number of dates and of bytes. A UI polls `state(of:)`; a command waits with `load(_:)`.
/// A date that fails is an error for that date only.
public final class HistoryLoader: Sendable {
    public let catalog: PartitionCatalog
    public let maxDays: Int
    public let maxBytes: Int
    public let workers: Int
    private let opener: ParquetOpener
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "eventtop.history.loader", attributes: .concurrent)

    private struct Entry {
        var state: DayState
        var lastUse: UInt64
        var bytes: Int
    }

    private final class Waiter: Sendable {
        let semaphore = DispatchSemaphore(value: 0)
    }

    private struct State {
        var entries: [CivilDate: Entry] = [:]
        var pending: [CivilDate] = []
        var running = 0
        var clock: UInt64 = 0
        var bytes = 0
        /// Entries that are loaded or failed (not loading).
        var finished = 0
        var waiters: [ObjectIdentifier: Waiter] = [:]
        /// Results kept for waiters until they take them (so eviction cannot lose them).
        var delivered: [ObjectIdentifier: [CivilDate: DayState]] = [:]
        var wanted: [ObjectIdentifier: Set<CivilDate>] = [:]
        /// Object storage: the files of pending dates, listed together when they were asked for.
        var listed: [CivilDate: Result<[CatalogFile], DataError>] = [:]
    }

    /// - Parameters:
    ///   - maxDays, maxBytes: the cache's bounds (decoded dates kept).
    ///   - workers: background threads decoding at once (in object storage, where each read waits
    ///     for a request, at least `PartitionCatalog.objectStoreReaders`).
    ///   - opener: how files are opened (inject one to count or redirect opens).
    public init(catalog: PartitionCatalog, maxDays: Int = 400, maxBytes: Int = 64 << 20, workers: Int = 2,
                opener: @escaping ParquetOpener = defaultParquetOpener) {
        self.catalog = catalog
        self.maxDays = max(1, maxDays)
        self.maxBytes = max(1, maxBytes)
        self.workers = max(1, catalog.isObjectStore ? max(workers, PartitionCatalog.objectStoreReaders) : workers)
        self.opener = opener
    }

    /// The state of a date: nil when it was never asked for or was evicted.
    public func state(of date: CivilDate) -> DayState? {
        state.withLock { s in
            guard var entry = s.entries[date] else { return nil }
            s.clock += 1
            entry.lastUse = s.clock
            s.entries[date] = entry
            return entry.state
        }
    }

    /// Asks for dates to be loaded in the background (those not cached or loading already).
    /// Dates without files load at once as empty. In object storage the new dates' files are
    /// listed first, all in one listing (in the background too), then read.
    public func request(_ dates: some Sequence<CivilDate>) {
        let objectStore = catalog.isObjectStore
        let fresh = state.withLock { s -> [CivilDate] in
            var fresh: [CivilDate] = []
            for date in dates where s.entries[date] == nil {
                s.clock += 1
                s.entries[date] = Entry(state: .loading, lastUse: s.clock, bytes: 0)
                fresh.append(date)
            }
            if !objectStore { s.pending += fresh }
            return fresh
        }
        guard objectStore else { return startWorkers() }
        guard !fresh.isEmpty else { return }
        queue.async {
            let listed = self.catalog.listFiles(fresh)
            self.state.withLock { s in
                s.listed.merge(listed) { _, new in new }
                s.pending += fresh
            }
            self.startWorkers()
        }
    }

    /// Starts workers for the pending dates, up to `workers` at once.
    private func startWorkers() {
        let start = state.withLock { s -> Int in
            let extra = min(workers - s.running, s.pending.count)
            s.running += max(0, extra)
            return max(0, extra)
        }
        for _ in 0..<start { queue.async { self.drain() } }
    }

    /// Forgets a date (for example one that failed) so the next request reads it again.
    public func forget(_ date: CivilDate) {
        state.withLock { s in
            guard let entry = s.entries[date], entry.state != .loading else { return }
            s.bytes -= entry.bytes
            s.finished -= 1
            s.entries[date] = nil
        }
    }

    /// Loads the dates (in the background workers) and waits for all of them.
    public func load(_ dates: [CivilDate]) -> [CivilDate: DayState] {
        let waiter = Waiter()
        let id = ObjectIdentifier(waiter)
        let wanted = Set(dates)
        state.withLock { s in
            s.waiters[id] = waiter
            s.wanted[id] = wanted
            var got: [CivilDate: DayState] = [:]
            for date in wanted {
                if let entry = s.entries[date], entry.state != .loading { got[date] = entry.state }
            }
            s.delivered[id] = got
        }
        request(dates)
        while true {
            let done = state.withLock { s -> [CivilDate: DayState]? in
                guard let got = s.delivered[id], got.count == wanted.count else { return nil }
                s.waiters[id] = nil
                s.wanted[id] = nil
                s.delivered[id] = nil
                return got
            }
            if let done { return done }
            waiter.semaphore.wait()
        }
    }

    private func drain() {
        while true {
            let next = state.withLock { s -> (CivilDate, Result<[CatalogFile], DataError>?)? in
                if s.pending.isEmpty {
                    s.running -= 1
                    return nil
                }
                let date = s.pending.removeFirst()
                return (date, s.listed.removeValue(forKey: date))
            }
            guard let (date, listed) = next else { return }
            let result: DayState
            switch listed ?? catalog.listFiles([date])[date] {
            case .failure(let error):
                result = .failed(error.description)
            case .success(let files)?:
                do {
                    result = .loaded(try DayDecoder.decode(date: date, files: files, opener: opener))
                } catch {
                    result = .failed(error.description)
                }
            case nil:
                result = .loaded(DayData(date: date, tenants: []))
            }
            finish(date, result)
        }
    }

    private func finish(_ date: CivilDate, _ result: DayState) {
        let wake = state.withLock { s -> [Waiter] in
            s.clock += 1
            let bytes: Int
            if case .loaded(let day) = result { bytes = day.byteSize } else { bytes = 64 }
            if s.entries[date]?.state == .loading { s.finished += 1 }
            s.entries[date] = Entry(state: result, lastUse: s.clock, bytes: bytes)
            s.bytes += bytes
            // Evict the least recently used finished dates beyond the bounds.
            while s.finished > maxDays || (s.bytes > maxBytes && s.finished > 1) {
                guard let victim = s.entries.filter({ $0.key != date && $0.value.state != .loading })
                    .min(by: { $0.value.lastUse < $1.value.lastUse }) else { break }
                s.bytes -= victim.value.bytes
                s.entries[victim.key] = nil
                s.finished -= 1
            }
            var wake: [Waiter] = []
            for (id, wanted) in s.wanted where wanted.contains(date) {
                s.delivered[id, default: [:]][date] = result
                if let w = s.waiters[id] { wake.append(w) }
            }
            return wake
        }
        for w in wake { w.semaphore.signal() }
    }
}
