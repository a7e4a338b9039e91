import DailyFacts
import EventModel
import Foundation
@testable import History
import TestSupport
import Testing

/// A folder of three dates written by eventtop's own writer, the middle one then cut short.
func threeDates(_ name: String) throws -> (folder: String, dates: [CivilDate]) {
    let folder = Repository.temporaryFolder(name)
    let monday = CivilDate(year: 2026, month: 11, day: 23)!
    let dates = [monday, monday.adding(days: 1), monday.adding(days: 2)]
    for (i, date) in dates.enumerated() {
        let rows = [DailyRow(tenant: "acme", eventType: "click", totalEvents: 10 + Int64(i), errorEvents: 1,
                             uniqueSessions: 1, avgSessionDuration: nil)]
        try PartitionWriter(directory: folder).replace(date, rows: rows)
    }
    let victim = folder + "/" + FactEventsDaily.folderName(dates[1]) + "/part-00000.parquet"
    let bytes = try Data(contentsOf: URL(fileURLWithPath: victim))
    try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: victim))
    return (folder, dates)
}

@Suite struct HistoryQueryTests {
    @Test func aBadDateIsAProblemAndTheOthersAreRead() throws {
        let (folder, dates) = try threeDates("query")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let query = try HistoryQuery.load(root: folder, range: CivilDateRange(first: dates[0], last: dates[0].adding(days: 6)))
        #expect(query.days.map(\.date) == [dates[0], dates[2]])
        #expect(query.problems.count == 1)
        #expect(query.problems[0].hasPrefix("2026-11-24: \(folder)/date=2026-11-24/part-00000.parquet"))
        #expect(!query.folderIsEmpty)
    }

    @Test func aMissingFolderIsAnErrorNamingIt() {
        #expect(throws: DataError.self) { try HistoryQuery.load(root: "/nonexistent/x", range: CivilDateRange(weeks: 1, endingWith: CivilDate(daysSinceEpoch: 0))) }
        do {
            _ = try HistoryQuery.load(root: "/nonexistent/x", range: CivilDateRange(weeks: 1, endingWith: CivilDate(daysSinceEpoch: 0)))
        } catch {
            #expect(error.kind == .io && error.description.hasPrefix("/nonexistent/x: "))
        }
    }
}

@Suite struct HistoryBrowserTests {
    func complete(_ browser: HistoryBrowser, _ weeks: [CivilDate]) -> HistoryWeeks {
        for _ in 0..<500 {
            let answer = browser.weeks(weeks)
            if answer.isComplete { return answer }
            usleep(10_000)
        }
        return browser.weeks(weeks)
    }

    @Test func answersEachDateOfTheWeeksWithFailuresRelativeToTheFolder() throws {
        let (folder, dates) = try threeDates("browser")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let browser = HistoryBrowser(root: folder)
        let answer = complete(browser, [dates[0]])
        #expect(answer.isComplete && answer.knownDates == 3 && answer.folderError == nil)
        #expect(answer.states.count == 7)
        guard case .failed(let message) = answer.states[dates[1]] else {
            Issue.record("2026-11-24 should fail")
            return
        }
        #expect(message.hasPrefix("date=2026-11-24/part-00000.parquet: "), "\(message)")
        if case .loaded(let day) = answer.states[dates[2]] {
            #expect(day.tenants == [TenantCounts(tenant: "acme", totalEvents: 12, errorEvents: 1)])
        } else {
            Issue.record("2026-11-25 should load")
        }
        #expect(answer.states[dates[0].adding(days: 6)] == .loaded(DayData(date: dates[0].adding(days: 6), tenants: [])))
    }

    @Test func theRevisionChangesOnlyWhenTheFolderDoes() throws {
        let (folder, dates) = try threeDates("revision")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let browser = HistoryBrowser(root: folder)
        _ = complete(browser, [dates[0]])
        let first = browser.revision
        browser.rescan()
        #expect(browser.revision == first, "the same files: nothing to read again")
        let rows = [DailyRow(tenant: "globex", eventType: "view", totalEvents: 5, errorEvents: 0, uniqueSessions: 0,
                             avgSessionDuration: nil)]
        try PartitionWriter(directory: folder).replace(dates[1], rows: rows)
        browser.rescan()
        #expect(browser.revision != first)
        let answer = complete(browser, [dates[0]])
        #expect(answer.states[dates[1]] == .loaded(DayData(date: dates[1], tenants: [TenantCounts(tenant: "globex", totalEvents: 5, errorEvents: 0)])))
    }

    @Test func aMissingFolderIsSaidAndEveryDateIsEmpty() {
        let browser = HistoryBrowser(root: "/nonexistent/history")
        let answer = browser.weeks([CivilDate(year: 2026, month: 11, day: 23)!])
        #expect(answer.folderError?.hasPrefix("/nonexistent/history: ") == true)
        #expect(answer.isComplete && answer.knownDates == 0)
    }
}

@Suite struct PartitionCatalogWalkTests {
    @Test func linksThatLoopAreFollowedOnce() throws {
        let (folder, dates) = try threeDates("loops")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/again", withDestinationPath: folder)
        try FileManager.default.createSymbolicLink(atPath: folder + "/date=2026-11-23/up", withDestinationPath: folder)
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: folder + "/nowhere")
        let catalog = try PartitionCatalog(root: folder)
        #expect(catalog.dates == dates)
        #expect(catalog.dates.allSatisfy { catalog.files[$0]?.count == 1 }, "each file once")
        #expect(catalog.problems.isEmpty && catalog.failedDates.isEmpty)
    }
}
