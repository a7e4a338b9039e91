import Cells

/// Color pairs allocated on demand: a (foreground, background) pair of terminal color indexes
/// gets the next free pair number the first time a style uses it. When the terminal's pairs
/// run out, a style gets the existing pair nearest to it (same foreground, else same
/// background, else pair 0, the terminal's own colors).
struct ColorPairs {
    /// 0, 8, 16 or 256 (see `Color.nearestIndex(colors:)`).
    let colors: Int
    /// Whether -1 (the terminal's own color) may be used (`use_default_colors` succeeded).
    let defaultColors: Bool
    /// Pair numbers available: 1..<limit.
    let limit: Int
    /// Defines a pair number as (foreground, background); false when the terminal refused.
    let define: (Int16, Int16, Int16) -> Bool

    private var byColors: [ColorKey: Int16] = [:]
    private var byIndexes: [IndexKey: Int16] = [:]
    private var next: Int = 1

    private struct ColorKey: Hashable {
        var foreground: Color
        var background: Color
    }

    private struct IndexKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    init(colors: Int, defaultColors: Bool, pairs: Int, define: @escaping (Int16, Int16, Int16) -> Bool) {
        self.colors = colors
        self.defaultColors = defaultColors
        limit = min(max(pairs, 0), Int(Int16.max))
        self.define = define
    }

    /// The pair number for these colors (0 when the terminal has no colors).
    mutating func pair(foreground: Color, background: Color) -> Int16 {
        guard colors > 0 else { return 0 }
        let key = ColorKey(foreground: foreground, background: background)
        if let pair = byColors[key] { return pair }
        let pair = pair(indexes: IndexKey(foreground: index(foreground, isBackground: false),
                                          background: index(background, isBackground: true)))
        byColors[key] = pair
        return pair
    }

    private func index(_ color: Color, isBackground: Bool) -> Int16 {
        let index = color.nearestIndex(colors: colors) ?? -1
        if index >= 0 || defaultColors { return index }
        // Without default colors: white on black, as most terminals start.
        return isBackground ? 0 : 7
    }

    private mutating func pair(indexes key: IndexKey) -> Int16 {
        if let pair = byIndexes[key] { return pair }
        if key.foreground == -1 && key.background == -1 { return 0 }
        if next < limit, define(Int16(next), key.foreground, key.background) {
            let pair = Int16(next)
            next += 1
            byIndexes[key] = pair
            return pair
        }
        // Out of pairs: the nearest one there is, from now on.
        let nearest = byIndexes.first(where: { $0.key.foreground == key.foreground })?.value
            ?? byIndexes.first(where: { $0.key.background == key.background })?.value ?? 0
        byIndexes[key] = nearest
        return nearest
    }
}
