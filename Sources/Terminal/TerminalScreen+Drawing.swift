import Cells
import CNcursesw

extension TerminalScreen {
    /// Shows `grid`: only the cells that changed since the last grid drawn are sent (all of
    /// them after a resize, a suspend, a size change of the grid or `invalidate()`), in runs,
    /// then one `doupdate`. A grid larger than the screen is clipped; a smaller one leaves
    /// the rest blank.
    public func draw(_ grid: CellGrid) {
        guard isOpen else { return }
        let window = eventtop_stdscr()
        let full = needsFullRepaint || previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full {
            werase(window)
            eventtop_force_repaint()
        }
        let width = min(grid.width, size.width), height = min(grid.height, size.height)
        var sent = 0
        var run: [cchar_t] = []
        run.reserveCapacity(width)
        for y in 0..<height {
            var x = 0
            while x < width {
                if !full, let previous, previous[x, y] == grid[x, y] {
                    x += 1
                    continue
                }
                // A changed run: from here (or the wide character this half belongs to) to
                // the next unchanged cell.
                let start = grid[x, y].isContinuation && x > 0 ? x - 1 : x
                var end = x + 1
                while end < width, full || previous.map({ $0[end, y] != grid[end, y] }) ?? true { end += 1 }
                if end < width, grid[end, y].isContinuation { end += 1 }
                run.removeAll(keepingCapacity: true)
                for column in start..<end where !grid[column, y].isContinuation {
                    var cell = grid[column, y]
                    // A wide character cut by the screen's edge is left out.
                    if cell.width == 2 && column + 1 >= width { cell = Cell(" ", width: 1, style: cell.style) }
                    run.append(character(cell))
                }
                // SAFETY: `run` holds `run.count` initialized cchar_t; ncurses copies them.
                _ = run.withUnsafeBufferPointer { buffer in
                    mvwadd_wchnstr(window, Int32(y), Int32(start), buffer.baseAddress, Int32(buffer.count))
                }
                sent += end - start
                x = end
            }
        }
        wnoutrefresh(window)
        doupdate()
        previous = grid
        needsFullRepaint = false
        cellsSentByLastDraw = sent
    }

    /// A cell as ncurses holds it: its character (a base and up to 3 combining marks), its
    /// attributes and its color pair.
    func character(_ cell: Cell) -> cchar_t {
        var attributes: attr_t = 0
        let style = cell.style
        if style.attributes.contains(.bold) { attributes |= attributeBits.bold }
        if style.attributes.contains(.dim) { attributes |= attributeBits.dim }
        if style.attributes.contains(.reverse) { attributes |= attributeBits.reverse }
        if style.attributes.contains(.underline) { attributes |= attributeBits.underline }
        if style.attributes.contains(.italic) { attributes |= attributeBits.italic }
        let pair = pairs.pair(foreground: style.foreground, background: style.background)
        // The character's scalars, at most CCHARW_MAX (5), then a terminating 0.
        var text: (wchar_t, wchar_t, wchar_t, wchar_t, wchar_t, wchar_t) = (0, 0, 0, 0, 0, 0)
        var result = cchar_t()
        // SAFETY: `text` is six contiguous wchar_t, of which at most the first five are set,
        // so the string setcchar reads ends in 0 inside the tuple.
        withUnsafeMutableBytes(of: &text) { raw in
            let characters = raw.bindMemory(to: wchar_t.self)
            var count = 0
            for scalar in cell.character.unicodeScalars where count < 5 {
                characters[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            if count == 0 { characters[0] = 0x20 }
            _ = setcchar(&result, characters.baseAddress, attributes, pair, nil)
        }
        return result
    }
}
