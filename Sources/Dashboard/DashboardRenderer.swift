import Cells

/// Draws a whole frame into a cell grid: header, panes, status bar, help overlay. A pure
/// function of its input and the grid size; the facts it returns feed the key handler.
public enum DashboardRenderer {
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    public static func render(_ input: FrameInput, width: Int, height: Int, charset: Charset) -> (CellGrid, FrameFacts) {
        let theme = input.theme
        var grid = CellGrid(width: width, height: height, charset: charset, style: theme.base)
        var facts = FrameFacts()
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(&grid, theme: theme)
            return (grid, facts)
        }
        let state = input.state
        let sep = charset == .utf8 ? " · " : " - "
        drawHeader(&grid, input, sep: sep)
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        let rows = state.arrange(input.live.tenants)
        facts.tenantOrder = rows.map(\.name)
        facts.typeCount = input.live.types.count
        facts.historyRows = input.history?.rows.count ?? 0

        let showHistory = state.showHistory && input.history != nil
        var areas: [Pane: Rect] = [:]
        if body.height < 14 || width < 60 {
            // One pane at a time: the focused one.
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
            let bottomHeight = max(8, min(body.height * 2 / 5, showHistory ? 22 : input.live.types.count + 2))
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
        facts.visiblePanes = Pane.allCases.filter { areas[$0] != nil }
        facts.paneAreas = areas
        facts.tenantFirstRowY = (areas[.tenants]?.y ?? 0) + 2
        let compact = facts.visiblePanes.count == 1
        let windowLabel = state.window.label

        if let rect = areas[.tenants] {
            var title = "Events per tenant\(sep)last \(windowLabel)"
            if !state.activeFilter.isEmpty { title += "\(sep)filter \"\(state.activeFilter)\"" }
            let noun = input.live.tenants.count == 1 ? "tenant" : "tenants"
            let count = rows.count == input.live.tenants.count ? "\(rows.count) \(noun)" : "\(rows.count) of \(input.live.tenants.count) \(noun)"
            let inside = Widgets.box(&grid, rect, title: title, focused: state.focus == .tenants && !compact, theme: theme,
                                     right: compact ? "Tab: next pane" : count)
            let pane = TenantPane(rows: rows, state: state, windowLabel: windowLabel,
                                  pending: input.live.pending)
            (facts.pageRows, facts.tenantTop) = pane.draw(&grid, inside: inside, theme: theme, focused: state.focus == .tenants)
        }
        if let rect = areas[.types] {
            let whose = state.typesTenant ?? "all tenants"
            let inside = Widgets.box(&grid, rect, title: "Event types\(sep)\(whose)\(sep)last \(windowLabel)",
                                     focused: state.focus == .types && !compact, theme: theme,
                                     right: NumberFormat.count(input.live.typeTotal) + " events")
            let shown = TypePane(types: input.live.types, scroll: state.typeScroll)
                .draw(&grid, inside: inside, theme: theme)
            facts.typeCount = max(1, input.live.types.count - shown + 1)
        }
        if let rect = areas[.history], let history = input.history {
            let (title, note) = HistoryPane.title(history, ascii: charset == .ascii)
            let inside = Widgets.box(&grid, rect, title: title, focused: state.focus == .history && !compact, theme: theme,
                                     right: note)
            let shown = HistoryPane(view: history, scroll: state.historyScroll, selectedTenant: state.selectedTenant)
                .draw(&grid, inside: inside, theme: theme)
            facts.historyRows = max(1, history.rows.count - shown + 1)
        }
        StatusBar.draw(&grid, input, y: height - 1, sep: sep)
        if state.showHelp { HelpOverlay.draw(&grid, theme: theme, presets: state.window.presets) }
        return (grid, facts)
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
                     style: state.paused ? theme.warning.on(theme.header).adding(.bold) : theme.header)
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
