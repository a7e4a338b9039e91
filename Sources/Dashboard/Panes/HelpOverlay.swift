import Cells
import EventModel
import Windows

/// The `?` overlay: every key, in a box over the middle of the screen; in two columns when
/// the screen is wide and short, with a note when even that does not hold them all.
enum HelpOverlay {
    static func keys(presets: [Int64]) -> [(String, String)] {
        let count = min(9, presets.count)
        let names = presets.prefix(count).map { DurationParsing.format($0) }.joined(separator: " ")
        // Most needed first: a small screen shows the first few (Tab is the only way between panes there).
        return [
            ("q / ?", "quit / this help (any key closes it)"),
            ("Tab", "next pane"),
            ("↑ ↓  j k", "select a tenant, scroll"),
            ("Enter", "event types of the selected tenant"),
            ("Esc", "all tenants' types; clear the filter"),
            ("w / W", "next / previous window"),
            (count > 1 ? "1 … \(count)" : "1", "windows: \(names)"),
            ("m", "rolling / hopping windows"),
            ("s / r", "sort column / reverse"),
            ("/", "filter tenants (Enter apply, Esc cancel)"),
            ("PgUp PgDn", "a page of tenants (Home End: ends)"),
            ("H / v", "history: show, hide / tables, heatmap"),
            ("[ ] { }", "history: one week, four weeks back/on"),
            ("g", "history: go to the week of a date"),
            ("space", "pause / resume the display"),
            ("e", "export the tenant table to CSV"),
            ("t", "next theme"),
            ("mouse", "click: select a tenant; wheel: scroll"),
        ]
    }

    static func draw(_ grid: inout CellGrid, theme: Theme, presets: [Int64]) {
        let ascii = grid.charset == .ascii
        let keys = keys(presets: presets)
        let columnWidth = 56
        let rowsNeeded = keys.count + 2
        let twoColumns = grid.height - 2 < rowsNeeded && grid.width - 2 >= 2 * columnWidth
        let perColumn = twoColumns ? (keys.count + 1) / 2 : keys.count
        let width = min(grid.width - 2, twoColumns ? 2 * columnWidth : columnWidth)
        let height = min(grid.height - 2, perColumn + 4)
        let rect = Rect(x: (grid.width - width) / 2, y: max(1, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect, style: theme.overlay)
        var overlayTheme = theme
        overlayTheme.base = theme.overlay
        let inside = Widgets.box(&grid, rect, title: "Keys", focused: true, theme: overlayTheme, right: "eventtop")
        let keyWidth = 11
        let rows = max(0, inside.height - 1)
        let columns = twoColumns ? 2 : 1
        let shown = min(keys.count, rows * columns)
        // When they do not all fit, the last line says so.
        let fits = shown == keys.count
        let drawn = fits ? shown : max(0, shown - 1)
        let cellWidth = inside.width / columns
        for (i, (key, what)) in keys.prefix(drawn).enumerated() {
            let x = inside.x + (i / max(1, rows)) * cellWidth
            let y = inside.y + 1 + i % max(1, rows)
            let label = ascii ? key.replacingCharacters("↑ ↓", "up dn").replacingCharacters("…", "-") : key
            grid.put(" " + label, x: x, y: y, style: theme.key.on(theme.overlay), maxWidth: keyWidth)
            grid.put(what, x: x + keyWidth + 1, y: y, style: theme.overlay, maxWidth: cellWidth - keyWidth - 2)
        }
        if !fits && rows > 0 {
            let note = " \(keys.count - drawn) more keys: a taller terminal shows them"
            grid.put(note, x: inside.x, y: inside.y + rows, style: theme.muted.on(theme.overlay, muted: true), maxWidth: inside.width)
        }
    }
}

extension String {
    func replacingCharacters(_ target: String, _ replacement: String) -> String {
        var out = ""
        var rest = self[...]
        while let range = rest.range(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
