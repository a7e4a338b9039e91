/// A rectangle on the grid, in cells.
public struct Rect: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }

    /// The rectangle less `n` cells on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
}

/// What a frame is drawn into: `width × height` cells, row by row. Drawing clips to the grid
/// and makes every character safe (see `DisplayText`); tests read it back as lines of text.
public struct CellGrid: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let charset: Charset
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, charset: Charset = .utf8, style: CellStyle = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.charset = charset
        cells = [Cell](repeating: Cell(" ", width: 1, style: style), count: self.width * self.height)
    }

    /// The printable ASCII characters, 0x20…0x7E, made once.
    static let asciiCharacters: [Character] = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
    }

    /// Fills a rectangle (clipped to the grid) with one character and style.
    public mutating func fill(_ rect: Rect, _ character: Character = " ", style: CellStyle) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        let (safe, w) = DisplayText.safeCharacter(character, charset: charset)
        let cell = Cell(w == 1 ? safe : " ", width: 1, style: style)
        for y in y0..<y1 {
            let row = y * width
            // A wide character cut by the rectangle's edge loses its other half too.
            if cells[row + x0].width == 0, x0 > 0 { cells[row + x0 - 1] = Cell(" ", width: 1, style: cells[row + x0 - 1].style) }
            if cells[row + x1 - 1].width == 2, x1 < width { cells[row + x1] = Cell(" ", width: 1, style: cells[row + x1].style) }
            for x in x0..<x1 { cells[row + x] = cell }
        }
    }

    /// Changes the style of a rectangle, keeping its characters.
    public mutating func restyle(_ rect: Rect, _ transform: (inout CellStyle) -> Void) {
        let x0 = max(0, rect.x), x1 = min(width, rect.maxX)
        let y0 = max(0, rect.y), y1 = min(height, rect.maxY)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { transform(&cells[y * width + x].style) }
        }
    }

    /// Draws `text` at (x, y), at most `maxWidth` columns (and never past the grid's edge),
    /// cut with `…` when longer. Returns the columns drawn.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: CellStyle,
                             maxWidth: Int = .max) -> Int
    {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth, width - x)
        guard limit > 0 else { return 0 }
        // Fast path: printable ASCII that fits takes one cell a byte.
        let utf8 = text.utf8
        if utf8.count <= limit, utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var column = x
            for byte in utf8 {
                if column >= 0 { set(column, y, Self.asciiCharacters[Int(byte) - 0x20], 1, style) }
                column += 1
            }
            return column - x
        }
        var column = x
        for (character, w) in DisplayText.fitted(text, columns: limit, charset: charset) {
            if column >= 0 { set(column, y, character, w, style) }
            column += w
        }
        return column - x
    }

    /// Draws one character (made safe) at (x, y); returns its width.
    @discardableResult
    public mutating func put(_ character: Character, x: Int, y: Int, style: CellStyle) -> Int {
        guard y >= 0, y < height, x >= 0, x < width else { return 0 }
        let (safe, w) = DisplayText.safeCharacter(character, charset: charset)
        set(x, y, safe, w, style)
        return w
    }

    private mutating func set(_ x: Int, _ y: Int, _ character: Character, _ w: Int, _ style: CellStyle) {
        let i = y * width + x
        // Overwriting half of a wide character blanks its other half.
        if cells[i].width == 0, x > 0 { cells[i - 1] = Cell(" ", width: 1, style: cells[i - 1].style) }
        if cells[i].width == 2, x + 1 < width { cells[i + 1] = Cell(" ", width: 1, style: cells[i + 1].style) }
        if w == 2 {
            guard x + 1 < width else {
                cells[i] = Cell(" ", width: 1, style: style)
                return
            }
            if cells[i + 1].width == 2, x + 2 < width { cells[i + 2] = Cell(" ", width: 1, style: cells[i + 2].style) }
            cells[i] = Cell(character, width: 2, style: style)
            cells[i + 1] = Cell(" ", width: 0, style: style)
        } else {
            cells[i] = Cell(character, width: 1, style: style)
        }
    }

    /// Row `y` as text (continuations skipped), trailing spaces kept.
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width where !cells[y * width + x].isContinuation {
            text.append(cells[y * width + x].character)
        }
        return text
    }

    /// Every row as text, trailing spaces removed: what a test compares.
    public var lines: [String] {
        (0..<height).map { y in
            var text = line(y)
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    /// The rows joined by newlines, for failure messages.
    public var text: String { lines.joined(separator: "\n") }
}
