import Cells
import EventModel
import History
import Windows

/// The dashboard's main loop: collects a snapshot every refresh (at once after a key), plans
/// and draws a frame, and waits for keys in between without spinning (the screen's
/// `readKey` sleeps until the next refresh is due). Window changes go to the feed. The
/// screen is closed and ingest stopped however the loop ends.
public enum ScreenSession {
    /// How long a passing message stays on the status bar.
    static let flashNanos: Int64 = 3_000_000_000

    /// Runs until `q` or a signal; returns the last snapshot, for the summary line.
    public static func run(screen: any DashboardScreen, feed: any SnapshotFeed, options: ScreenOptions)
        -> MetricsSnapshot?
    {
        var state = DashboardState(window: options.window)
        state.historyAvailable = options.historyFolder != nil
        state.showHistory = state.historyAvailable
        options.memory?.apply(to: &state)
        var themes = options.themes
        themes.support = ColorSupport(colorCount: screen.colorCount)
        let history = options.historyFolder.map(HistoryBrowser.init)
        var historyViews = HistoryViewCache()
        var snapshot = feed.freshSnapshot(timeoutMs: 200)
        var rate = RateMeter()
        var liveStats = snapshot?.stats
        var flash: (text: String, until: Int64)?
        var plan: FramePlan?
        var drawn: FrameInput?
        var nextRefresh: Int64 = 0
        var dirty = true
        while true {
            let now = WallClock.monotonicNanos()
            if now >= nextRefresh {
                // Ingest goes on while the display is paused: its counters and rate stay live.
                let fresh = feed.freshSnapshot(timeoutMs: 100)
                if !state.paused, let fresh { snapshot = fresh }
                if let latest = fresh ?? feed.latest ?? snapshot {
                    rate.add(accepted: latest.stats.accepted, at: now)
                    liveStats = latest.stats
                }
                history?.rescanIfDue()
                nextRefresh = now + options.refreshNanos
                dirty = true
            }
            if dirty {
                let live = snapshot.map {
                    LiveView(snapshot: $0, window: state.window, typesOf: state.typesTenant)
                } ?? .empty
                let (weeks, selectedWeek) = HistoryViewCache.weeks(offset: state.weekOffset,
                                                                   today: CivilDate(epochSeconds: WallClock.nowSecond()))
                var input = FrameInput(
                    live: live,
                    history: state.showHistory ? history.map { historyViews.view(of: $0, weeks: weeks, selected: selectedWeek) } : nil,
                    state: state, theme: themes.current, inputName: options.inputName, version: options.version,
                    now: WallClock.nowSecond(), ingestRate: rate.perSecond,
                    inputEnded: feed.isFinished && feed.failureText == nil, inputError: feed.failureText,
                    historyFolder: options.historyFolder, notice: themes.problem ?? options.notice)
                input.alerting = options.alerting
                if let current = flash, now < current.until { input.flash = current.text } else { flash = nil }
                if state.paused { input.liveStats = liveStats }
                let size = screen.size
                let framePlan = FramePlan(input, width: size.width, height: size.height)
                // As in htop, a cursor is always on a row: the plan settles it, then it is drawn.
                state.settle(with: framePlan)
                input.state = state
                screen.draw(DashboardRenderer.render(input, plan: framePlan, charset: screen.charset))
                plan = framePlan
                drawn = input
                dirty = false
            }
            let wait = max(0, (nextRefresh - WallClock.monotonicNanos()) / 1_000_000)
            guard let key = screen.readKey(timeoutMs: Int(min(wait, 1000))) else { continue }
            let effects = state.handle(key, plan: plan, today: CivilDate(epochSeconds: WallClock.nowSecond()))
            dirty = true
            if effects.contains(.quit) { break }
            if effects.contains(.resume), let fresh = feed.freshSnapshot(timeoutMs: 200) {
                // The first frame after a pause shows now, not the moment it paused.
                snapshot = fresh
                liveStats = fresh.stats
            }
            if effects.contains(.detail) {
                feed.setDetail(state.tenantView)
                if let fresh = feed.freshSnapshot(timeoutMs: 200) { snapshot = fresh }
            }
            if effects.contains(.window) {
                // Another window needs another snapshot, paused or not (a hopping window is
                // computed by the ingest thread).
                feed.setHopping(state.window.hopping)
                if let fresh = feed.freshSnapshot(timeoutMs: 200) { snapshot = fresh }
            }
            if effects.contains(.export), let plan, let drawn {
                let text: String
                switch options.export.map({ $0(TenantExport(drawn, plan: plan)) }) {
                case .success(let path)?:
                    let n = plan.tenantRows.count
                    text = "wrote \(n) \(n == 1 ? "row" : "rows") to \(path)"
                case .failure(let error)?: text = "export failed: \(error.message)"
                case nil: text = "export is not available here"
                }
                flash = (text, WallClock.monotonicNanos() + Self.flashNanos * 2)
            }
            if effects.contains(.theme) {
                themes.next()
                flash = ("theme \(themes.current.name)", WallClock.monotonicNanos() + Self.flashNanos)
            }
        }
        // The terminal first: the checkpoint saved while ingest stops may take a moment.
        screen.close()
        options.remember?(ScreenMemory(state: state, theme: themes.current.name))
        feed.stopAndWait()
        return feed.latest ?? snapshot
    }
}
