import Cells

/// The styles the dashboard draws with, one per role. A theme file (`themes/NAME.theme`,
/// read by `ThemeFile`, found by `ThemeCatalog`) sets them; roles it leaves out keep the
/// default theme's (`Theme.dark`) style, drawn on the file's `base` colors. Every style is
/// complete: a role is drawn as it is, never combined with `base` by the renderer.
public struct Theme: Sendable, Equatable {
    /// The theme's name: its file's name without `.theme` (`nord`), or `dark`/`monochrome`.
    public var name: String
    /// The whole screen's background and text.
    public var base: CellStyle
    /// The header line (program, version, clock).
    public var header: CellStyle
    /// The status bar at the bottom.
    public var status: CellStyle
    /// A pane's frame, and its title (the focused pane's title uses `focus`).
    public var border: CellStyle
    public var title: CellStyle
    public var focus: CellStyle
    /// Column headings of tables.
    public var columnHeader: CellStyle
    /// The selected row.
    public var selection: CellStyle
    /// Secondary text: units, hints, empty states.
    public var muted: CellStyle
    /// Numbers in tables.
    public var number: CellStyle
    /// Error counts and rates above the warning threshold; failures.
    public var error: CellStyle
    /// Rates above the notice threshold; late and dropped counts.
    public var warning: CellStyle
    /// Good states (history loaded, input live).
    public var good: CellStyle
    /// Distribution bars, sparklines, and the bars of the error type.
    public var bar: CellStyle
    public var sparkline: CellStyle
    public var errorBar: CellStyle
    /// Keys in the help overlay and the status bar's hints.
    public var key: CellStyle
    /// The help overlay's box.
    public var overlay: CellStyle

    public init(name: String, base: CellStyle, header: CellStyle, status: CellStyle, border: CellStyle,
                title: CellStyle, focus: CellStyle, columnHeader: CellStyle, selection: CellStyle,
                muted: CellStyle, number: CellStyle, error: CellStyle, warning: CellStyle, good: CellStyle,
                bar: CellStyle, sparkline: CellStyle, errorBar: CellStyle, key: CellStyle, overlay: CellStyle)
    {
        self.name = name
        self.base = base
        self.header = header
        self.status = status
        self.border = border
        self.title = title
        self.focus = focus
        self.columnHeader = columnHeader
        self.selection = selection
        self.muted = muted
        self.number = number
        self.error = error
        self.warning = warning
        self.good = good
        self.bar = bar
        self.sparkline = sparkline
        self.errorBar = errorBar
        self.key = key
        self.overlay = overlay
    }
}
