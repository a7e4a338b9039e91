@testable import Dashboard
import Demo
import EventModel
import Foundation
import History
import Testing

/// The history pane's view over the browser: built again when the folder is listed again.
@Suite struct HistoryViewCacheTests {
    /// The view once every date of `weeks` has loaded (the loader works in the background).
    func loadedView(_ cache: inout HistoryViewCache, _ browser: HistoryBrowser, _ weeks: [CivilDate]) -> HistoryView {
        for _ in 0..<500 {
            let view = cache.view(of: browser, weeks: weeks)
            if view.loadingDates == 0 { return view }
            usleep(10_000)
        }
        return cache.view(of: browser, weeks: weeks)
    }

    @Test func aPartitionRewrittenInPlaceIsReadAgain() throws {
        let dir = NSTemporaryDirectory() + "eventtop-browser-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let today = CivilDate(year: 2026, month: 11, day: 26)!
        try DemoBackfill.run(directory: dir, weeks: 1, tenants: 3, seed: 1, today: today.daysSinceEpoch, dailyEvents: 10_000)
        let browser = HistoryBrowser(root: dir)
        var cache = HistoryViewCache()
        let weeks = [today.weekStart]
        let before = loadedView(&cache, browser, weeks)
        #expect(before.failures.isEmpty && !before.rows.isEmpty)
        // The same date written again, by another seed: same path, other bytes.
        let monday = today.weekStart
        try FileManager.default.removeItem(atPath: dir + "/date=\(monday)")
        try DemoBackfill.run(directory: dir, weeks: 1, tenants: 3, seed: 2, today: today.daysSinceEpoch, dailyEvents: 50_000)
        #expect(FileManager.default.fileExists(atPath: dir + "/date=\(monday)/part-00000.parquet"))
        // Until the folder is listed again the cached view stays; then the date is read again.
        #expect(cache.view(of: browser, weeks: weeks) == before)
        browser.rescan()
        let after = loadedView(&cache, browser, weeks)
        #expect(after.rows.map { $0.daily[0] } != before.rows.map { $0.daily[0] })
        #expect(after.rows.map { $0.daily[1] } == before.rows.map { $0.daily[1] })
    }
}
