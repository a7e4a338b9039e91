import Cells
import EventModel

/// The tenant view (`Enter` on a tenant, `Esc` back): its numbers in the window, braille charts
/// of its events/s and error % over the last hour second by second, its event types, and its
/// daily error rate across the history weeks in view.
struct TenantView {
    let input: FrameInput
    let tenant: String

    func draw(_ grid: inout CellGrid, _ body: Rect, sep: String) {
        let theme = input.theme
        let compact = body.height < 16 || body.width < 60
        let inside = Widgets.box(&grid, body, title: "Tenant \(tenant)\(sep)last \(input.state.window.label)",
                                 focused: true, theme: theme, right: "Esc: back")
        guard inside.height >= 3, inside.width >= 20 else { return }
        drawSummary(&grid, Rect(x: inside.x, y: inside.y, width: inside.width, height: 1), sep: sep)
        var rest = Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: inside.height - 2)
        let bottomHeight = compact ? 0 : max(6, rest.height / 3)
        let chartsHeight = rest.height - bottomHeight
        if let detail = input.live.detail, detail.tenant == tenant {
            // The second still filling is left out of the charts.
            let events = detail.events.dropLast().map(Double.init)
            let errors = detail.errors.dropLast().map(Double.init)
            let shares = zip(errors, events).map { $1 > 0 ? $0 / $1 * 100 : 0 }
            let halves = Rect(x: rest.x, y: rest.y, width: rest.width, height: chartsHeight)
                .split(.vertical, [.fill(3), .fill(2)])
            chart(&grid, halves[0], title: "events/s, mean per column", values: events, peak: false, style: theme.sparkline,
                  unit: { NumberFormat.rate($0, width: 8) }, seconds: events.count)
            chart(&grid, halves[1], title: "error %, highest per column", values: shares, peak: true,
                  style: theme.errorBar, unit: { NumberFormat.percent($0 / 100) }, seconds: shares.count)
        } else {
            grid.put("collecting this tenant's seconds…", x: rest.x, y: rest.y, style: theme.muted, maxWidth: rest.width)
        }
        guard bottomHeight > 0 else { return }
        rest = Rect(x: rest.x, y: rest.y + chartsHeight, width: rest.width, height: bottomHeight)
        let columns = rest.split(.horizontal, [.percentage(45), .fill(1)], spacing: 1)
        let typesBox = Widgets.box(&grid, columns[0], title: "Event types", focused: false, theme: theme,
                                   right: NumberFormat.count(input.live.typeTotal) + " events")
        TypePane(types: input.live.types, scroll: 0).draw(&grid, inside: typesBox, theme: theme)
        drawDays(&grid, columns[1])
    }

    private func drawSummary(_ grid: inout CellGrid, _ rect: Rect, sep: String) {
        let theme = input.theme
        let rows = FramePlan.baselined(input.live.tenants.filter { $0.name == tenant }, history: input.history)
        guard let row = rows.first else {
            grid.put("no events of \(tenant) in the last \(input.state.window.label)", x: rect.x, y: rect.y, style: theme.muted,
                     maxWidth: rect.width)
            return
        }
        let level = input.alerting.level(row)
        var parts = ["\(NumberFormat.count(row.events)) events", "\(NumberFormat.rate(row.perSecond, width: 9)) ev/s",
                     "\(NumberFormat.count(row.errors)) errors"]
        var x = grid.put(parts.joined(separator: sep) + sep, x: rect.x, y: rect.y, style: theme.number, maxWidth: rect.width)
        x += grid.put(NumberFormat.percent(row.errorShare, ascii: grid.charset == .ascii) + " errors",
                      x: rect.x + x, y: rect.y, style: TenantPane.levelStyle(level, theme: theme), maxWidth: rect.width - x)
        parts = []
        if let base = row.baselineShare {
            let span = row.baselineFromHistory ? "its median day of the history weeks" : "the last \(input.live.baselineLabel ?? "hour")"
            parts.append("baseline \(NumberFormat.percent(base)) over \(span) (\(NumberFormat.points(row.delta)) pts)")
        }
        if level == .quiet { parts.append("fewer than \(input.alerting.minEvents) events: not flagged") }
        if !parts.isEmpty {
            grid.put(sep + parts.joined(separator: sep), x: rect.x + x, y: rect.y, style: theme.muted, maxWidth: rect.width - x)
        }
    }

    /// A boxed braille chart with its scale on the left and its time axis below.
    private func chart(_ grid: inout CellGrid, _ rect: Rect, title: String, values: [Double], peak: Bool,
                       style: CellStyle, unit: (Double) -> String, seconds: Int)
    {
        let theme = input.theme
        // The chart spans the detail's seconds and the one still filling (left out).
        let span = Int64(seconds + 1)
        let inside = Widgets.box(&grid, rect, title: title, focused: false, theme: theme,
                                 right: "last \(DurationParsing.format(span))")
        guard inside.height >= 2, inside.width >= 16 else { return }
        let axis = 9
        let plot = Rect(x: inside.x + axis, y: inside.y, width: inside.width - axis, height: inside.height - 1)
        let chart = BrailleChart(values: values, peak: peak)
        let shown = chart.points(plot.width * (grid.charset == .utf8 ? 2 : 1))
        let scale = max(shown.max() ?? 0, peak ? 0.1 : 1)
        Widgets.putRight(&grid, unit(scale), x: inside.x, y: plot.y, width: axis - 1, style: theme.muted)
        Widgets.putRight(&grid, unit(0), x: inside.x, y: plot.maxY - 1, width: axis - 1, style: theme.muted)
        BrailleChart(values: values, top: scale, peak: peak).draw(&grid, plot, style: style)
        // Time below: the start, the middle and now.
        let y = inside.maxY - 1
        grid.put("-" + DurationParsing.format(span), x: plot.x, y: y, style: theme.muted)
        let middle = "-" + DurationParsing.format(span / 2)
        grid.put(middle, x: plot.x + plot.width / 2 - middle.count / 2, y: y, style: theme.muted)
        Widgets.putRight(&grid, "now", x: plot.x, y: y, width: plot.width, style: theme.muted)
    }

    /// The tenant's daily error rates over the history weeks in view, a bar a day.
    private func drawDays(_ grid: inout CellGrid, _ rect: Rect) {
        let theme = input.theme
        guard let history = input.history else {
            let inside = Widgets.box(&grid, rect, title: "Daily error rate", focused: false, theme: theme)
            grid.put("no history folder", x: inside.x, y: inside.y, style: theme.muted, maxWidth: inside.width)
            return
        }
        let first = history.weeks.first.map { "W" + NumberFormat.two($0.isoWeek.week) } ?? ""
        let last = history.weeks.last.map { "W" + NumberFormat.two($0.isoWeek.week) } ?? ""
        let inside = Widgets.box(&grid, rect, title: "Daily error rate\(grid.charset == .utf8 ? " · " : " - ")\(first)–\(last)",
                                 focused: false, theme: theme)
        guard inside.height >= 3, inside.width >= 10 else { return }
        guard let row = history.rows.first(where: { $0.name == tenant }) else {
            let message = history.loadingDates > 0 ? "loading…" : "no history for \(tenant) in these weeks"
            grid.put(message, x: inside.x, y: inside.y, style: theme.muted, maxWidth: inside.width)
            return
        }
        let rates = row.days.map { $0.rate }
        let highest = max(rates.compactMap { $0 }.max() ?? 0, 0.001)
        let label = "max \(NumberFormat.percent(highest))  median \(NumberFormat.percent(row.baseline))"
        grid.put(label, x: inside.x, y: inside.y, style: theme.muted, maxWidth: inside.width)
        let plot = Rect(x: inside.x, y: inside.y + 1, width: inside.width, height: inside.height - 2)
        // The days that fit, the latest last; one column a day.
        let days = Array(row.days.suffix(plot.width))
        let offset = plot.width - days.count
        let eighths: [Character] = grid.charset == .utf8 ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
            : [" ", ".", ".", ":", ":", "|", "|", "#", "#"]
        for (i, day) in days.enumerated() {
            let x = plot.x + offset + i
            guard let rate = day.rate else {
                let mark: Character = day == .loading ? "…" : day == .failed ? "!" : " "
                grid.put(mark, x: x, y: plot.maxY - 1, style: day == .failed ? theme.error : theme.muted)
                continue
            }
            let style = TenantPane.levelStyle(input.alerting.level(events: day.events, delta: row.baseline.map { rate - $0 }),
                                              theme: theme)
            var units = Int((rate / highest * Double(plot.height * 8)).rounded())
            if rate > 0 { units = max(1, units) }
            for r in 0..<plot.height where units > r * 8 {
                grid.put(eighths[min(8, units - r * 8)], x: x, y: plot.maxY - 1 - r, style: style)
            }
        }
        let weeks = history.weeks.count
        grid.put("\(weeks) weeks, a column a day", x: inside.x, y: inside.maxY - 1, style: theme.muted, maxWidth: inside.width)
    }
}
