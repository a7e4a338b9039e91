import EventModel
import Foundation
import History
import Parquet
import Synchronization
import TestSupport

/// The History tests' Python helpers (Scripts/): the outside oracles that write data and
/// compute expected values.
enum PythonScript {
    static func run(_ name: String, _ arguments: [String]) throws -> Data {
        try PythonOracle.run("Tests/HistoryTests/Scripts/\(name)", arguments)
    }
}

/// What DuckDB says one written folder holds.
struct Expectation: Sendable {
    struct Daily: Sendable, Equatable, CustomStringConvertible {
        var date: String, tenant: String?, events: Int64?
        var description: String { "\(date),\(tenant ?? "NULL"),\(events.map { "\($0)" } ?? "NULL")" }
    }
    struct Weekly: Sendable, Equatable, CustomStringConvertible {
        var week: String, tenant: String?, total: Int64?, errors: Int64?, rate: String?
        var description: String {
            "\(week),\(tenant ?? "NULL"),\(total.map { "\($0)" } ?? "NULL"),\(errors.map { "\($0)" } ?? "NULL"),\(rate ?? "NULL")"
        }
    }
    var folder: String
    var daily: [Daily]
    var weekly: [Weekly]
    var skip: String?
    var corruptDate: String?
    var corruptFiles: [String]
}

/// The datasets, written once per test run into a temporary folder.
struct Datasets: Sendable {
    var variants: [String: Expectation]

    static let shared: Result<Datasets, PythonOracle.Failure> = {
        do {
            let temp = FileManager.default.temporaryDirectory
            // Folders left by earlier runs whose process is gone.
            for name in (try? FileManager.default.contentsOfDirectory(atPath: temp.path)) ?? []
            where name.hasPrefix("eventtop-history-tests-") {
                if let pid = Int32(name.dropFirst("eventtop-history-tests-".count)), kill(pid, 0) != 0, errno == ESRCH {
                    try? FileManager.default.removeItem(atPath: temp.appendingPathComponent(name).path)
                }
            }
            let out = temp.appendingPathComponent("eventtop-history-tests-\(getpid())").path
            try? FileManager.default.removeItem(atPath: out)
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let data = try PythonScript.run("make_datasets.py", [out])
            guard let json = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] else {
                throw PythonOracle.Failure("make_datasets.py: not a JSON object")
            }
            var variants: [String: Expectation] = [:]
            func int(_ v: Any?) -> Int64? { (v as? NSNumber)?.int64Value }
            for (name, v) in json {
                let daily = (v["daily"] as? [[Any]] ?? []).map {
                    Expectation.Daily(date: $0[0] as! String, tenant: $0[1] as? String, events: int($0[2]))
                }
                let weekly = (v["weekly"] as? [[Any]] ?? []).map {
                    Expectation.Weekly(week: $0[0] as! String, tenant: $0[1] as? String, total: int($0[2]),
                                       errors: int($0[3]), rate: $0[4] as? String)
                }
                variants[name] = Expectation(folder: out + "/" + name, daily: daily, weekly: weekly,
                                             skip: v["skip"] as? String, corruptDate: v["corrupt_date"] as? String,
                                             corruptFiles: v["corrupt_files"] as? [String] ?? [])
            }
            return .success(Datasets(variants: variants))
        } catch let failure as PythonOracle.Failure {
            return .failure(failure)
        } catch {
            return .failure(PythonOracle.Failure("\(error)"))
        }
    }()

    static func variant(_ name: String) throws -> Expectation {
        let sets = try shared.get()
        guard let v = sets.variants[name] else { throw PythonOracle.Failure("no dataset \(name)") }
        return v
    }
}

/// Counts (and records) the files a catalog or loader opens.
final class OpenCounter: Sendable {
    private let opened = Mutex<[String]>([])
    var paths: [String] { opened.withLock { $0 } }

    var opener: ParquetOpener {
        { (file: CatalogFile) throws(ParquetError) -> ParquetFileReader in
            self.opened.withLock { $0.append(file.path) }
            return try ParquetFileReader(path: file.path)
        }
    }
}

func utf8Less(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (let a?, let b?): a.utf8.lexicographicallyPrecedes(b.utf8)
    case (.some, .none): true
    default: false
    }
}

extension Expectation {
    var sortedDaily: [Daily] { daily.sorted { $0.date != $1.date ? $0.date < $1.date : utf8Less($0.tenant, $1.tenant) } }
    var sortedWeekly: [Weekly] { weekly.sorted { $0.week != $1.week ? $0.week < $1.week : utf8Less($0.tenant, $1.tenant) } }
}

extension DailyEventsRow {
    var expectation: Expectation.Daily { .init(date: date.description, tenant: tenant, events: events) }
}

extension WeeklyErrorRateRow {
    var expectation: Expectation.Weekly {
        .init(week: week.description, tenant: tenant, total: totalEvents, errors: errorEvents, rate: errorRate.map { "\($0)" })
    }
}

/// Loads every date of a folder: the days that loaded and the dates that failed.
func loadAll(_ folder: String, opener: @escaping ParquetOpener = defaultParquetOpener) throws -> (days: [DayData], failed: [CivilDate: String]) {
    let catalog = try PartitionCatalog(root: folder, opener: opener)
    let loader = HistoryLoader(catalog: catalog, opener: opener)
    let states = loader.load(catalog.dates)
    var days: [DayData] = []
    var failed: [CivilDate: String] = [:]
    for (date, state) in states {
        switch state {
        case .loaded(let day): days.append(day)
        case .failed(let message): failed[date] = message
        case .loading: failed[date] = "still loading"
        }
    }
    return (days, failed)
}
