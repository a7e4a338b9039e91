#if canImport(Glibc)
import Glibc
#endif
import Cells
@testable import Dashboard
import EventModel
import TestSupport
import Testing
import Windows

/// A screen that hands out scripted keys and keeps every frame drawn.
final class FakeScreen: DashboardScreen {
    var size: (width: Int, height: Int)
    let charset = Charset.utf8
    let colorCount = 256
    private var keys: [Key]
    /// Called before each key is handed out (to resize, say).
    var beforeKey: (FakeScreen, Int) -> Void = { _, _ in }
    private(set) var frames: [CellGrid] = []
    private(set) var closed = false
    private var handedOut = 0

    init(width: Int, height: Int, keys: [Key]) {
        size = (width, height)
        self.keys = keys
    }

    func draw(_ grid: CellGrid) { frames.append(grid) }

    func readKey(timeoutMs: Int) -> Key? {
        beforeKey(self, handedOut)
        handedOut += 1
        // The script ends with q; past it, keep quitting.
        return keys.isEmpty ? .character("q") : keys.removeFirst()
    }

    func close() { closed = true }
}

/// A feed that always has the same snapshot, and remembers what it was asked.
final class FakeFeed: SnapshotFeed {
    let snapshot: MetricsSnapshot
    private(set) var hoppings: [HoppingSpec?] = []
    private(set) var freshRequests = 0
    private(set) var stopped = false

    init(_ snapshot: MetricsSnapshot) { self.snapshot = snapshot }

    var latest: MetricsSnapshot? { snapshot }
    func freshSnapshot(timeoutMs: Int) -> MetricsSnapshot? {
        freshRequests += 1
        return snapshot
    }
    func setHopping(_ spec: HoppingSpec?) { hoppings.append(spec) }
    private(set) var details: [String?] = []
    func setDetail(_ tenant: String?) { details.append(tenant) }
    var isFinished: Bool { false }
    var failureText: String? { nil }
    func stopAndWait() { stopped = true }
}

/// The screen's main loop, run with a fake screen and feed: what it draws, in what order, and
/// what it asks of the feed.
@Suite struct ScreenSessionTests {
    init() { #expect(utf8Locale) }

    func options() throws -> ScreenOptions {
        ScreenOptions(inputName: "fake", historyFolder: nil,
                      window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60),
                      themes: try ThemeCycle.load(name: "monochrome"), version: "test")
    }

    func run(_ keys: [Key], width: Int = 80, height: Int = 24, snapshot: MetricsSnapshot = sampleSnapshot())
        throws -> (FakeScreen, FakeFeed, MetricsSnapshot?)
    {
        let screen = FakeScreen(width: width, height: height, keys: keys)
        let feed = FakeFeed(snapshot)
        let last = ScreenSession.run(screen: screen, feed: feed, options: try options())
        return (screen, feed, last)
    }

    @Test func drawsAFrameAndQuitsClosingTheScreenThenStoppingIngest() throws {
        let (screen, feed, last) = try run([.character("q")])
        #expect(screen.frames.count == 1)
        #expect(screen.frames[0].lines[0].hasPrefix(" eventtop test · fake · window 1m rolling"))
        #expect(screen.frames[0].text.contains("acme"))
        #expect(screen.closed && feed.stopped)
        #expect(last?.stats.accepted == feed.snapshot.stats.accepted)
    }

    @Test func aKeyRedrawsAtOnceWithoutANewSnapshot() throws {
        let (screen, feed, _) = try run([.character("s"), .character("q")])
        #expect(screen.frames.count == 2)
        #expect(screen.frames[1].lines[0].contains("sort Δ error %"))
        // One snapshot at start and one at the first refresh; the key does not ask for another.
        #expect(feed.freshRequests == 2)
    }

