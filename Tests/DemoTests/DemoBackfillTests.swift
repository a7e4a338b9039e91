@testable import Demo
import EventModel
import Foundation
import History
import TestSupport
import Testing

/// Runs Scripts/duckdb_reports.py with the repository's `.venv` Python and DuckDB.
func duckDBReports(_ folder: String) throws -> (daily: [[String]], weekly: [[String]]) {
    let data = try PythonOracle.run("Tests/DemoTests/Scripts/duckdb_reports.py", [folder], timeoutSeconds: 120)
    guard let json = try JSONSerialization.jsonObject(with: data) as? [String: [[Any]]] else {
        throw PythonOracle.Failure("duckdb_reports.py: not a JSON object")
    }
    func text(_ v: Any) -> String { v is NSNull ? "NULL" : "\(v)" }
    return (json["daily", default: []].map { $0.map(text) }, json["weekly", default: []].map { $0.map(text) })
}

/// Every date of a folder, loaded by the History module.
func loadHistory(_ folder: String) throws -> [DayData] {
    let catalog = try PartitionCatalog(root: folder)
    let states = HistoryLoader(catalog: catalog).load(catalog.dates)
    return states.values.compactMap { if case .loaded(let day) = $0 { day } else { nil } }
}

func temporaryFolder(_ name: String) -> String { Repository.temporaryFolder(name) }

@Suite struct DemoBackfillTests {
    /// Thursday 2026-11-26.
    let today = CivilDate(year: 2026, month: 11, day: 26)!.daysSinceEpoch

    func day(_ text: String) -> Int64 { DemoBackfill.partitionDay("date=" + text)! }

    @Test func rangeIsTheLastIsoWeeksUpToYesterday() {
        #expect(DemoBackfill.days(weeks: 12, today: today) == day("2026-09-07")...day("2026-11-25"))
        #expect(DemoBackfill.days(weeks: 1, today: today) == day("2026-11-23")...day("2026-11-25"))
        #expect(DemoBackfill.days(weeks: 1, today: day("2026-11-23")) == nil, "a Monday has no past days this week")
        #expect(DemoBackfill.days(weeks: 2, today: day("2026-11-23")) == day("2026-11-16")...day("2026-11-22"))
        #expect(DemoBackfill.days(weeks: 0, today: today) == nil)
        #expect(DemoBackfill.days(weeks: -5, today: today) == nil)
        #expect(DemoBackfill.days(weeks: .max, today: today)!.count == 7 * DemoBackfill.maxWeeks - 4)
        #expect(DemoBackfill.partitionDay("date=2024-02-29") == CivilDate(year: 2024, month: 2, day: 29)!.daysSinceEpoch)
        for bad in ["date=2026-02-30", "date=2026-13-01", "date=2026-1-01", "date=2026-01-00", ".date=2026-01-01",
                    "date=2026-01-01.tmp", "date=20x6-01-01", "", "date="] {
            #expect(DemoBackfill.partitionDay(bad) == nil, "\(bad)")
        }
    }

    @Test func rowsKeepTheRollupInvariantsAndHaveTheirShape() {
        let range = DemoBackfill.days(weeks: 12, today: today)!
        let shape = DemoHistoryShape(tenants: 24, seed: 3, origin: range.lowerBound, lateStartOffset: 42,
                                     dailyEvents: 172_800_000)
        var weekday = 0.0, weekend = 0.0, incidentDays = 0, maxRate = 0.0
        let late = SyntheticEvents.tenantName(shape.lateTenant!)
        for d in range {
            let rows = shape.rows(day: d)
            #expect(rows == shape.rows(day: d), "the same day comes out the same")
            #expect(rows == DailyRow.sorted(rows))
            #expect(Set(rows.map { $0.tenant + "/" + $0.eventType }).count == rows.count)
            for row in rows {
                #expect(row.totalEvents > 0)
                #expect(row.errorEvents == (row.eventType == "error" ? row.totalEvents : 0))
                #expect(row.uniqueSessions >= 1 && row.uniqueSessions <= row.totalEvents)
                #expect(row.avgSessionDuration.map { $0 >= 0 && $0 < 86_400 } == true)
            }
            let total = Double(rows.reduce(0) { $0 + $1.totalEvents })
            if CivilDate(daysSinceEpoch: d).weekday < 5 { weekday += total / 5 } else { weekend += total / 2 }
            #expect(rows.contains { $0.tenant == late } == (d >= range.lowerBound + 42))
            if shape.incident(on: d) != nil { incidentDays += 1 }
            var byTenant: [String: (Int64, Int64)] = [:]
            for row in rows { byTenant[row.tenant, default: (0, 0)].0 += row.totalEvents; byTenant[row.tenant]!.1 += row.errorEvents }
            maxRate = max(maxRate, byTenant.values.map { Double($0.1) / Double($0.0) }.max()!)
            #expect(Set(rows.map(\.tenant)).count == (d >= range.lowerBound + 42 ? 24 : 23))
        }
        #expect(weekend < weekday * 0.85, "weekends are quieter")
        #expect(incidentDays >= 1 && incidentDays <= 12)
        #expect(maxRate > 0.15, "an incident day stands out")
        // Slow growth on the whole: the last week busier than the first.
        let first = (range.lowerBound..<range.lowerBound + 7).reduce(0) { $0 + shape.rows(day: $1).reduce(0) { $0 + $1.totalEvents } }
        let last = (range.upperBound - 6...range.upperBound).reduce(0) { $0 + shape.rows(day: $1).reduce(0) { $0 + $1.totalEvents } }
        #expect(last > first)
        // Another seed, other numbers.
        let other = DemoHistoryShape(tenants: 24, seed: 4, origin: range.lowerBound, lateStartOffset: 42, dailyEvents: 172_800_000)
        #expect(other.rows(day: range.lowerBound) != shape.rows(day: range.lowerBound))
    }

