import Cells
import EventModel

/// Draws a whole frame into a cell grid: header, panes, status bar, help overlay. A pure
/// function of its input and its plan (`FramePlan`): it changes nothing but the grid.
public enum DashboardRenderer {
    public static let minimumWidth = FramePlan.minimumWidth
    public static let minimumHeight = FramePlan.minimumHeight

    /// Plans and draws a frame whose state takes the plan's cursor and scroll: what the screen
    /// shows for `input` at this size.
    public static func render(_ input: FrameInput, width: Int, height: Int, charset: Charset) -> (CellGrid, FramePlan) {
        let plan = FramePlan(input, width: width, height: height)
        var settled = input
        settled.state.settle(with: plan)
        return (render(settled, plan: plan, charset: charset), plan)
    }

    /// Draws `input` as `plan` lays it out (`input.state` settled with that plan).
    public static func render(_ input: FrameInput, plan: FramePlan, charset: Charset) -> CellGrid {
        let theme = input.theme
        var grid = CellGrid(width: plan.width, height: plan.height, charset: charset, style: theme.base)
        guard !plan.tooSmall else {
            drawTooSmall(&grid, theme: theme)
            return grid
        }
        let state = input.state
        let sep = charset == .utf8 ? " · " : " - "
        drawHeader(&grid, input, sep: sep)
        if let tenant = state.tenantView {
            TenantView(input: input, tenant: tenant).draw(&grid, Rect(x: 0, y: 1, width: plan.width, height: plan.height - 2),
                                                          sep: sep)
            StatusBar.draw(&grid, input, y: plan.height - 1, sep: sep)
            if state.showHelp { HelpOverlay.draw(&grid, theme: theme, presets: state.window.presets) }
            return grid
        }
        let areas = plan.paneAreas
        let compact = plan.isCompact
        let windowLabel = state.window.label
        let rows = plan.tenantRows

        if let rect = areas[.tenants] {
            var title = "Events per tenant\(sep)last \(windowLabel)"
            if input.live.isYoung {
                // Rates divide by the time covered; the title says when that is not the window.
                title += " (\(DurationParsing.format(input.live.coveredSeconds)) so far)"
            }
            if !state.activeFilter.isEmpty { title += "\(sep)filter \"\(state.activeFilter)\"" }
            let count = Self.position(top: plan.tenantTop, pageRows: plan.pageRows, shown: rows.count,
                                      all: input.live.tenants.count, ascii: charset == .ascii)
            let inside = Widgets.box(&grid, rect, title: title, focused: state.focus == .tenants && !compact, theme: theme,
                                     right: compact ? "Tab: next pane" : count)
            TenantPane(rows: rows, state: state, alerting: input.alerting, windowLabel: windowLabel,
                       pending: input.live.pending, top: plan.tenantTop, pageRows: plan.pageRows)
                .draw(&grid, inside: inside, theme: theme, focused: state.focus == .tenants)
        }
        if let rect = areas[.types] {
            let whose = state.typesTenant ?? "all tenants"
            // The longest title that fits beside its note, then without the note.
            let note = NumberFormat.count(input.live.typeTotal) + " events"
            let titles = ["Event types\(sep)\(whose)\(sep)last \(windowLabel)",
                          "Types\(sep)\(whose)\(sep)\(DurationParsing.format(state.window.length))", "Types\(sep)\(whose)"]
            let room = rect.width - 6
            func width(_ text: String) -> Int { DisplayText.width(of: text, charset: charset) }
            let title = titles.first { width($0) + width(note) + 3 <= room } ?? titles.first { width($0) <= room } ?? titles[2]
            let inside = Widgets.box(&grid, rect, title: title, focused: state.focus == .types && !compact, theme: theme,
                                     right: width(title) + width(note) + 3 <= room ? note : "")
            TypePane(types: input.live.types, scroll: state.typeScroll).draw(&grid, inside: inside, theme: theme)
        }
        if let rect = areas[.history], let history = input.history {
            let (title, note) = HistoryPane.title(history, ascii: charset == .ascii)
            let inside = Widgets.box(&grid, rect, title: title, focused: state.focus == .history && !compact, theme: theme,
                                     right: note)
            HistoryPane(view: history, rows: plan.historyOrder.map { history.rows[$0] }, scroll: state.historyScroll,
                        selectedTenant: state.selectedTenant, heatmap: state.historyHeatmap, alerting: input.alerting)
                .draw(&grid, inside: inside, theme: theme)
        }
        StatusBar.draw(&grid, input, y: plan.height - 1, sep: sep)
        if state.showHelp { HelpOverlay.draw(&grid, theme: theme, presets: state.window.presets) }
        return grid
    }

    /// Where the tenant table is: `rows 21–40 of 1,000`, `rows 1–3 of 3 (of 1,000 tenants)` when
    /// filtered, `no tenants`.
    static func position(top: Int, pageRows: Int, shown: Int, all: Int, ascii: Bool) -> String {
        guard shown > 0 else { return all == 0 ? "no tenants" : "0 of \(NumberFormat.count(Int64(all))) tenants" }
        let first = min(top, shown - 1) + 1
        let last = min(shown, top + pageRows)
        var text = "rows \(NumberFormat.count(Int64(first)))\(ascii ? "-" : "–")\(NumberFormat.count(Int64(last))) of \(NumberFormat.count(Int64(shown)))"
        if shown != all { text += " (of \(NumberFormat.count(Int64(all))))" }
        return text
    }

    static func drawHeader(_ grid: inout CellGrid, _ input: FrameInput, sep: String) {
        let theme = input.theme
        let state = input.state
        grid.fill(Rect(x: 0, y: 0, width: grid.width, height: 1), style: theme.header)
        var right = NumberFormat.clock(input.now) + " UTC  ? help "
        if state.paused { right = "PAUSED  " + right }
        let rightWidth = DisplayText.width(of: right, charset: grid.charset)
        var x = grid.put(" eventtop \(input.version)", x: 0, y: 0, style: theme.header.adding(.bold),
                         maxWidth: grid.width - rightWidth - 1)
        var parts = [input.inputName, "window \(state.window.label)",
                     "sort \(state.sort.label)\(state.reversed ? " (reversed)" : "")"]
        if let tenant = state.typesTenant { parts.append("types of \(tenant)") }
        if grid.width - x - rightWidth - 1 >= 12 {
            x += grid.put(sep + parts.joined(separator: sep), x: x, y: 0, style: theme.header,
                          maxWidth: grid.width - x - rightWidth - 1)
        }
        if x + rightWidth <= grid.width {
            grid.put(right, x: grid.width - rightWidth, y: 0,
                     style: state.paused ? theme.header.adding([.bold, .reverse]) : theme.header)
        }
    }

    static func drawTooSmall(_ grid: inout CellGrid, theme: Theme) {
        let lines = ["eventtop: terminal too small", "\(grid.width)x\(grid.height); needs \(minimumWidth)x\(minimumHeight)", "q quits"]
        let top = max(0, (grid.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let w = DisplayText.width(of: line, charset: grid.charset)
            grid.put(line, x: max(0, (grid.width - w) / 2), y: top + i, style: i == 0 ? theme.warning : theme.muted)
        }
    }
}
