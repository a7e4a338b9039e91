import Cells
import EventModel

/// The panes, in `Tab` order.
public enum Pane: Int, Sendable, CaseIterable {
    case tenants, types, history
}

/// Columns the tenant table sorts by (`s` cycles, `r` reverses).
/// The change in error % is one `s` from the start.
public enum SortColumn: Int, Sendable, CaseIterable {
    case events, delta, errors, errorShare, tenant

    public var label: String {
        switch self {
        case .events: "events"
        case .delta: "Δ error %"
        case .errors: "errors"
        case .errorShare: "error %"
        case .tenant: "tenant"
        }
    }

    /// Its name in the settings and the saved state.
    public var key: String {
        switch self {
        case .events: "events"
        case .delta: "delta"
        case .errors: "errors"
        case .errorShare: "error-share"
        case .tenant: "tenant"
        }
    }
}

/// What a key changed, beyond the state itself: what the app must pass on.
public struct KeyEffects: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let quit = KeyEffects(rawValue: 1)
    /// The window (length or mode) changed: the processor must compute another hopping window.
    public static let window = KeyEffects(rawValue: 2)
    public static let theme = KeyEffects(rawValue: 4)
    /// The week shown in the history pane changed, or the pane was opened.
    public static let history = KeyEffects(rawValue: 8)
    /// The display was paused and goes on: it needs a fresh snapshot.
    public static let resume = KeyEffects(rawValue: 16)
    /// Write the tenant table as shown to a CSV file (`e`).
    public static let export = KeyEffects(rawValue: 32)
    /// The tenant view opened, closed or moved to another tenant: snapshots must carry its detail.
    public static let detail = KeyEffects(rawValue: 64)
}

/// Everything the person at the keyboard has chosen: window, focus, selection, sort, filter,
/// pause, the history week, the help overlay, the theme. Keys change it (`handle`); the
/// frame is drawn from it and the data.
public struct DashboardState: Sendable {
    public var window: WindowChoice
    public var focus: Pane = .tenants
    public var sort: SortColumn = .events
    public var reversed = false
    /// Tenants whose name contains this (case-insensitive).
    public var filter = ""
    /// While `/` is being typed: the text so far, and the filter before it (Esc restores it).
    public var filterDraft: String?
    private var filterBefore = ""
    /// The tenant view is open on this tenant (`Enter`; `Esc` back).
    public var tenantView: String?
    /// Whose event types the distribution shows: the tenant view's tenant, else all tenants.
    public var typesTenant: String? { tenantView }
    public var selectedTenant: String?
    /// Row of the selection in the last frame, kept when the selected tenant disappears.
    public var selectedRow = 0
    public var tenantScroll = 0
    public var typeScroll = 0
    public var historyScroll = 0
    public var paused = false
    public var showHelp = false
    public var showHistory = true
    /// Whether there is a history folder at all (`H`, `[` and `]` do nothing without one).
    public var historyAvailable = true
    /// Weeks back from the current one (0 = this week).
    public var weekOffset = 0
    public var themeIndex = 0
    /// The history pane as tables (weekly and daily error rates) or a tenants × days heatmap (`v`).
    public var historyHeatmap = false
    /// While `g` is being answered: the date typed so far.
    public var dateDraft: String?
    /// A date typed after `g` that could not be read, for the status bar.
    public var dateProblem: String?
    /// Oldest week `[` goes back to.
    public static let maxWeeksBack = 520

    public init(window: WindowChoice) {
        self.window = window
    }

    /// Whether keys go to the filter line.
    public var isEditingFilter: Bool { filterDraft != nil }
    /// The filter in force (the draft while typing, so the table follows each key).
    public var activeFilter: String { filterDraft ?? filter }

