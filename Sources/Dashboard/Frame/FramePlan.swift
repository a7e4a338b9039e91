import Cells
import EventModel

/// Everything about one frame that is decided before it is drawn, from the data, the state and
/// the size: which panes show and where, the tenant rows in display order, how many rows each
/// pane holds, and where the cursor and the tenant table's scroll settle. Keys and the mouse
/// read the plan of the frame on screen. Drawing only reads; the session stores the settled
/// cursor and scroll in the state (`DashboardState.settle(with:)`) before it draws, so data
/// flows one way: view model → plan → cells, never from a drawn frame back into the state.
public struct FramePlan: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Below 40×10 the frame only says so.
    public var tooSmall = false
    /// Panes the layout shows, in `Tab` order, and where.
    public var visiblePanes: [Pane] = []
    public var paneAreas: [Pane: Rect] = [:]
    /// The tenant rows in the order shown (after filter and sort).
    public var tenantRows: [TenantRow] = []
    public var tenantOrder: [String] = []
    /// Tenant rows a page holds.
    public var pageRows = 10
    /// The first tenant row shown: the scroll, moved only as far as the selection needs.
    public var tenantTop = 0
    /// The screen row of the tenant table's first data row.
    public var tenantFirstRowY = 0
    /// Where the cursor settles: the selected tenant while it is listed, else the tenant on
    /// the row it was on (the first row at start), as in htop.
    public var selectedTenant: String?
    /// Scroll positions of the type and history panes (rows less the rows shown, plus one).
    public var typeCount = 0
    public var historyRows = 0
    /// The history pane's rows in the order shown, as indexes into the view's rows: the selected
    /// tenant, the tenant pane's other tenants in its order, then (no filter) the rest.
    public var historyOrder: [Int] = []

    /// One pane at a time (small screens).
    public var isCompact: Bool { visiblePanes.count == 1 }

    public static let minimumWidth = 40
    public static let minimumHeight = 10

    public init(_ input: FrameInput, width: Int, height: Int) {
        self.width = width
        self.height = height
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            tooSmall = true
            return
        }
        let state = input.state
        tenantRows = state.arrange(Self.baselined(input.live.tenants, history: input.history),
                                   minEvents: input.alerting.minEvents)
        tenantOrder = tenantRows.map(\.name)
        typeCount = input.live.types.count
        historyRows = input.history?.rows.count ?? 0
        paneAreas = Self.layout(input, width: width, height: height)
        visiblePanes = Pane.allCases.filter { paneAreas[$0] != nil }
        tenantFirstRowY = (paneAreas[.tenants]?.y ?? 0) + 2

        selectedTenant = state.selectedTenant
        if !tenantOrder.isEmpty, selectedTenant.map({ !tenantOrder.contains($0) }) ?? true {
            selectedTenant = tenantOrder[min(state.selectedRow, tenantOrder.count - 1)]
        }
        if let rect = paneAreas[.tenants] {
            let inside = Widgets.inside(rect)
            pageRows = inside.height >= 1 && inside.width >= 8 ? max(1, inside.height - 1) : 1
            if !tenantRows.isEmpty {
                let selected = selectedTenant.flatMap { name in tenantOrder.firstIndex(of: name) }
                var top = max(0, min(state.tenantScroll, tenantRows.count - pageRows))
                if let selected {
                    if selected < top { top = selected }
                    if selected >= top + pageRows { top = selected - pageRows + 1 }
                }
                tenantTop = top
            }
        }
        if let rect = paneAreas[.types] {
            let inside = Widgets.inside(rect)
            let shown = inside.height >= 1 && inside.width >= 8 ? inside.height : 1
            typeCount = max(1, input.live.types.count - shown + 1)
        }
        if let history = input.history {
            historyOrder = Self.historyOrder(history, selected: selectedTenant, tenantOrder: tenantOrder,
                                             filter: state.activeFilter)
        }
        if let rect = paneAreas[.history], let history = input.history {
            let shown = HistoryPane.rowsShown(history, inside: Widgets.inside(rect))
            historyRows = max(1, historyOrder.count - shown + 1)
        }
    }

    /// Tenants whose last hour holds nothing beyond the window take their median daily error
    /// rate over the history weeks in view as their baseline, when the history has one.
    static func baselined(_ rows: [TenantRow], history: HistoryView?) -> [TenantRow] {
        guard let history, !history.rows.isEmpty, rows.contains(where: { $0.baselineShare == nil }) else { return rows }
        var medians: [String: Double] = [:]
        for row in history.rows { if let name = row.name, let baseline = row.baseline { medians[name] = baseline } }
        return rows.map { row in
            guard row.baselineShare == nil, let median = medians[row.name], let share = row.errorShare else { return row }
            var copy = row
            copy.baselineShare = median
            copy.delta = share - median
            copy.baselineFromHistory = true
            return copy
        }
    }

    static func historyOrder(_ history: HistoryView, selected: String?, tenantOrder: [String], filter: String) -> [Int] {
        var index: [String: Int] = [:]
        for (i, row) in history.rows.enumerated() { if let name = row.name { index[name] = i } }
        var out: [Int] = []
        var taken = Set<Int>()
        func add(_ i: Int) { if taken.insert(i).inserted { out.append(i) } }
        if let selected, let i = index[selected] { add(i) }
        for name in tenantOrder { if let i = index[name] { add(i) } }
        let needle = filter.lowercased()
        for i in history.rows.indices where needle.isEmpty || (history.rows[i].name?.lowercased().contains(needle) ?? false) {
            add(i)
        }
        return out
    }

    /// The panes' rectangles: one pane at a time (the focused one) below 60×16; the history
    /// pane beside the others from 150 columns; else tenants above types (and history).
    static func layout(_ input: FrameInput, width: Int, height: Int) -> [Pane: Rect] {
        let state = input.state
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        let showHistory = state.showHistory && input.history != nil
        var areas: [Pane: Rect] = [:]
        if body.height < 14 || width < 60 {
            let pane = state.focus == .history && !showHistory ? .tenants : state.focus
            areas[pane] = body
        } else if width >= 150 && showHistory {
            let columns = body.split(.horizontal, [.fill(1), .percentage(42)])
            let typeHeight = min(input.live.types.count + 2, columns[0].height * 2 / 5)
            let left = columns[0].split(.vertical, [.min(6), .length(max(4, typeHeight))])
            areas[.tenants] = left[0]
            areas[.types] = left[1]
            areas[.history] = columns[1]
        } else {
            // The tenant pane gets its rows first: on short screens the others make do with less.
            let wanted = max(8, min(body.height * 2 / 5, showHistory ? 22 : input.live.types.count + 2))
            let bottomHeight = min(wanted, body.height - max(8, body.height / 2))
            let parts = body.split(.vertical, [.min(6), .length(bottomHeight)])
            areas[.tenants] = parts[0]
            if showHistory {
                let bottom = parts[1].split(.horizontal, [.percentage(40), .fill(1)])
                areas[.types] = bottom[0]
                areas[.history] = bottom[1]
            } else {
                areas[.types] = parts[1]
            }
        }
        return areas
    }
}

extension DashboardState {
    /// Takes the cursor and the tenant table's scroll where the plan settled them.
    public mutating func settle(with plan: FramePlan) {
        guard !plan.tooSmall else { return }
        selectedTenant = plan.selectedTenant
        tenantScroll = plan.tenantTop
    }

    /// Applies a key with what it needs from the frame on screen (nil before the first frame).
    public mutating func handle(_ key: Key, plan: FramePlan?, today: CivilDate? = nil) -> KeyEffects {
        guard let plan else { return handle(key, tenantOrder: [], today: today) }
        return handle(key, tenantOrder: plan.tenantOrder, pageRows: plan.pageRows, typeCount: plan.typeCount,
                      historyRows: plan.historyRows, layout: plan, today: today)
    }
}
