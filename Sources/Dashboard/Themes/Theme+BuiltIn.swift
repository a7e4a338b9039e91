import Cells

extension Theme {
    /// The default theme, for a dark terminal on its own background, in the terminal's 16
    /// colors so it follows the user's palette. `themes/dark.theme` holds the same styles
    /// (a test keeps the two equal), so eventtop works without any theme file.
    public static let dark = Theme(
        name: "dark",
        base: style(),
        header: style(.brightWhite, on: .blue, .bold),
        status: style(.black, on: .white),
        border: style(.gray),
        title: style(.bold),
        focus: style(.brightCyan, .bold),
        columnHeader: style([.bold, .underline]),
        selection: style(.black, on: .cyan),
        muted: style(.gray),
        number: style(),
        error: style(.brightRed, .bold),
        warning: style(.yellow),
        good: style(.green),
        bar: style(.cyan),
        sparkline: style(.cyan),
        errorBar: style(.red),
        key: style(.brightYellow, .bold),
        overlay: style()
    )

    /// No colors at all, only attributes: for `NO_COLOR` and terminals without colors.
    /// `themes/monochrome.theme` holds the same styles.
    public static let monochrome = Theme(
        name: "monochrome",
        base: style(),
        header: style([.reverse, .bold]),
        status: style(.reverse),
        border: style(.dim),
        title: style(.bold),
        focus: style([.bold, .underline]),
        columnHeader: style(.underline),
        selection: style(.reverse),
        muted: style(.dim),
        number: style(),
        error: style(.bold),
        warning: style(.underline),
        good: style(),
        bar: style(),
        sparkline: style(),
        errorBar: style(.bold),
        key: style(.bold),
        overlay: style()
    )
}

private func style(_ foreground: Color = .terminalDefault, on background: Color = .terminalDefault,
                   _ attributes: TextAttributes = []) -> CellStyle
{
    CellStyle(foreground: foreground, background: background, attributes: attributes)
}

private func style(_ attributes: TextAttributes) -> CellStyle {
    CellStyle(attributes: attributes)
}

private extension Color {
    static let black = Color.indexed(0)
    static let red = Color.indexed(1)
    static let green = Color.indexed(2)
    static let yellow = Color.indexed(3)
    static let blue = Color.indexed(4)
    static let cyan = Color.indexed(6)
    static let white = Color.indexed(7)
    static let gray = Color.indexed(8)
    static let brightRed = Color.indexed(9)
    static let brightYellow = Color.indexed(11)
    static let brightCyan = Color.indexed(14)
    static let brightWhite = Color.indexed(15)
}
