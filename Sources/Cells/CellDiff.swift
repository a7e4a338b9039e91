/// Cells of one row that changed between two frames, in one piece: what a terminal sends.
public struct CellRun: Sendable, Equatable {
    /// The column and row the run starts at.
    public var x: Int
    public var y: Int
    /// Columns the run covers.
    public var width: Int
    /// The cells to write from `x`, a wide character once (its continuation half left out).
    public var cells: [Cell]

    public init(x: Int, y: Int, width: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.width = width
        self.cells = cells
    }
}

extension CellGrid {
    /// The runs of cells that differ from `previous` (every cell of every row when there is no
    /// previous frame or its size differs), clipped to a screen of `width × height`. A run
    /// that starts on the right half of a wide character starts at its left half; one that
    /// ends on a left half takes the right half too, so a terminal never receives half a
    /// character. A wide character cut by the screen's right edge is sent as a space.
    public func diff(from previous: CellGrid?, width screenWidth: Int, height screenHeight: Int) -> [CellRun] {
        let previous = previous.flatMap { $0.width == width && $0.height == height ? $0 : nil }
        let w = min(width, max(0, screenWidth)), h = min(height, max(0, screenHeight))
        func changed(_ x: Int, _ y: Int) -> Bool { previous.map { $0[x, y] != self[x, y] } ?? true }
        var runs: [CellRun] = []
        for y in 0..<h {
            var x = 0
            while x < w {
                guard changed(x, y) else {
                    x += 1
                    continue
                }
                let start = self[x, y].isContinuation && x > 0 ? x - 1 : x
                var end = x + 1
                while end < w, changed(end, y) { end += 1 }
                if end < w, self[end, y].isContinuation { end += 1 }
                var cells: [Cell] = []
                cells.reserveCapacity(end - start)
                for column in start..<end where !self[column, y].isContinuation {
                    let cell = self[column, y]
                    cells.append(cell.width == 2 && column + 1 >= w ? Cell(" ", width: 1, style: cell.style) : cell)
                }
                runs.append(CellRun(x: start, y: y, width: end - start, cells: cells))
                x = end
            }
        }
        return runs
    }
}
