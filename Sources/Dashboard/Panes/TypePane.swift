import Cells

/// The "Event type distribution" pane: one bar a type with its share, for all tenants or one.
struct TypePane {
    let types: [TypeShare]
    let scroll: Int

    /// Draws into `inside`.
    func draw(_ grid: inout CellGrid, inside: Rect, theme: Theme) {
        guard inside.height >= 1, inside.width >= 8 else { return }
        if types.isEmpty {
            grid.put("no events", x: inside.x, y: inside.y, style: theme.muted, maxWidth: inside.width)
            return
        }
        let nameWidth = min(16, max(5, types.map { DisplayText.width(of: $0.name, charset: grid.charset) }.max()! + 1))
        let countWidth = inside.width >= 40 ? 10 : 0
        let shareWidth = 7
        let barWidth = max(0, inside.width - nameWidth - shareWidth - countWidth)
        let top = max(0, min(scroll, types.count - inside.height))
        for (i, type) in types[top..<min(types.count, top + inside.height)].enumerated() {
            let y = inside.y + i
            grid.put(type.name, x: inside.x, y: y, style: theme.base, maxWidth: nameWidth - 1)
            Widgets.bar(&grid, share: type.share, x: inside.x + nameWidth, y: y, width: barWidth - 1,
                        style: type.isError ? theme.errorBar : theme.bar)
            Widgets.putRight(&grid, NumberFormat.percent(type.share, ascii: grid.charset == .ascii),
                             x: inside.x + nameWidth + barWidth, y: y, width: shareWidth - 1,
                             style: type.isError ? theme.error : theme.number)
            if countWidth > 0 {
                Widgets.putRight(&grid, NumberFormat.count(type.count, width: countWidth - 1),
                                 x: inside.maxX - countWidth + 1, y: y, width: countWidth - 1, style: theme.muted)
            }
        }
    }
}