    /// Applies a key. `tenantOrder` is the tenant table's rows as last drawn (after filter
    /// and sort), `pageRows` the rows a page holds, `typeCount`/`historyRows` the other
    /// panes' row counts, `historyVisible` whether the layout shows the history pane.
    public mutating func handle(_ key: Key, tenantOrder: [String], pageRows: Int = 10, typeCount: Int = 0,
                                historyRows: Int = 0, layout: FramePlan? = nil, today: CivilDate? = nil) -> KeyEffects
    {
        if case .interrupt = key { return .quit }
        if case .resize = key { return [] }
        if filterDraft != nil { return editFilter(key, tenantOrder: tenantOrder) }
        if dateDraft != nil { return editDate(key, today: today) }
        dateProblem = nil
        if showHelp {
            showHelp = false
            if key == .character("q") { return .quit }
            return []
        }
        switch key {
        case .character("q"), .character("Q"): return .quit
        case .character("?"), .character("h"), .function(1): showHelp = true
        case .character("w"):
            window.next()
            return .window
        case .character("W"):
            window.previous()
            return .window
        case .character(let c) where c.isASCII && ("1"..."9").contains(c):
            return window.choose(Int(String(c))! - 1) ? .window : []
        case .character("m"):
            window.toggleMode()
            return .window
        case .tab: focus = nextPane(after: focus, step: 1)
        case .backTab: focus = nextPane(after: focus, step: -1)
        case .up, .character("k"), .down, .character("j"):
            let step = key == .up || key == .character("k") ? -1 : 1
            if tenantView != nil {
                // In the tenant view the arrows go to the previous or next tenant of the table.
                let saved = focus
                focus = .tenants
                move(step, tenantOrder: tenantOrder, typeCount: typeCount, historyRows: historyRows)
                focus = saved
                guard let selectedTenant, selectedTenant != tenantView else { return [] }
                tenantView = selectedTenant
                return .detail
            }
            move(step, tenantOrder: tenantOrder, typeCount: typeCount, historyRows: historyRows)
        // As in htop, the page keys move in the tenant list whichever pane has the focus (the
        // other panes scroll with the arrows and the wheel): the list is what they are for.
        case .pageUp: moveTenants(-max(1, pageRows), tenantOrder: tenantOrder)
        case .pageDown: moveTenants(max(1, pageRows), tenantOrder: tenantOrder)
        case .home: moveTenants(Int.min / 2, tenantOrder: tenantOrder)
        case .character("g"):
            // A date for the history pane; without history, the top of the list (as Home).
            guard historyAvailable else {
                moveTenants(Int.min / 2, tenantOrder: tenantOrder)
                return []
            }
            dateDraft = ""
        case .character("v"):
            guard historyAvailable else { return [] }
            historyHeatmap.toggle()
            if !showHistory { showHistory = true }
            return .history
        case .character("{"), .character("}"):
            guard historyAvailable else { return [] }
            return moveWeeks(key == .character("{") ? -4 : 4)
        case .end, .character("G"): moveTenants(Int.max / 2, tenantOrder: tenantOrder)
        case .enter:
            if focus == .tenants, tenantView == nil, let selectedTenant {
                tenantView = selectedTenant
                typeScroll = 0
                return .detail
            }
        case .escape:
            if tenantView != nil {
                tenantView = nil
                return .detail
            } else if !filter.isEmpty {
                filter = ""
            }
        case .character("s"):
            sort = SortColumn(rawValue: (sort.rawValue + 1) % SortColumn.allCases.count)!
            reversed = false
            toTop()
        case .character("r"):
            reversed.toggle()
            toTop()
        case .character("/"):
            filterBefore = filter
            filterDraft = filter
        case .character("H"):
            guard historyAvailable else { return [] }
            // The focus stays where it is (Home and PgUp keep acting on the pane they did).
            showHistory.toggle()
            if showHistory { return .history }
            if focus == .history { focus = .tenants }
        case .character("["), .character("]"):
            guard historyAvailable else { return [] }
            return moveWeeks(key == .character("[") ? -1 : 1)
        case .character(" "):
            paused.toggle()
            return paused ? [] : .resume
        case .character("t"):
            themeIndex += 1
            return .theme
        case .character("e"): return .export
        case .mouse where tenantView != nil:
            // The tenant view has no panes to click; the wheel does nothing there either.
            return []
        case .mouse(let x, let y, let button):
            // A click focuses the pane under it and, in the tenant table, selects the row; the
            // wheel scrolls the pane under it.
            guard let layout, let pane = layout.paneAreas.first(where: { $0.value.contains(x: x, y: y) })?.key
            else { return [] }
            focus = pane
            switch button {
            case .left:
                let row = layout.tenantTop + (y - layout.tenantFirstRowY)
                if pane == .tenants, y >= layout.tenantFirstRowY, y < layout.tenantFirstRowY + layout.pageRows,
                   row >= 0, row < tenantOrder.count
                {
                    selectedRow = row
                    selectedTenant = tenantOrder[row]
                }
            case .wheelUp: move(-3, tenantOrder: tenantOrder, typeCount: typeCount, historyRows: historyRows)
            case .wheelDown: move(3, tenantOrder: tenantOrder, typeCount: typeCount, historyRows: historyRows)
            }
        default: break
        }
        return []
    }

    /// Moves the history's selected week, never past this week nor before `maxWeeksBack`.
    private mutating func moveWeeks(_ step: Int) -> KeyEffects {
        let target = max(-Self.maxWeeksBack, min(0, weekOffset + step))
        guard target != weekOffset else { return [] }
        weekOffset = target
        historyScroll = 0
        return .history
    }

    /// Keys while `g` is answered: a date (`2026-10-05`) or an ISO week (`2026-W41`); Enter
    /// goes to its week, Esc cancels.
    private mutating func editDate(_ key: Key, today: CivilDate?) -> KeyEffects {
        switch key {
        case .enter:
            let text = dateDraft ?? ""
            dateDraft = nil
            guard let today, let week = Self.week(of: text) else {
                dateProblem = "not a date: \"\(text)\" (2026-10-05 or 2026-W41)"
                return []
            }
            let weeks = Int((week.daysSinceEpoch - today.weekStart.daysSinceEpoch) / 7)
            guard weeks <= 0 else {
                dateProblem = "\(text) is after this week"
                return []
            }
            weekOffset = max(-Self.maxWeeksBack, weeks)
            historyScroll = 0
            showHistory = true
            return .history
        case .escape: dateDraft = nil
        case .backspace, .delete:
            if dateDraft?.isEmpty == false { dateDraft?.removeLast() }
        case .character(let c) where (c.isASCII && (c.isNumber || c == "-" || c == "W" || c == "w")) && (dateDraft?.count ?? 0) < 10:
            dateDraft?.append(c)
        default: break
        }
        return []
    }

