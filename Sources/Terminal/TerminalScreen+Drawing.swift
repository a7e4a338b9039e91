import Cells
import CNcursesw

extension TerminalScreen {
    /// Shows `grid`: only the runs of cells that changed since the last grid drawn are sent
    /// (`CellGrid.diff`; all of them after a resize, a suspend, a size change of the grid or
    /// `invalidate()`), then one `doupdate`. A grid larger than the screen is clipped; a smaller
    /// one leaves the rest blank.
    public func draw(_ grid: CellGrid) {
        guard isOpen else { return }
        let window = eventtop_stdscr()
        let full = needsFullRepaint || previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full {
            werase(window)
            eventtop_force_repaint()
        }
        var sent = 0
        var characters: [cchar_t] = []
        for run in grid.diff(from: full ? nil : previous, width: size.width, height: size.height) {
            characters.removeAll(keepingCapacity: true)
            for cell in run.cells { characters.append(character(cell)) }
            // SAFETY: `characters` holds `characters.count` initialized cchar_t; ncurses copies them.
            _ = characters.withUnsafeBufferPointer { buffer in
                mvwadd_wchnstr(window, Int32(run.y), Int32(run.x), buffer.baseAddress, Int32(buffer.count))
            }
            sent += run.width
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