    @Test func theCursorIsOnTheFirstRowFromTheFirstFrame() throws {
        // Enter before any key moved the cursor: it acts on the first row the first frame showed.
        let (screen, _, _) = try run([.enter, .character("q")])
        let first = screen.frames[0].lines.firstIndex { $0.hasPrefix("│acme") }!
        #expect(screen.frames[0][1, first].style.attributes.contains(.reverse), "the first row is selected")
        #expect(screen.frames[1].text.contains("Tenant acme · last 1m rolling"))
    }

    @Test func pageDownMovesByThePageTheFrameHeld() throws {
        var groups: [(String, String, Int64, Int)] = []
        for t in 0..<40 { groups.append((String(format: "t%02d", t), "click", noon - 1, 100 - t)) }
        let (screen, _, _) = try run([.pageDown, .enter, .character("q")], snapshot: snapshot(groups))
        // 80×24: the tenant table holds 11 rows; one page down from t00 is t11.
        #expect(screen.frames[2].text.contains("Tenant t11 "), "\(screen.frames[2].lines)")
        #expect(screen.frames[1].lines.contains { $0.hasPrefix("│t11") })
        #expect(!screen.frames[1].lines.contains { $0.hasPrefix("│t00") }, "scrolled so the selection shows")
    }

    @Test func aWindowChangeAsksTheFeedForItsHoppingWindow() throws {
        let (screen, feed, _) = try run([.character("m"), .character("w"), .character("q")])
        #expect(feed.hoppings == [HoppingSpec(size: 60, hop: 10), HoppingSpec(size: 300, hop: 10)])
        #expect(screen.frames[1].lines[0].contains("window 1m hopping/10s"))
        #expect(screen.frames[2].lines[0].contains("window 5m hopping/10s"))
    }

    @Test func tNamesTheThemeItChose() throws {
        let (screen, _, _) = try run([.character("t"), .character("q")], width: 120, height: 30)
        let status = screen.frames[1].lines.last!
        #expect(status.contains("theme "), "\(status)")
        #expect(!screen.frames[0].lines.last!.contains("theme "))
    }

    @Test func aResizeRedrawsAtTheNewSize() throws {
        let screen = FakeScreen(width: 80, height: 24, keys: [.resize, .resize, .character("q")])
        screen.beforeKey = { screen, n in screen.size = n == 0 ? (30, 8) : (200, 60) }
        _ = ScreenSession.run(screen: screen, feed: FakeFeed(sampleSnapshot()), options: try options())
        #expect(screen.frames.map(\.width) == [80, 30, 200])
        #expect(screen.frames[1].text.contains("terminal too small"))
        #expect(screen.frames[2].height == 60 && screen.frames[2].text.contains("acme"))
    }
}

/// A feed whose every fresh snapshot is the next of a list (the last one repeats): ingest going on.
final class SequenceFeed: SnapshotFeed {
    let snapshots: [MetricsSnapshot]
    private(set) var freshRequests = 0
    init(_ snapshots: [MetricsSnapshot]) { self.snapshots = snapshots }

    var latest: MetricsSnapshot? { snapshots[max(0, min(freshRequests, snapshots.count) - 1)] }
    func freshSnapshot(timeoutMs: Int) -> MetricsSnapshot? {
        freshRequests += 1
        return latest
    }
    func setHopping(_ spec: HoppingSpec?) {}
    func setDetail(_ tenant: String?) {}
    var isFinished: Bool { false }
    var failureText: String? { nil }
    func stopAndWait() {}
}

/// The pause freezes the panes, not ingest: the status bar keeps counting, and the first
/// frame after the pause is fresh.
@Suite struct PauseTests {
    init() { #expect(utf8Locale) }

    /// Snapshot i holds tenant `t<i>` with 1,000·(i+1) events.
    static let snapshots = (0..<8).map { i in snapshot([("t\(i)", "click", noon - 1, 1000 * (i + 1))]) }

    func options(refreshNanos: Int64) throws -> ScreenOptions {
        ScreenOptions(inputName: "fake", historyFolder: nil,
                      window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60),
                      refreshNanos: refreshNanos, themes: try ThemeCycle.load(name: "monochrome"), version: "test")
    }

