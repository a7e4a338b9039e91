import Cells
import EventModel
import History

/// The "History" pane: weekly error rate per tenant across weeks, and daily events per tenant
/// of the selected week; dates still loading show `…`, dates that failed are listed.
struct HistoryPane {
    let view: HistoryView
    let scroll: Int
    let selectedTenant: String?

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// The pane's title and its right-hand note.
    static func title(_ view: HistoryView, ascii: Bool) -> (String, String) {
        let title = "History \(ascii ? "-" : "·") week \(view.selectedWeek.isoWeekLabel) (\(NumberFormat.weekSpan(view.selectedWeek, ascii: ascii)))"
        if view.loadingDates > 0 {
            return (title, "loading \(view.requestedDates - view.loadingDates)/\(view.requestedDates)")
        }
        return (title, "[ ] week")
    }

    /// The lines below the tables that name failed dates: one, or two in a tall pane.
    static func failureLineCount(_ view: HistoryView, inside: Rect) -> Int {
        min(view.failures.count + view.problems.count, inside.height >= 10 ? 2 : 1)
    }

    /// Whether both tables fit (else the weekly one alone, with the selected week's events).
    static func showsBothTables(tableHeight: Int) -> Bool { tableHeight >= 7 }

    /// The tenant rows each table shows at once in `inside` (for the scroll's limit).
    static func rowsShown(_ view: HistoryView, inside: Rect) -> Int {
        guard inside.height >= 1, inside.width >= 10, view.folderError == nil, !view.rows.isEmpty else { return 1 }
        let tableHeight = inside.height - failureLineCount(view, inside: inside)
        if showsBothTables(tableHeight: tableHeight) { return max(1, tableHeight - (tableHeight + 1) / 2 - 1) }
        return tableHeight >= 2 ? tableHeight - 1 : 1
    }

    /// Draws into `inside`.
    func draw(_ grid: inout CellGrid, inside: Rect, theme: Theme) {
        guard inside.height >= 1, inside.width >= 10 else { return }
        let ascii = grid.charset == .ascii
        if let error = view.folderError {
            grid.put("no history: \(error)", x: inside.x, y: inside.y, style: theme.muted, maxWidth: inside.width)
            return
        }
        let everything = view.failures.map { "! \($0.date): \($0.message)" } + view.problems.map { "! \($0)" }
        var failureLines = Array(everything.prefix(Self.failureLineCount(view, inside: inside)))
        if everything.count > failureLines.count {
            failureLines[failureLines.count - 1] += " (+\(everything.count - failureLines.count) more)"
        }
        let tableHeight = inside.height - failureLines.count
        for (i, line) in failureLines.enumerated() {
            grid.put(line, x: inside.x, y: inside.y + tableHeight + i, style: theme.error, maxWidth: inside.width)
        }
        if view.rows.isEmpty {
            let dates = view.weeks.count * 7
            let message = view.loadingDates > 0 ? (ascii ? "loading..." : "loading…")
                : view.failures.count >= dates ? "all \(dates) dates of these weeks failed to load"
                : "no partitions for these weeks (\(view.knownDates) dates in the folder)"
            grid.put(message,
                     x: inside.x, y: inside.y, style: theme.muted, maxWidth: inside.width)
            return
        }
        let nameWidth = min(20, max(11, inside.width / 5))
        // Both tables when there is room, else the daily one.
        if Self.showsBothTables(tableHeight: tableHeight) {
            let weeklyHeight = (tableHeight + 1) / 2
            drawWeekly(&grid, Rect(x: inside.x, y: inside.y, width: inside.width, height: weeklyHeight), nameWidth, theme)
            drawDaily(&grid, Rect(x: inside.x, y: inside.y + weeklyHeight, width: inside.width,
                                  height: tableHeight - weeklyHeight), nameWidth, theme)
        } else if tableHeight >= 2 {
            // Short: the weekly error rates, with the selected week's events at the end.
            drawWeekly(&grid, Rect(x: inside.x, y: inside.y, width: inside.width, height: tableHeight), nameWidth, theme,
                       weekTotals: true)
        }
    }

    /// Rows `scroll…` that fit `count` lines.
    private func visibleRows(_ count: Int) -> ArraySlice<HistoryTenantRow> {
        let top = max(0, min(scroll, view.rows.count - count))
        return view.rows[top..<min(view.rows.count, top + max(0, count))]
    }

