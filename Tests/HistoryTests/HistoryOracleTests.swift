import EventModel
import Foundation
import History
import Parquet
import Testing

/// Both reports against DuckDB running the seed's queries over folders written by DuckDB,
/// pyarrow, polars, fastparquet and by hand, some in the shapes Spark writes (TIMESTAMP
/// partition folders, DECIMAL counts) (Scripts/make_datasets.py).
@Suite struct HistoryOracleTests {
    static let writers = [
        "duckdb_default", "duckdb_zstd_small_groups", "duckdb_uint_counts", "duckdb_nested_x_date",
        "pyarrow_snappy", "pyarrow_gzip", "pyarrow_zstd", "pyarrow_no_dictionary", "pyarrow_page_v2", "pyarrow_delta",
        "pyarrow_schema_variants", "several_files_and_litter", "polars_hive", "fastparquet_hive",
        "single_file_date_column", "single_file_string_column", "single_file_timestamp_column",
        "twelve_weeks_two_files_a_day", "timestamp_partitions", "decimal_counts",
    ]

    @Test(arguments: writers)
    func reportsEqualDuckDB(_ name: String) throws {
        let expected = try Datasets.variant(name)
        if let skip = expected.skip {
            Issue.record("\(name) not checked: \(skip)")
            return
        }
        let (days, failed) = try loadAll(expected.folder)
        #expect(failed.isEmpty, "\(failed)")
        let daily = HistoryReports.dailyEvents(days).map(\.expectation)
        #expect(daily.count == expected.daily.count)
        #expect(daily == expected.sortedDaily)
        let weekly = try HistoryReports.weeklyErrorRate(days).map(\.expectation)
        #expect(weekly.count == expected.weekly.count)
        #expect(weekly == expected.sortedWeekly)
        // The null error rates (weeks with no events for a tenant) are there.
        if name != "twelve_weeks_two_files_a_day" { #expect(weekly.contains { $0.rate == nil && $0.total == 0 }) }
    }

    /// The command's path (`HistoryQuery`: two threads, names ranked once) gives the same rows.
    @Test(arguments: writers)
    func queryReportsEqualDuckDB(_ name: String) throws {
        let expected = try Datasets.variant(name)
        if expected.skip != nil { return }
        let catalog = try PartitionCatalog(root: expected.folder)
        let range = CivilDateRange(first: catalog.dates.first!, last: catalog.dates.last!)
        for threads in [1, 2] {
            let query = try HistoryQuery.load(root: expected.folder, range: range, threads: threads)
            #expect(query.problems.isEmpty, "\(query.problems)")
            #expect(query.dailyEvents().named.map(\.expectation) == expected.sortedDaily)
            #expect(try query.weeklyErrorRate().named.map(\.expectation) == expected.sortedWeekly)
            // A tenant filter keeps that tenant's rows; an unknown name keeps none.
            if let tenant = expected.weekly.compactMap(\.tenant).first {
                #expect(try query.weeklyErrorRate(tenant: tenant).named.map(\.expectation)
                    == expected.sortedWeekly.filter { $0.tenant == tenant })
                #expect(query.dailyEvents(tenant: tenant).named.map(\.expectation)
                    == expected.sortedDaily.filter { $0.tenant == tenant })
            }
            #expect(try query.weeklyErrorRate(tenant: "no such tenant").rows.isEmpty)
        }
    }

    @Test func queryNamesTheCorruptDateAndOverflow() throws {
        for variant in ["corrupt_partition", "overflow"] {
            let expected = try Datasets.variant(variant)
            let catalog = try PartitionCatalog(root: expected.folder)
            let range = CivilDateRange(first: catalog.dates.first!, last: catalog.dates.last!)
            let query = try HistoryQuery.load(root: expected.folder, range: range)
            let (days, failed) = try loadAll(expected.folder)
            #expect(query.problems.count == failed.count)
            #expect(query.problems.allSatisfy { p in failed.contains { p.hasPrefix("\($0.key): \($0.value)") } }, "\(query.problems)")
            #expect(query.days.map(\.date) == days.map(\.date).sorted())
            if variant == "corrupt_partition" {
                #expect(try query.weeklyErrorRate().named.map(\.expectation) == expected.sortedWeekly)
            }
        }
    }

    @Test func corruptPartitionIsAnErrorForItsDateOnly() throws {
        let expected = try Datasets.variant("corrupt_partition")
        let (days, failed) = try loadAll(expected.folder)
        #expect(failed.keys.map(\.description) == [expected.corruptDate!])
        let message = try #require(failed.values.first)
        #expect(expected.corruptFiles.contains { message.contains($0) }, "\(message)")
        #expect(HistoryReports.dailyEvents(days).map(\.expectation) == expected.sortedDaily)
        #expect(try HistoryReports.weeklyErrorRate(days).map(\.expectation) == expected.sortedWeekly)
    }

    @Test func oneWeekOpensOnlyThatWeeksFiles() throws {
        let expected = try Datasets.variant("twelve_weeks_two_files_a_day")
        let counter = OpenCounter()
        let catalog = try PartitionCatalog(root: expected.folder, opener: counter.opener)
        #expect(catalog.dates.count == 84)
        #expect(counter.paths.isEmpty, "listing partitioned folders opens no file")
        let week = CivilDateRange(weeks: 1, endingWith: CivilDate("2026-04-08")!)
        #expect(week.first.description == "2026-04-06" && week.last.description == "2026-04-12")
        let loader = HistoryLoader(catalog: catalog, opener: counter.opener)
        let states = loader.load(week.dates)
        #expect(states.count == 7)
        #expect(counter.paths.count == 14)
        #expect(Set(counter.paths).count == 14)
        #expect(counter.paths.allSatisfy { path in week.dates.contains { path.contains("/date=\($0)/") } })
        let days = states.values.compactMap { if case .loaded(let d) = $0 { d } else { nil } }
        let weekly = try HistoryReports.weeklyErrorRate(days).map(\.expectation)
        #expect(weekly == expected.sortedWeekly.filter { $0.week == "2026-04-06" })
    }

    @Test func litterIsIgnored() throws {
        let expected = try Datasets.variant("several_files_and_litter")
        let catalog = try PartitionCatalog(root: expected.folder)
        let all = catalog.files(for: catalog.dates).map(\.path)
        #expect(all.count == 120)
        #expect(all.allSatisfy { $0.hasSuffix(".snappy.parquet") && !$0.contains("/.") && !$0.contains("/_") })
        #expect(catalog.problems.isEmpty)
    }

    @Test func nonPartitionedFileIsOpenedForStatisticsOnly() throws {
        let expected = try Datasets.variant("single_file_string_column")
        let counter = OpenCounter()
        let catalog = try PartitionCatalog(root: expected.folder, opener: counter.opener)
        #expect(counter.paths.count == 1)
        #expect(catalog.dates.count == 60)
        #expect(catalog.dates.first?.description == "2026-03-02")
    }

    @Test func overflowIsAnErrorForItsDate() throws {
        let expected = try Datasets.variant("overflow")
        let (days, failed) = try loadAll(expected.folder)
        #expect(failed.keys.map(\.description) == ["2026-03-02"])
        #expect(failed.values.first?.contains("overflows") == true)
        #expect(days.map(\.date.description) == ["2026-03-03"])
    }
}

