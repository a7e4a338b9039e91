/// One column of the screen: a grapheme and its style. A character two columns wide takes
/// its cell and the next one, which is a continuation (`width == 0`) that draws nothing.
public struct Cell: Sendable, Equatable {
    public var character: Character
    /// 1 for most characters, 2 for wide ones, 0 for the right half of a wide character.
    public var width: UInt8
    public var style: CellStyle

    public init(_ character: Character = " ", width: UInt8 = 1, style: CellStyle = .plain) {
        self.character = character
        self.width = width
        self.style = style
    }

    public static let blank = Cell()
    public var isContinuation: Bool { width == 0 }
}
