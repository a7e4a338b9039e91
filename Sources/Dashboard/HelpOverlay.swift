import Cells

/// The `?` overlay: every key, in a box over the middle of the screen.
enum HelpOverlay {
    static let keys: [(String, String)] = [
        ("q", "quit"),
        ("?", "this help (any key closes it)"),
        ("w / W", "next / previous window"),
        ("1 … 6", "window presets: 10s 30s 1m 5m 15m 1h"),
        ("m", "rolling / hopping windows"),
        ("Tab", "next pane"),
        ("↑ ↓  j k", "select a tenant, scroll"),
        ("PgUp PgDn", "a page up / down"),
        ("Enter", "event types of the selected tenant"),
        ("Esc", "all tenants' types; clear the filter"),
        ("s / r", "sort column / reverse"),
        ("/", "filter tenants (Enter apply, Esc cancel)"),
        ("H", "show / hide the history pane"),
        ("[ / ]", "previous / next week of history"),
        ("space", "pause / resume the display"),
        ("t", "next theme"),
    ]

    static func draw(_ grid: inout CellGrid, theme: Theme) {
        let ascii = grid.charset == .ascii
        let width = min(grid.width - 2, 56)
        let height = min(grid.height - 2, keys.count + 4)
        let rect = Rect(x: (grid.width - width) / 2, y: max(1, (grid.height - height) / 2), width: width, height: height)
        grid.fill(rect, style: theme.overlay)
        var overlayTheme = theme
        overlayTheme.base = theme.overlay
        let inside = Widgets.box(&grid, rect, title: "Keys", focused: true, theme: overlayTheme, right: "eventtop")
        let keyWidth = 11
        for (i, (key, what)) in keys.prefix(max(0, inside.height - 1)).enumerated() {
            let y = inside.y + 1 + i
            let label = ascii ? key.replacingCharacters("↑ ↓", "up dn").replacingCharacters("…", "-") : key
            grid.put(" " + label, x: inside.x, y: y, style: theme.key.on(theme.overlay), maxWidth: keyWidth)
            grid.put(what, x: inside.x + keyWidth + 1, y: y, style: theme.overlay, maxWidth: inside.width - keyWidth - 1)
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
