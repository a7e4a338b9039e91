import Cells

/// An area chart in braille dots, as btop draws them: each cell holds 2 × 4 dots, so a chart
/// `width` cells wide shows `2 · width` points and `4 · height` levels. Points are the
/// values bucketed to fit (`peak`: a bucket's largest value, else its mean). Without UTF-8,
/// `#` for a full cell and `.` for a part.
struct BrailleChart {
    var values: [Double]
    /// The value at the top (the largest value when nil).
    var top: Double?
    var peak = false

    /// The points drawn, `count` of them, oldest first.
    func points(_ count: Int) -> [Double] {
        guard count > 0, !values.isEmpty else { return [] }
        return (0..<count).map { i in
            let from = i * values.count / count, to = max(from + 1, (i + 1) * values.count / count)
            let bucket = values[from..<min(values.count, to)]
            return peak ? (bucket.max() ?? 0) : bucket.reduce(0, +) / Double(bucket.count)
        }
    }

    /// The largest value the chart scales to.
    var scale: Double { max(top ?? values.max() ?? 0, 1e-12) }

    func draw(_ grid: inout CellGrid, _ rect: Rect, style: CellStyle) {
        guard rect.width > 0, rect.height > 0, !values.isEmpty else { return }
        let ascii = grid.charset != .utf8
        let points = points(rect.width * (ascii ? 1 : 2))
        let levels = rect.height * (ascii ? 2 : 4)
        let heights = points.map { v -> Int in
            guard v.isFinite, v > 0 else { return 0 }
            return max(1, min(levels, Int((v / scale * Double(levels)).rounded())))
        }
        // Bits of the dots from the bottom row up, left column then right.
        let left: [UInt32] = [0x40, 0x04, 0x02, 0x01], right: [UInt32] = [0x80, 0x20, 0x10, 0x08]
        for column in 0..<rect.width {
            for row in 0..<rect.height {
                let y = rect.maxY - 1 - row
                if ascii {
                    let filled = heights[column] - row * 2
                    if filled > 0 { grid.put(filled >= 2 ? "#" : ".", x: rect.x + column, y: y, style: style) }
                    continue
                }
                var bits: UInt32 = 0
                for (side, dots) in [(0, left), (1, right)] {
                    let filled = min(4, max(0, heights[column * 2 + side] - row * 4))
                    for d in 0..<filled { bits |= dots[d] }
                }
                if bits != 0, let scalar = Unicode.Scalar(0x2800 + bits) {
                    grid.put(Character(scalar), x: rect.x + column, y: y, style: style)
                }
            }
        }
    }
}
