import Cells
import Dashboard
import History
import Streaming
import Terminal

/// What the screen shows besides the data: where events come from, the history folder, the
/// first window and theme, how often it refreshes.
struct ScreenOptions {
    var inputName: String
    var historyFolder: String?
    var window: WindowChoice
    var errorTypes: Set<String>
    var refreshNanos: Int64 = 1_000_000_000
    var themes: ThemeCycle
    var mouse = true

    /// A path as the header shows it: whole when short, else `…/` and its file name.
    static func shortPath(_ path: String) -> String {
        guard path.count > 32, let slash = path.lastIndex(of: "/") else { return path }
        return "…" + path[slash...]
    }
}

/// The dashboard on the terminal: draws a frame every refresh (at once after a key), waits
/// for keys in between without spinning, and passes window changes to the engine. The
/// terminal is restored however it ends.
enum ScreenSession {
    /// Runs until `q` or a signal; returns the last snapshot for the summary line.
    static func run(engine: LiveEngine, options: ScreenOptions) throws(RuntimeFailure) -> MetricsSnapshot? {
        let screen: TerminalScreen
        do {
            screen = try TerminalScreen.open(mouse: options.mouse)
        } catch {
            engine.stop()
            engine.waitUntilFinished()
            throw RuntimeFailure(error.description)
        }
        defer { screen.close() }
        var state = DashboardState(window: options.window)
        state.historyAvailable = options.historyFolder != nil
        state.showHistory = state.historyAvailable
        var themes = options.themes
        themes.support = ColorSupport(colorCount: screen.colorCount)
        let history = options.historyFolder.map(HistoryBrowser.init)
        var snapshot: MetricsSnapshot? = engine.freshSnapshot(timeoutMs: 200)
        var rate = RateMeter()
        var facts = FrameFacts()
        var nextRefresh: Int64 = 0
        var dirty = true
        while true {
            let now = WallClock.monotonicNanos()
            if now >= nextRefresh {
                if !state.paused, let fresh = engine.freshSnapshot(timeoutMs: 100) { snapshot = fresh }
                // The rate follows ingest even while the display is paused.
                if let latest = engine.latest ?? snapshot { rate.add(accepted: latest.stats.accepted, at: now) }
                history?.rescanIfDue()
                nextRefresh = now + options.refreshNanos
                dirty = true
            }
            if dirty {
                var input = frameInput(snapshot, state: state, theme: themes.current, history: history,
                                       options: options, rate: rate.perSecond, engine: engine)
                input.notice = themes.problem
                let size = screen.size
                let (grid, newFacts) = DashboardRenderer.render(input, width: size.width, height: size.height,
                                                                charset: screen.charset)
                screen.draw(grid)
                facts = newFacts
                state.tenantScroll = facts.tenantTop
                // As in htop, a cursor is always on a row: the first one until a key moves it.
                // (also when the selected tenant left the list: the row it was on).
                if !facts.tenantOrder.isEmpty, state.selectedTenant.map({ !facts.tenantOrder.contains($0) }) ?? true {
                    state.selectedTenant = facts.tenantOrder[min(state.selectedRow, facts.tenantOrder.count - 1)]
                    dirty = true
                    continue
                }
                dirty = false
            }
            let wait = max(0, (nextRefresh - WallClock.monotonicNanos()) / 1_000_000)
            guard let key = screen.readKey(timeoutMs: Int(min(wait, 1000))) else { continue }
            let effects = state.handle(key, tenantOrder: facts.tenantOrder, pageRows: facts.pageRows,
                                       typeCount: facts.typeCount, historyRows: facts.historyRows, layout: facts)
            dirty = true
            if effects.contains(.quit) { break }
            if effects.contains(.window) {
                // Another window needs another snapshot, paused or not (a hopping window is
                // computed by the ingest thread).
                engine.setHopping(state.window.hopping)
                if let fresh = engine.freshSnapshot(timeoutMs: 200) { snapshot = fresh }
            }
            if effects.contains(.theme) { themes.next() }
        }
        // The terminal first: the checkpoint saved while ingest stops may take a moment.
        screen.close()
        engine.stop()
        engine.waitUntilFinished()
        return engine.latest ?? snapshot
    }

    /// The weeks the history pane asks for: eight, ending with the selected one.
    static func weeks(offset: Int) -> [HistoryDate] {
        let thisWeek = HistoryDate(epochSeconds: WallClock.nowSecond()).weekStart
        let selected = thisWeek.adding(days: Int64(offset) * 7)
        return (0..<8).reversed().map { selected.adding(days: -Int64($0) * 7) }
    }

    private static func frameInput(_ snapshot: MetricsSnapshot?, state: DashboardState, theme: Theme,
                                   history: HistoryBrowser?, options: ScreenOptions, rate: Double,
                                   engine: LiveEngine) -> FrameInput
    {
        let live = snapshot.map {
            LiveView(snapshot: $0, window: state.window, errorTypes: options.errorTypes, typesOf: state.typesTenant)
        } ?? .empty
        let historyView = state.showHistory ? history?.view(weeks: weeks(offset: state.weekOffset)) : nil
        return FrameInput(live: live, history: historyView, state: state, theme: theme, inputName: options.inputName,
                          version: EventTop.version, now: WallClock.nowSecond(), ingestRate: rate,
                          inputEnded: engine.isFinished && engine.failure == nil,
                          inputError: engine.failure?.description, historyFolder: options.historyFolder)
    }
}

/// Events accepted a second, over the last few seconds of snapshots.
struct RateMeter {
    private var samples: [(accepted: Int, nanos: Int64)] = []

    mutating func add(accepted: Int, at nanos: Int64) {
        samples.append((accepted, nanos))
        while samples.count > 2, nanos - samples[0].nanos > 3_000_000_000 { samples.removeFirst() }
    }

    var perSecond: Double {
        guard let first = samples.first, let last = samples.last, last.nanos > first.nanos else { return 0 }
        return Double(last.accepted - first.accepted) / (Double(last.nanos - first.nanos) / 1e9)
    }
}