    /// The Monday of the week of `2026-10-05` or `2026-W41`.
    static func week(of text: String) -> CivilDate? {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts[1].hasPrefix("W"), let year = Int64(parts[0]), let week = Int64(parts[1].dropFirst()),
           (1...53).contains(week), (1970...9999).contains(year)
        {
            // ISO week 1 holds January 4th.
            let jan4 = CivilDate(daysSinceEpoch: CivilCalendar.days(year: year, month: 1, day: 4))
            let monday = jan4.weekStart.adding(days: (week - 1) * 7)
            return monday.isoWeek.year == year ? monday : nil
        }
        guard parts.count == 3, let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              (1970...9999).contains(y), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        let date = CivilDate(daysSinceEpoch: CivilCalendar.days(year: y, month: m, day: d))
        guard date.civil == (y, m, d) else { return nil }
        return date.weekStart
    }

    private func nextPane(after pane: Pane, step: Int) -> Pane {
        let order = showHistory && historyAvailable ? Pane.allCases : [.tenants, .types]
        let i = order.firstIndex(of: pane) ?? 0
        return order[(i + step + order.count) % order.count]
    }

    private mutating func move(_ delta: Int, tenantOrder: [String], typeCount: Int, historyRows: Int) {
        switch focus {
        case .tenants:
            guard !tenantOrder.isEmpty else {
                selectedTenant = nil
                return
            }
            let current = selectedTenant.flatMap { tenantOrder.firstIndex(of: $0) } ?? min(selectedRow, tenantOrder.count - 1)
            let row = selectedTenant == nil && delta > 0 && delta < Int.max / 4 ? 0 : clamp(current + delta, tenantOrder.count)
            selectedRow = row
            selectedTenant = tenantOrder[row]
        case .types:
            typeScroll = clamp(typeScroll + delta, max(1, typeCount))
        case .history:
            historyScroll = clamp(historyScroll + delta, max(1, historyRows))
        }
    }

    private func clamp(_ value: Int, _ count: Int) -> Int { max(0, min(count - 1, value)) }

    private mutating func moveTenants(_ delta: Int, tenantOrder: [String]) {
        let saved = focus
        focus = .tenants
        move(delta, tenantOrder: tenantOrder, typeCount: 0, historyRows: 0)
        focus = saved
    }

    private mutating func editFilter(_ key: Key, tenantOrder: [String]) -> KeyEffects {
        switch key {
        case .enter:
            filter = filterDraft ?? ""
            filterDraft = nil
        case .escape:
            filter = filterBefore
            filterDraft = nil
        case .backspace, .delete:
            if filterDraft?.isEmpty == false { filterDraft?.removeLast() }
        case .character(let c):
            // Control characters never enter the filter.
            guard let scalar = c.unicodeScalars.first, scalar.value >= 0x20, scalar.value != 0x7F,
                  (filterDraft?.count ?? 0) < 64
            else { break }
            filterDraft?.append(c)
        default: break
        }
        toTop()
        return []
    }

    /// The selection on the first row, the table scrolled to the top (a new order or filter).
    private mutating func toTop() {
        selectedTenant = nil
        selectedRow = 0
        tenantScroll = 0
    }

    /// The tenant rows in display order: filtered, then sorted (ties by name). By error % or its
    /// change, tenants with fewer than `minEvents` events come after the others.
    public func arrange(_ rows: [TenantRow], minEvents: Int64 = Alerting.standard.minEvents) -> [TenantRow] {
        let needle = activeFilter.lowercased()
        let kept = needle.isEmpty ? rows : rows.filter { $0.name.lowercased().contains(needle) }
        let byName: (TenantRow, TenantRow) -> Bool = { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let sorted: [TenantRow]
        switch sort {
        case .events:
            sorted = kept.sorted { $0.events != $1.events ? $0.events > $1.events : byName($0, $1) }
        case .errors:
            sorted = kept.sorted { $0.errors != $1.errors ? $0.errors > $1.errors : byName($0, $1) }
        case .errorShare, .delta:
            let value: (TenantRow) -> Double = sort == .delta ? { $0.delta ?? -2 } : { $0.errorShare ?? -1 }
            sorted = kept.sorted { a, b in
                let bigA = a.events >= minEvents, bigB = b.events >= minEvents
                if bigA != bigB { return bigA }
                let x = value(a), y = value(b)
                return x != y ? x > y : byName(a, b)
            }
        case .tenant:
            sorted = kept.sorted(by: byName)
        }
        return reversed ? sorted.reversed() : sorted
    }
}
