import Cells
import Foundation

/// Contrast on terminals of 8 or 16 colors. Bringing a theme's colors down by hue keeps their
/// meaning but not always their legibility: yellow on white, blue on black, red on cyan. Each
/// role's text is checked against the backgrounds it is drawn on (WCAG contrast, xterm's
/// palette) and, when too faint, moved to the nearest color by hue that reads.
enum Legibility {
    /// Least contrast of text: most roles, muted text, and graphics (borders, bars).
    static let text = 3.0
    static let muted = 2.0
    static let graphics = 1.5

    static func least(_ role: ThemeRole) -> Double {
        switch role {
        case .muted: muted
        case .border, .bar, .sparkline, .errorBar: graphics
        default: text
        }
    }

    /// The theme (already brought down to `colors`) with every role's text legible on its grounds.
    static func repaired(_ theme: Theme, colors: Int) -> Theme {
        var out = theme
        for role in ThemeRole.allCases {
            let style = theme[role]
            // Its own background (a role drawn on another pane's is checked there: `CellStyle.on`).
            let backgrounds = [background(of: style, theme: theme)]
            let need = least(role)
            let original = theme[role].foreground
            func worst(_ color: Color) -> Double {
                backgrounds.map { contrast(resolve(color, foregroundOf: theme), resolve($0, backgroundOf: theme)) }.min() ?? 21
            }
            guard worst(original) < need else { continue }
            // Keep the role apart from plain text where it means something.
            let plain = resolve(theme.base.foreground, foregroundOf: theme)
            let distinct: Set<ThemeRole> = [.error, .warning, .good, .key, .focus]
            // Warnings and errors stay apart from each other too.
            let taken: [(Int, Int, Int)] = role == .warning ? [resolve(out.error.foreground, foregroundOf: theme)]
                : role == .error ? [resolve(out.warning.foreground, foregroundOf: theme)] : []
            let candidates = (0..<colors).map { Color.indexed(UInt8($0)) }
                .filter { c in
                    let rgb = resolve(c, foregroundOf: theme)
                    return !(distinct.contains(role) && rgb == plain) && !taken.contains { $0 == rgb }
                }
                .sorted { closeness($0, to: original) < closeness($1, to: original) }
            if let better = candidates.first(where: { worst($0) >= need }) {
                out[role].foreground = better
            } else if let best = candidates.max(by: { worst($0) < worst($1) }) {
                out[role].foreground = best
            }
        }
        return out
    }

    /// Whether text of `foreground` reads on `background` (colors the terminal decides are
    /// taken to read).
    static func reads(_ foreground: Color, on background: Color, least: Double = text) -> Bool {
        guard let fg = LowColor.rgb(foreground), let bg = LowColor.rgb(background) else { return true }
        return contrast(fg, bg) >= least
    }

    /// A style's background, the base's when it has none.
    static func background(of style: CellStyle, theme: Theme) -> Color {
        style.background != .terminalDefault ? style.background : theme.base.background
    }

    /// The terminal's own colors are taken as a dark terminal's (light gray on black) unless the
    /// theme's base says what they are.
    static func resolve(_ color: Color, foregroundOf theme: Theme) -> (Int, Int, Int) {
        if let rgb = LowColor.rgb(color) { return rgb }
        return LowColor.rgb(theme.base.foreground) ?? (229, 229, 229)
    }

    static func resolve(_ color: Color, backgroundOf theme: Theme) -> (Int, Int, Int) {
        if let rgb = LowColor.rgb(color) { return rgb }
        return LowColor.rgb(theme.base.background) ?? (0, 0, 0)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    static func contrast(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }

    static func luminance(_ c: (Int, Int, Int)) -> Double {
        func channel(_ v: Int) -> Double {
            let s = Double(v) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
    }

    /// How far a candidate is from the original: hue first (gray last for a hued color), then lightness.
    static func closeness(_ candidate: Color, to original: Color) -> Double {
        guard let a = LowColor.rgb(original), let b = LowColor.rgb(candidate) else { return 1000 }
        func hsl(_ c: (Int, Int, Int)) -> (hue: Double?, lightness: Double) {
            let high = max(c.0, c.1, c.2), low = min(c.0, c.1, c.2), chroma = Double(high - low)
            let lightness = Double(high + low) / 2
            guard chroma >= 48 else { return (nil, lightness) }
            var hue: Double
            if high == c.0 { hue = 60 * (Double(c.1 - c.2) / chroma) } else if high == c.1 {
                hue = 60 * (Double(c.2 - c.0) / chroma + 2)
            } else { hue = 60 * (Double(c.0 - c.1) / chroma + 4) }
            if hue < 0 { hue += 360 }
            return (hue, lightness)
        }
        let x = hsl(a), y = hsl(b)
        let lightness = abs(x.lightness - y.lightness) / 255
        switch (x.hue, y.hue) {
        case let (h1?, h2?):
            let d = abs(h1 - h2)
            return min(d, 360 - d) / 60 + lightness
        case (nil, nil): return lightness
        default: return 4 + lightness
        }
    }
}
