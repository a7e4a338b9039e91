// dashboard-bench: the cost of one dashboard frame. Feeds a live engine 1,000 tenants
// (six event types, two minutes of events), then times building the view model and
// rendering the whole screen into a cell grid, frame after frame, at 80×24 and 200×60.
// Prints the median and the 99th percentile per frame.
import Cells
import Dashboard
import Foundation
import EventModel
import History
import Ingest
import Live
import Windows

let tenants = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1000 : 1000
let frames = 300
let path = NSTemporaryDirectory() + "eventtop-dashboard-bench-\(getpid()).ndjson"
defer { unlink(path) }

// Two minutes ending now, every tenant every second, types by a fixed mix.
let now = Int64(Date().timeIntervalSince1970)
var text = ""
let types = ["click", "view", "error", "purchase", "signup", "logout"]
for s in 0..<120 {
    for t in 0..<tenants {
        let count = 1 + (t * 7 + s) % 4
        for k in 0..<count {
            text += "{\"tenant_id\":\"tenant-\(t)\",\"event_type\":\"\(types[(t + s + k) % types.count])\",\"ts\":\(now - 120 + Int64(s)),\"session_id\":\"s\(t)-\(s / 30)\"}\n"
        }
    }
}
_ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
let events = text.utf8.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
text = ""

let config = ProcessorConfig()
let engine = LiveEngine(config: config, maxLineBytes: 1 << 20)
let source = try InputSource(path: path, follow: false)
// The last snapshot also carries one tenant's seconds, for the tenant view.
engine.setDetail("tenant-0")
let snapshot = try engine.runToEnd(source, hopping: nil)
print("input: \(tenants) tenants, \(events) events, \(snapshot.keys.count) keys")

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func ms(_ nanos: UInt64) -> Double { Double(nanos) / 1e6 }

/// One size's frames, outside the main actor (top-level code is main-actor code, whose
/// isolation checks would be measured too).
nonisolated func measure(_ snapshot: MetricsSnapshot, presets: [Int64], width: Int, height: Int, now: Int64,
                         history: HistoryView? = nil, tenantView: String? = nil) {
    let theme = Theme.plainBench
    var state = DashboardState(window: WindowChoice(presets: presets, length: 60))
    state.showHistory = history != nil
    state.tenantView = tenantView
    var times: [Double] = []
    var checksum = 0
    for i in 0..<frames {
        let start = DispatchTime.now().uptimeNanoseconds
        let live = LiveView(snapshot: snapshot, window: state.window, typesOf: state.typesTenant)
        let input = FrameInput(live: live, history: history, state: state, theme: theme, inputName: "bench",
                               version: "bench", now: now, ingestRate: 1000)
        let (grid, facts) = DashboardRenderer.render(input, width: width, height: height, charset: .utf8)
        times.append(ms(DispatchTime.now().uptimeNanoseconds - start))
        checksum &+= grid.cells.count &+ facts.tenantOrder.count
        if i % 50 == 49 { state.sort = SortColumn(rawValue: (state.sort.rawValue + 1) % SortColumn.allCases.count)! }
    }
    let what = (history == nil ? "" : " with history") + (tenantView == nil ? "" : ", tenant view")
    print(String(format: "frame %dx%d%@: median %.3f ms, p99 %.3f ms (view model + render, %d frames, checksum %d)",
                 width, height, what, percentile(times, 0.5), percentile(times, 0.99),
                 frames, checksum))
}

for (width, height) in [(80, 24), (200, 60)] {
    measure(snapshot, presets: config.presets, width: width, height: height, now: now)
}

// The history pane: eight weeks of the same tenants, every date loaded. The screen builds this
// view once the dates have loaded and reuses it; its cost is printed apart.
let thisWeek = CivilDate(epochSeconds: now).weekStart
let weeks = (0..<8).reversed().map { thisWeek.adding(days: -7 * Int64($0)) }
var days: [CivilDate: DayData] = [:]
for week in weeks {
    for d in 0..<7 {
        let date = week.adding(days: Int64(d))
        var counts: [TenantCounts] = []
        for t in 0..<tenants {
            let total = Int64(1000 + t * 7) + date.daysSinceEpoch % 13
            counts.append(TenantCounts(tenant: "tenant-\(t)", totalEvents: total, errorEvents: Int64(t % 50)))
        }
        days[date] = DayData(date: date, tenants: counts)
    }
}
let buildStart = DispatchTime.now().uptimeNanoseconds
let history = HistoryView(weeks: weeks, state: { date -> DayState? in days[date].map { DayState.loaded($0) } },
                          knownDates: days.count)
print(String(format: "history view (56 dates x %d tenants, both reports): %.2f ms once", tenants,
             ms(DispatchTime.now().uptimeNanoseconds - buildStart)))
for (width, height) in [(80, 24), (200, 60)] {
    measure(snapshot, presets: config.presets, width: width, height: height, now: now, history: history)
}
for (width, height) in [(80, 24), (200, 60)] {
    measure(snapshot, presets: config.presets, width: width, height: height, now: now, history: history, tenantView: "tenant-0")
}

extension Theme {
    static let plainBench = Theme(
        name: "bench", base: .plain, header: .plain, status: .plain, border: .plain, title: .plain, focus: .plain,
        columnHeader: .plain, selection: CellStyle(attributes: .reverse), muted: .plain, number: .plain, error: .plain,
        warning: .plain, good: .plain, bar: .plain, sparkline: .plain, errorBar: .plain, key: .plain, overlay: .plain)
}
