import Cells

/// Drawing pieces shared by the panes: frames, bars, sparklines, aligned text.
enum Widgets {
    /// A frame around `rect` with a title on its top edge; returns the inside.
    @discardableResult
    /// The cells inside a box's frame (none when the box has no room).
    static func inside(_ rect: Rect) -> Rect {
        rect.width >= 2 && rect.height >= 2 ? rect.inset(1) : Rect(x: rect.x, y: rect.y, width: 0, height: 0)
    }

    static func box(_ grid: inout CellGrid, _ rect: Rect, title: String, focused: Bool, theme: Theme,
                    right: String = "") -> Rect
    {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let utf8 = grid.charset == .utf8
        let h: Character = utf8 ? "─" : "-", v: Character = utf8 ? "│" : "|"
        let corners: [Character] = utf8 ? ["┌", "┐", "└", "┘"] : ["+", "+", "+", "+"]
        let border = focused ? theme.focus : theme.border
        grid.fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), h, style: border)
        grid.fill(Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1), h, style: border)
        grid.fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), v, style: border)
        grid.fill(Rect(x: rect.maxX - 1, y: rect.y + 1, width: 1, height: rect.height - 2), v, style: border)
        grid.put(corners[0], x: rect.x, y: rect.y, style: border)
        grid.put(corners[1], x: rect.maxX - 1, y: rect.y, style: border)
        grid.put(corners[2], x: rect.x, y: rect.maxY - 1, style: border)
        grid.put(corners[3], x: rect.maxX - 1, y: rect.maxY - 1, style: border)
        let inside = inside(rect)
        grid.fill(inside, style: theme.base)
        var used = 0
        if rect.width > 4 {
            used = grid.put(" \(title) ", x: rect.x + 1, y: rect.y, style: focused ? theme.focus.adding(.bold) : theme.title,
                            maxWidth: rect.width - 2)
        }
        if !right.isEmpty {
            let w = DisplayText.width(of: right, charset: grid.charset) + 2
            let room = rect.width - 3 - used
            if w <= room { grid.put(" \(right) ", x: rect.maxX - 1 - w, y: rect.y, style: theme.muted) }
        }
        return inside
    }

    /// Text right-aligned in `width` columns ending before `x + width`.
    static func putRight(_ grid: inout CellGrid, _ text: String, x: Int, y: Int, width: Int, style: CellStyle) {
        let w = DisplayText.width(of: text, charset: grid.charset)
        grid.put(text, x: x + max(0, width - w), y: y, style: style, maxWidth: width)
    }

    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// A horizontal bar of `share` (0…1) of `width` columns, in eighths of a cell (UTF-8) or `#`.
    static func bar(_ grid: inout CellGrid, share: Double, x: Int, y: Int, width: Int, style: CellStyle) {
        guard width > 0, share.isFinite, share > 0 else { return }
        let utf8 = grid.charset == .utf8
        let units = Int((min(1, share) * Double(width * 8)).rounded())
        let full = units / 8, rest = units % 8
        if full > 0 { grid.fill(Rect(x: x, y: y, width: full, height: 1), utf8 ? "█" : "#", style: style) }
        if rest > 0 && full < width { grid.put(utf8 ? eighths[rest - 1] : (rest >= 4 ? "#" : "|"), x: x + full, y: y, style: style) }
        if units == 0 { grid.put(utf8 ? "▏" : "|", x: x, y: y, style: style) }
    }

    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = [".", ",", ":", "-", "=", "+", "*", "#"]

    /// The last `width` values as a sparkline scaled to their largest; zero seconds blank.
    static func sparkline(_ grid: inout CellGrid, _ values: ArraySlice<UInt32>, x: Int, y: Int, width: Int, style: CellStyle) {
        guard width > 0, !values.isEmpty else { return }
        let shown = values.suffix(width)
        let top = shown.max() ?? 0
        guard top > 0 else { return }
        let chars = grid.charset == .utf8 ? levels : asciiLevels
        var column = x + width - shown.count
        for v in shown {
            if v > 0 {
                let level = min(7, Int((Double(v) / Double(top) * 7).rounded()))
                grid.put(chars[max(0, level)], x: column, y: y, style: style)
            }
            column += 1
        }
    }
}

extension CellStyle {
    func adding(_ attributes: TextAttributes) -> CellStyle {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }

    /// This style's text on another style's background (selection rows keep column colors).
    func on(_ other: CellStyle, muted: Bool = false) -> CellStyle {
        var copy = self
        copy.background = other.background
        copy.attributes.formUnion(other.attributes)
        if other.attributes.contains(.reverse) {
            copy = other
        } else if other.foreground != .terminalDefault && other.background == .terminalDefault {
            copy.foreground = other.foreground
        }
        // A color that does not read on that background (amber on a light status bar, red on a
        // cyan selection) gives way to the background's own text, bold and underlined.
        if !Legibility.reads(copy.foreground, on: copy.background, least: muted ? Legibility.muted : Legibility.text) {
            copy.foreground = other.foreground
            if !muted { copy.attributes.formUnion([.bold, .underline]) }
        }
        return copy
    }
}