@Suite struct HistoryLoaderTests {
    @Test func pollingSeesLoadingThenLoadedOrFailed() async throws {
        let expected = try Datasets.variant("corrupt_partition")
        let catalog = try PartitionCatalog(root: expected.folder)
        let loader = HistoryLoader(catalog: catalog)
        let dates = Array(catalog.dates.prefix(14))
        loader.request(dates)
        #expect(dates.allSatisfy { loader.state(of: $0) != nil })
        var waited = 0
        while dates.contains(where: { loader.state(of: $0) == .loading }), waited < 1000 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        var failed: [String] = []
        for date in dates {
            switch loader.state(of: date) {
            case .loaded(let day): #expect(day.date == date && day.tenants.count == 20)
            case .failed: failed.append(date.description)
            default: Issue.record("\(date) did not finish")
            }
        }
        #expect(failed == [expected.corruptDate!])
        // A failed date can be forgotten and asked for again.
        let bad = CivilDate(expected.corruptDate!)!
        loader.forget(bad)
        #expect(loader.state(of: bad) == nil)
    }

    @Test func cacheKeepsAtMostMaxDays() throws {
        let expected = try Datasets.variant("twelve_weeks_two_files_a_day")
        let catalog = try PartitionCatalog(root: expected.folder)
        let counter = OpenCounter()
        let loader = HistoryLoader(catalog: catalog, maxDays: 5, opener: counter.opener)
        let dates = Array(catalog.dates.prefix(10))
        let states = loader.load(dates)
        // Every asked date is delivered even though the cache keeps only 5.
        #expect(states.count == 10)
        #expect(dates.filter { loader.state(of: $0) != nil }.count == 5)
        // A cached date is not read again.
        let cached = try #require(dates.first { loader.state(of: $0) != nil })
        let before = counter.paths.count
        _ = loader.load([cached])
        #expect(counter.paths.count == before)
    }
}
