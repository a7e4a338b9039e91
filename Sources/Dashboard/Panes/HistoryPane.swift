import Cells
import EventModel
import History

/// The "History" pane: the tenants of the tenant pane (the selected one first), with their
/// weekly error rates around the selected week and its daily error rates, or (`v`) a heatmap of
/// tenants × days. Cells are colored by their distance from the tenant's own baseline (the
/// median of its daily rates in view); dates still loading show `…`, failed dates are listed.
struct HistoryPane {
    let view: HistoryView
    /// The rows in the order shown (FramePlan.historyOrder applied).
    let rows: [HistoryTenantRow]
    let scroll: Int
    let selectedTenant: String?
    var heatmap = false
    var alerting = Alerting.standard

    static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// The pane's title and its right-hand note.
    static func title(_ view: HistoryView, ascii: Bool) -> (String, String) {
        let title = "History \(ascii ? "-" : "·") week \(view.selectedWeek.isoWeekLabel) (\(NumberFormat.weekSpan(view.selectedWeek, ascii: ascii)))"
        if view.loadingDates > 0 {
            return (title, "loading \(view.requestedDates - view.loadingDates)/\(view.requestedDates)")
        }
        return (title, ascii ? "[ ] { } g v" : "[ ] { } g v")
    }

    /// The lines below the tables that name failed dates (and warnings): one, or two in a tall pane.
    static func failureLineCount(_ view: HistoryView, inside: Rect) -> Int {
        min(view.failures.count + view.problems.count + view.warnings.count, inside.height >= 10 ? 2 : 1)
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
            + view.warnings.map { "! warning: \($0)" }
        var failureLines = Array(everything.prefix(Self.failureLineCount(view, inside: inside)))
        if everything.count > failureLines.count {
            failureLines[failureLines.count - 1] += " (+\(everything.count - failureLines.count) more)"
        }
        let tableHeight = inside.height - failureLines.count
        for (i, line) in failureLines.enumerated() {
            grid.put(line, x: inside.x, y: inside.y + tableHeight + i, style: theme.error, maxWidth: inside.width)
        }
        if rows.isEmpty {
            let dates = view.weeks.count * 7
            let message = view.loadingDates > 0 ? (ascii ? "loading..." : "loading…")
                : view.failures.count >= dates ? "all \(dates) dates of these weeks failed to load"
                : view.rows.isEmpty ? "no partitions for these weeks (\(view.knownDates) dates in the folder)"
                : "no tenant of the tenant pane has history in these weeks"
            grid.put(message, x: inside.x, y: inside.y, style: theme.muted, maxWidth: inside.width)
            return
        }
        let nameWidth = min(20, max(11, inside.width / 5))
        if heatmap {
            drawHeatmap(&grid, Rect(x: inside.x, y: inside.y, width: inside.width, height: tableHeight), nameWidth, theme)
        } else if Self.showsBothTables(tableHeight: tableHeight) {
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
        let top = max(0, min(scroll, rows.count - count))
        return rows[top..<min(rows.count, top + max(0, count))]
    }

    private func rowName(_ row: HistoryTenantRow) -> String { row.name ?? "(null)" }

    private func nameStyle(_ row: HistoryTenantRow, _ theme: Theme) -> CellStyle {
        row.name != nil && row.name == selectedTenant ? theme.selection : theme.base
    }

    /// `count` consecutive weeks holding the selected one, as near the middle as the weeks allow.
    private func weekRange(_ count: Int) -> Range<Int> {
        let n = view.weeks.count, fit = max(1, min(n, count))
        let start = max(0, min(n - fit, view.selectedIndex - fit / 2))
        return start..<start + fit
    }

    /// The style of a rate against the tenant's baseline.
    private func style(rate: Double?, events: Int64, row: HistoryTenantRow, _ theme: Theme) -> CellStyle {
        guard let rate else { return theme.muted }
        return TenantPane.levelStyle(alerting.level(events: events, delta: row.baseline.map { rate - $0 }), theme: theme)
    }

    private func drawWeekly(_ grid: inout CellGrid, _ rect: Rect, _ nameWidth: Int, _ theme: Theme,
                            weekTotals: Bool = false)
    {
        let cellWidth = 8
        let totalWidth = weekTotals ? 9 : 0
        let range = weekRange((rect.width - nameWidth - totalWidth) / cellWidth)
        if weekTotals {
            Widgets.putRight(&grid, "EVENTS", x: rect.x + nameWidth + range.count * cellWidth, y: rect.y,
                             width: totalWidth - 1, style: theme.columnHeader)
        }
        grid.put("ERROR RATE", x: rect.x, y: rect.y, style: theme.columnHeader, maxWidth: nameWidth - 1)
        var x = rect.x + nameWidth
        for i in range {
            let week = view.weeks[i]
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
            for w in range where w < row.weekly.count {
                let events = row.week(w).reduce(Int64(0)) { $0 + $1.events }
                var (text, style) = render(row.weekly[w], theme, ascii: grid.charset == .ascii, width: cellWidth - 1)
                if case let .rate(rate, _) = row.weekly[w] { style = self.style(rate: rate, events: events, row: row, theme) }
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

    /// The selected week's daily error rates, and its events.
    private func drawDaily(_ grid: inout CellGrid, _ rect: Rect, _ nameWidth: Int, _ theme: Theme) {
        let columns = 8
        let cellWidth = max(6, min(10, (rect.width - nameWidth) / columns))
        let fit = min(columns, (rect.width - nameWidth) / cellWidth)
        let ascii = grid.charset == .ascii
        grid.put("ERR%/DAY", x: rect.x, y: rect.y, style: theme.columnHeader, maxWidth: nameWidth - 1)
        var x = rect.x + nameWidth
        for label in (Self.dayNames + ["EVENTS"]).prefix(fit) {
            Widgets.putRight(&grid, label, x: x, y: rect.y, width: cellWidth - 1, style: theme.columnHeader)
            x += cellWidth
        }
        for (i, row) in visibleRows(rect.height - 1).enumerated() {
            let y = rect.y + 1 + i
            grid.put(rowName(row), x: rect.x, y: y, style: nameStyle(row, theme), maxWidth: nameWidth - 1)
            var x = rect.x + nameWidth
            let days = Array(row.week(view.selectedIndex))
            for (d, day) in days.prefix(min(7, fit)).enumerated() {
                let (text, style): (String, CellStyle)
                switch day {
                case .loading: (text, style) = (ascii ? "..." : "…", theme.muted)
                case .failed: (text, style) = ("!", theme.error)
                case .empty: (text, style) = (ascii ? "." : "·", theme.muted)
                case .counts:
                    text = NumberFormat.percent(day.rate, ascii: ascii)
                    style = self.style(rate: day.rate, events: day.events, row: row, theme)
                }
                Widgets.putRight(&grid, text, x: x + d * cellWidth, y: y, width: cellWidth - 1, style: style)
            }
            x += 7 * cellWidth
            if fit > 7 {
                let cell: HistoryCell = days.contains(.loading) ? .loading : .events(row.weekEvents)
                let (text, style) = render(cell, theme, ascii: ascii, width: cellWidth - 1)
                Widgets.putRight(&grid, text, x: x, y: y, width: cellWidth - 1, style: style)
            }
        }
    }

    /// Tenants × days: one cell a day, its shade and color its distance from the tenant's
    /// baseline; the weeks that fit, the selected one among them, labelled above.
    private func drawHeatmap(_ grid: inout CellGrid, _ rect: Rect, _ nameWidth: Int, _ theme: Theme) {
        guard rect.height >= 2 else { return }
        let ascii = grid.charset == .ascii
        let weekWidth = 8  // seven days and a gap
        let range = weekRange((rect.width - nameWidth) / weekWidth)
        grid.put("ERR%/DAY", x: rect.x, y: rect.y, style: theme.columnHeader, maxWidth: nameWidth - 1)
        for (k, w) in range.enumerated() {
            let week = view.weeks[w]
            let label = "W" + NumberFormat.two(week.isoWeek.week)
            let selected = week == view.selectedWeek
            grid.put(selected ? "[\(label)]" : label, x: rect.x + nameWidth + k * weekWidth, y: rect.y,
                     style: selected ? theme.columnHeader.adding(.underline) : theme.columnHeader)
        }
        let legend = rect.height >= 5
        let rowsShown = rect.height - 1 - (legend ? 1 : 0)
        for (i, row) in visibleRows(rowsShown).enumerated() {
            let y = rect.y + 1 + i
            grid.put(rowName(row), x: rect.x, y: y, style: nameStyle(row, theme), maxWidth: nameWidth - 1)
            for (k, w) in range.enumerated() {
                for (d, day) in row.week(w).enumerated() {
                    let (mark, style) = heat(day, row: row, theme: theme, ascii: ascii)
                    grid.put(mark, x: rect.x + nameWidth + k * weekWidth + d, y: y, style: style)
                }
            }
        }
        if legend {
            let level = alerting
            let text = ascii
                ? ". near its median  + \(Int(level.warnPoints)) pts above  # \(Int(level.alertPoints)) pts above  , few events  ! failed"
                : "░ near its median  ▓ +\(Int(level.warnPoints)) pts  █ +\(Int(level.alertPoints)) pts  · few events  ! failed"
            grid.put(text, x: rect.x, y: rect.maxY - 1, style: theme.muted, maxWidth: rect.width)
        }
    }

    private func heat(_ day: DayCell, row: HistoryTenantRow, theme: Theme, ascii: Bool) -> (Character, CellStyle) {
        switch day {
        case .loading: return (ascii ? "~" : "…", theme.muted)
        case .failed: return ("!", theme.error)
        case .empty: return (" ", theme.base)
        case .counts:
            guard let rate = day.rate else { return (ascii ? "," : "·", theme.muted) }
            switch alerting.level(events: day.events, delta: row.baseline.map { rate - $0 }) {
            case .quiet: return (ascii ? "," : "·", theme.muted)
            case .normal: return (ascii ? "." : "░", theme.good)
            case .warning: return (ascii ? "+" : "▓", theme.warning)
            case .alert: return (ascii ? "#" : "█", theme.error)
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
