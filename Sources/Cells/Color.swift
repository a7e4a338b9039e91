/// A color as a theme names it. The terminal maps it to the nearest one it can show.
public enum Color: Sendable, Hashable {
    /// The terminal's own foreground or background.
    case terminalDefault
    /// One of the 256 xterm colors (0–7 standard, 8–15 bright, 16–231 cube, 232–255 grays).
    case indexed(UInt8)
    /// A true color, shown as the nearest color of the terminal's palette.
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes a cell can carry.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let reverse = TextAttributes(rawValue: 4)
    public static let underline = TextAttributes(rawValue: 8)
    public static let italic = TextAttributes(rawValue: 16)
}

/// How a cell is drawn: colors and attributes.
public struct CellStyle: Sendable, Hashable {
    public var foreground: Color
    public var background: Color
    public var attributes: TextAttributes

    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault,
                attributes: TextAttributes = [])
    {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = CellStyle()
}