    @Test func whilePausedTheStatusBarCountsOnAndSaysPaused() throws {
        let screen = FakeScreen(width: 120, height: 30, keys: [.character(" "), .character("x"), .character("x"), .character("q")])
        // Refreshes fall between keys.
        screen.beforeKey = { _, _ in usleep(20_000) }
        let feed = SequenceFeed(Self.snapshots)
        _ = ScreenSession.run(screen: screen, feed: feed, options: try options(refreshNanos: 5_000_000))
        let paused = screen.frames.last!
        let status = paused.lines.last!
        #expect(status.contains("paused"), "\(status)")
        // The panes stay on the snapshot of the moment it paused (t1); the total follows ingest.
        #expect(paused.lines.contains { $0.hasPrefix("│t1 ") })
        let total = feed.latest!.stats.accepted
        #expect(total > 2000)
        #expect(status.contains("total \(NumberFormat.count(Int64(total), width: 9))"), "\(status)")
        #expect(!status.contains(" 0 ev/s"), "the rate follows ingest while paused: \(status)")
    }

    @Test func theFirstFrameAfterAPauseIsFresh() throws {
        // No refresh between keys (10 s): only the resume itself can bring the new snapshot.
        let screen = FakeScreen(width: 120, height: 30, keys: [.character(" "), .character(" "), .character("q")])
        let feed = SequenceFeed(Self.snapshots)
        _ = ScreenSession.run(screen: screen, feed: feed, options: try options(refreshNanos: 10_000_000_000))
        #expect(screen.frames.count == 3)
        #expect(screen.frames[1].lines.contains { $0.hasPrefix("│t1 ") })
        #expect(screen.frames[2].lines.contains { $0.hasPrefix("│t2 ") }, "\(screen.frames[2].lines)")
        #expect(!screen.frames[2].lines.last!.contains("paused"))
    }
}

/// `e`: the table as shown goes to the exporter the executable gives, and the status bar names the file.
@Suite struct ExportTests {
    init() { #expect(utf8Locale) }

    final class Box: @unchecked Sendable { var tables: [TenantExport] = [] }

    @Test func eExportsTheVisibleTableAndNamesTheFile() throws {
        let box = Box()
        var options = ScreenOptions(inputName: "fake", historyFolder: nil,
                                    window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60),
                                    themes: try ThemeCycle.load(name: "monochrome"), version: "test")
        options.export = { table in
            box.tables.append(table)
            return .success("/tmp/x/\(table.fileName)")
        }
        // Filtered to "e" (acme, initech) and sorted by errors.
        let keys: [Key] = [.character("/"), .character("i"), .enter, .character("s"), .character("s"), .character("e"), .character("q")]
        let screen = FakeScreen(width: 120, height: 30, keys: keys)
        _ = ScreenSession.run(screen: screen, feed: FakeFeed(sampleSnapshot()), options: options)
        let table = try #require(box.tables.first)
        #expect(table.rows.map(\.tenant) == ["initech"])
        #expect(table.rows[0].events == 27 && table.rows[0].errors == 15 && table.rows[0].belowMinEvents)
        #expect(table.window == "1m rolling" && table.coveredSeconds == 60)
        #expect(table.fileName.hasPrefix("eventtop-tenants-") && table.fileName.hasSuffix(".csv"))
        #expect(screen.frames.last!.lines.last!.contains("wrote 1 row to /tmp/x/eventtop-tenants-"))
    }

    @Test func aFailedExportIsSaid() throws {
        var options = ScreenOptions(inputName: "fake", historyFolder: nil,
                                    window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60),
                                    themes: try ThemeCycle.load(name: "monochrome"), version: "test")
        options.export = { _ in .failure(DataError(.io, "x.csv: Read-only file system")) }
        let screen = FakeScreen(width: 120, height: 30, keys: [.character("e"), .character("q")])
        _ = ScreenSession.run(screen: screen, feed: FakeFeed(sampleSnapshot()), options: options)
        #expect(screen.frames.last!.lines.last!.contains("export failed: x.csv: Read-only file system"))
    }
}