    @Test func backfillWritesWhatHistoryReadsAndDuckDBAgrees() throws {
        let folder = temporaryFolder("backfill")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let range = DemoBackfill.days(weeks: 12, today: today)!
        let outcome = try DemoBackfill.run(directory: folder, weeks: 12, tenants: 24, seed: 7, today: today)
        #expect(outcome.written == Array(range))
        #expect(outcome.existing == 0)

        // What the History module reads equals the synthesized rows, summed by brute force.
        let days = try loadHistory(folder)
        #expect(days.count == range.count)
        let shape = DemoHistoryShape(tenants: 24, seed: 7, origin: range.lowerBound, lateStartOffset: 42,
                                     dailyEvents: 172_800_000)
        var sums: [String: (total: Int64, errors: Int64)] = [:]
        for d in range {
            let week = d - Int64(CivilDate(daysSinceEpoch: d).weekday)
            for row in shape.rows(day: d) {
                sums["\(CivilDate(daysSinceEpoch: week)),\(row.tenant)", default: (0, 0)].total += row.totalEvents
                sums["\(CivilDate(daysSinceEpoch: week)),\(row.tenant)"]!.errors += row.errorEvents
            }
        }
        let weekly = try HistoryReports.weeklyErrorRate(days)
        #expect(weekly.count == sums.count)
        #expect(Set(weekly.map(\.week)).count == 12)
        for row in weekly {
            let sum = try #require(sums["\(row.week),\(row.tenant ?? "")"])
            #expect(row.totalEvents == sum.total && row.errorEvents == sum.errors)
            #expect(row.errorRate == Double(sum.errors) / Double(sum.total))
        }

        // DuckDB reading the same files computes the seed's queries to the same numbers.
        let duck = try duckDBReports(folder)
        func sortedRows(_ rows: [[String]]) -> [[String]] {
            rows.sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1].utf8.lexicographicallyPrecedes($1[1].utf8) }
        }
        let ours = weekly.map { ["\($0.week)", $0.tenant ?? "NULL", "\($0.totalEvents!)", "\($0.errorEvents!)",
                                 $0.errorRate.map { "\($0)" } ?? "NULL"] }
        #expect(sortedRows(duck.weekly) == ours)
        let daily = HistoryReports.dailyEvents(days).map { ["\($0.date)", $0.tenant ?? "NULL", "\($0.events!)"] }
        #expect(sortedRows(duck.daily) == daily)
    }

    @Test func laterRunsWriteOnlyMissingDays() throws {
        let folder = temporaryFolder("backfill-again")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try DemoBackfill.run(directory: folder, weeks: 4, tenants: 24, seed: 9, today: today)
        #expect(first.written.count == 24)
        func snapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            // The partitions (hidden names are the writers' lock and leftovers, which readers skip).
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !name.hasPrefix(".") {
                let file = folder + "/" + name + "/part-00000.parquet"
                files[name] = try Data(contentsOf: URL(fileURLWithPath: file))
            }
            return files
        }
        let before = try snapshot()
        let inode = try FileManager.default.attributesOfItem(atPath: folder + "/date=2026-11-02")[.systemFileNumber] as? Int

        let again = try DemoBackfill.run(directory: folder, weeks: 4, tenants: 24, seed: 9, today: today)
        #expect(again.written.isEmpty)
        #expect(again.existing == 24)
        #expect(try snapshot() == before)
        #expect(try FileManager.default.attributesOfItem(atPath: folder + "/date=2026-11-02")[.systemFileNumber] as? Int == inode)

        // A day removed and two days later: that day and the new ones, nothing else; the
        // refilled day is byte for byte what it was (the shape counts from the first day there).
        try FileManager.default.removeItem(atPath: folder + "/date=2026-11-10")
        let later = try DemoBackfill.run(directory: folder, weeks: 4, tenants: 24, seed: 9, today: today + 2)
        #expect(later.written == [day("2026-11-10"), day("2026-11-26"), day("2026-11-27")])
        let after = try snapshot()
        #expect(after["date=2026-11-10"] == before["date=2026-11-10"])
        #expect(after.count == 26)

        // A folder that is a file is an error, not a crash.
        let file = folder + "/date=2026-11-02/part-00000.parquet"
        #expect(throws: DataError.self) { try DemoBackfill.run(directory: file, weeks: 1, today: today) }
        // Nothing to do: no error, nothing written.
        #expect(try DemoBackfill.run(directory: folder + "/none", weeks: 0, today: today).written.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder + "/none"))
    }
}