    private func rowName(_ row: HistoryTenantRow) -> String { row.name ?? "(null)" }

    private func nameStyle(_ row: HistoryTenantRow, _ theme: Theme) -> CellStyle {
        row.name != nil && row.name == selectedTenant ? theme.selection : theme.base
    }

    private func drawWeekly(_ grid: inout CellGrid, _ rect: Rect, _ nameWidth: Int, _ theme: Theme,
                            weekTotals: Bool = false)
    {
        let cellWidth = 8
        let totalWidth = weekTotals ? 9 : 0
        let fit = max(1, min(view.weeks.count, (rect.width - nameWidth - totalWidth) / cellWidth))
        if weekTotals {
            Widgets.putRight(&grid, "EVENTS", x: rect.x + nameWidth + fit * cellWidth, y: rect.y, width: totalWidth - 1,
                             style: theme.columnHeader)
        }
        let weeks = view.weeks.suffix(fit)
        grid.put("ERROR RATE", x: rect.x, y: rect.y, style: theme.columnHeader, maxWidth: nameWidth - 1)
        var x = rect.x + nameWidth
        for week in weeks {
            let label = "W" + NumberFormat.two(week.isoWeek.week)
            let selected = week == view.selectedWeek
            Widgets.putRight(&grid, selected ? "[\(label)]" : label, x: x, y: rect.y, width: cellWidth - 1,
                             style: selected ? theme.columnHeader.adding(.underline) : theme.columnHeader)
            x += cellWidth
        }
        for (i, row) in visibleRows(rect.height - 1).enumerated() {
            let y = rect.y + 1 + i
            grid.put(rowName(row), x: rect.x, y: y, style: nameStyle(row, theme), maxWidth: nameWidth - 1)
            var x = rect.x + nameWidth
            for cell in row.weekly.suffix(fit) {
                let (text, style) = render(cell, theme, ascii: grid.charset == .ascii, width: cellWidth - 1)
                Widgets.putRight(&grid, text, x: x, y: y, width: cellWidth - 1, style: style)
                x += cellWidth
            }
            if weekTotals {
                let cell: HistoryCell = row.daily.contains(.loading) ? .loading : .events(row.weekEvents)
                let (text, style) = render(cell, theme, ascii: grid.charset == .ascii, width: totalWidth - 1)
                Widgets.putRight(&grid, text, x: x, y: y, width: totalWidth - 1, style: style)
            }
        }
    }

    private func drawDaily(_ grid: inout CellGrid, _ rect: Rect, _ nameWidth: Int, _ theme: Theme) {
        let columns = 8
        let cellWidth = max(5, min(10, (rect.width - nameWidth) / columns))
        let fit = min(columns, (rect.width - nameWidth) / cellWidth)
        grid.put("EVENTS/DAY", x: rect.x, y: rect.y, style: theme.columnHeader, maxWidth: nameWidth - 1)
        var x = rect.x + nameWidth
        for label in (Self.dayNames + ["WEEK"]).prefix(fit) {
            Widgets.putRight(&grid, label, x: x, y: rect.y, width: cellWidth - 1, style: theme.columnHeader)
            x += cellWidth
        }
        for (i, row) in visibleRows(rect.height - 1).enumerated() {
            let y = rect.y + 1 + i
            grid.put(rowName(row), x: rect.x, y: y, style: nameStyle(row, theme), maxWidth: nameWidth - 1)
            var x = rect.x + nameWidth
            let loading = row.daily.contains(.loading)
            let cells = row.daily + [loading ? .loading : .events(row.weekEvents)]
            for cell in cells.prefix(fit) {
                let (text, style) = render(cell, theme, ascii: grid.charset == .ascii, width: cellWidth - 1)
                Widgets.putRight(&grid, text, x: x, y: y, width: cellWidth - 1, style: style)
                x += cellWidth
            }
        }
    }

    private func render(_ cell: HistoryCell, _ theme: Theme, ascii: Bool, width: Int) -> (String, CellStyle) {
        switch cell {
        case .loading: return (ascii ? "..." : "…", theme.muted)
        case .empty: return (ascii ? "." : "·", theme.muted)
        case .events(let n): return (n.map { NumberFormat.count($0, width: width) } ?? "null", theme.number)
        case .rate(let rate, let partial):
            let text = NumberFormat.percent(rate, ascii: ascii) + (partial ? "!" : "")
            return (text, TenantPane.shareStyle(rate, theme: theme))
        }
    }
}
