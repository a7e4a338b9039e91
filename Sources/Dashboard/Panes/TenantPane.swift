import Cells

/// The "Events per tenant" pane: a sortable table with a sparkline of the last 60 seconds.
struct TenantPane {
    let rows: [TenantRow]
    let state: DashboardState
    var alerting = Alerting.standard
    let windowLabel: String
    var pending = false
    /// The first row shown and the rows a page holds, as the frame's plan settled them.
    let top: Int
    let pageRows: Int

    struct Column {
        var title: String
        var width: Int
        var sort: SortColumn?
    }

    /// Columns that fit `width`: the name takes 20–28 columns (more on wide screens), the
    /// sparkline up to 60; when narrow the sparkline goes first, then errors, then events/s.
    static func columns(width: Int) -> (name: Int, numbers: [Column], spark: Int) {
        var numbers = [Column(title: "EVENTS", width: 9, sort: .events), Column(title: "EV/S", width: 8, sort: nil),
                       Column(title: "ERRORS", width: 8, sort: .errors), Column(title: "ERR%", width: 6, sort: .errorShare),
                       Column(title: "ΔERR%", width: 6, sort: .delta)]
        func rest() -> Int { width - numbers.reduce(0) { $0 + $1.width + 1 } }
        if rest() >= 20 + 1 + 10 {
            var name = max(20, min(28, rest() - 1 - 60))
            let spark = min(60, rest() - name - 1)
            name = min(40, rest() - 1 - spark)
            return (name, numbers, spark)
        }
        // Narrow: the error count goes first, then events/s; error % and its change stay.
        if rest() < 10 { numbers.remove(at: 2) }
        if rest() < 8 { numbers.remove(at: 1) }
        return (max(4, rest()), numbers, 0)
    }

    /// Draws into `inside`.
    func draw(_ grid: inout CellGrid, inside: Rect, theme: Theme, focused: Bool) {
        guard inside.height >= 1, inside.width >= 8 else { return }
        let (nameWidth, numbers, spark) = Self.columns(width: inside.width)
        let y0 = inside.y
        let arrow = state.reversed ? (grid.charset == .utf8 ? "▲" : "^") : (grid.charset == .utf8 ? "▼" : "v")
        var x = inside.x
        let nameTitle = state.sort == .tenant ? "TENANT" + arrow : "TENANT"
        grid.put(nameTitle, x: x, y: y0, style: theme.columnHeader, maxWidth: nameWidth)
        x += nameWidth
        for column in numbers {
            let name = column.sort == .delta && grid.charset == .ascii ? "dERR%" : column.title
            let title = column.sort == state.sort ? name + arrow : name
            Widgets.putRight(&grid, title, x: x, y: y0, width: column.width, style: theme.columnHeader)
            x += column.width + 1
        }
        let sparkX = x
        if spark > 0 {
            grid.put(spark >= 60 ? "LAST 60s" : "LAST \(spark)s", x: sparkX, y: y0, style: theme.columnHeader)
        }
        if rows.isEmpty {
            let message = pending ? "computing the \(windowLabel) window…"
                : state.activeFilter.isEmpty ? "no events in the last \(windowLabel)" : "no tenant matches \"\(state.activeFilter)\""
            if inside.height > 1 { grid.put(message, x: inside.x, y: y0 + 1, style: theme.muted, maxWidth: inside.width) }
            return
        }
        let selected = state.selectedTenant.flatMap { name in rows.firstIndex { $0.name == name } }
        let first = min(max(0, top), rows.count)
        for (i, row) in rows[first..<min(rows.count, first + pageRows)].enumerated() {
            let y = y0 + 1 + i
            let isSelected = first + i == selected
            let lineStyle = isSelected ? (focused ? theme.selection : theme.selection.adding(.dim)) : theme.base
            if isSelected { grid.fill(Rect(x: inside.x, y: y, width: inside.width, height: 1), style: lineStyle) }
            // On the selected row everything takes the selection's colors, except errors and
            // warnings, which keep their color on its background.
            func style(_ s: CellStyle) -> CellStyle {
                guard isSelected else { return s }
                guard s == theme.error || s == theme.warning else { return lineStyle }
                // Its color where it reads on the selection; else underlined in the selection's.
                var marked = lineStyle
                marked.attributes.formUnion(s.attributes)
                if Legibility.reads(s.foreground, on: lineStyle.background) {
                    marked.foreground = s.foreground
                } else {
                    marked.attributes.formUnion([.bold, .underline])
                }
                return marked
            }
            grid.put(row.name, x: inside.x, y: y, style: style(theme.base), maxWidth: nameWidth - 1)
            var x = inside.x + nameWidth
            // Red and amber mean off the tenant's baseline; an error count alone is a number.
            let flag = Self.levelStyle(alerting.level(row), theme: theme)
            for column in numbers {
                let text: String
                var s = theme.number
                switch column.sort {
                case .events: text = NumberFormat.count(row.events, width: column.width)
                case nil: text = NumberFormat.rate(row.perSecond, width: column.width)
                case .errors: text = NumberFormat.count(row.errors, width: column.width)
                case .errorShare:
                    text = NumberFormat.percent(row.errorShare, ascii: grid.charset == .ascii)
                    s = flag
                default:
                    text = NumberFormat.points(row.delta, ascii: grid.charset == .ascii)
                    s = flag
                }
                Widgets.putRight(&grid, text, x: x, y: y, width: column.width, style: style(s))
                x += column.width + 1
            }
            if spark > 0 {
                Widgets.sparkline(&grid, row.recent, x: sparkX, y: y, width: spark, style: style(theme.sparkline))
            }
        }
    }

    static func levelStyle(_ level: Alerting.Level, theme: Theme) -> CellStyle {
        switch level {
        case .quiet: theme.muted
        case .normal: theme.number
        case .warning: theme.warning
        case .alert: theme.error
        }
    }

    /// Error shares above 20 % read as errors, above 10 % as warnings.
    static func shareStyle(_ share: Double?, theme: Theme) -> CellStyle {
        guard let share else { return theme.muted }
        if share >= 0.2 { return theme.error }
        if share >= 0.1 { return theme.warning }
        return theme.number
    }
}
