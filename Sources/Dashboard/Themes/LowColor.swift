import Cells

/// Colors brought down to the 8 or 16 ANSI colors. Nearest-by-distance turns most palette
/// colors (Nord's frost, Solarized's yellow) into white or gray; here a color keeps its hue
/// (red, yellow, green, cyan, blue, magenta) unless it is grayish, very dark or very light.
enum LowColor {
    /// A style in `colors` (8 or 16) colors that still shows its text.
    static func legible(_ style: CellStyle, colors: Int) -> CellStyle {
        var result = style
        let (foreground, dimmed) = reduceForeground(style.foreground, colors: colors)
        let background = reduce(style.background, colors: colors)
        result.foreground = foreground
        result.background = background
        if dimmed { result.attributes.insert(.dim) }
        if foreground != .terminalDefault && foreground == background {
            result.foreground = contrasting(background, colors: colors)
        } else if foreground == .indexed(0) && background == .terminalDefault {
            result.foreground = .terminalDefault
        }
        return result
    }

    /// A foreground color, and whether to dim it: on 8 colors a mid gray can only be white.
    static func reduceForeground(_ color: Color, colors: Int) -> (Color, Bool) {
        let reduced = reduce(color, colors: colors)
        guard colors < 16, reduced == .indexed(7), let (r, g, b) = rgb(color) else { return (reduced, false) }
        let lightness = (max(r, g, b) + min(r, g, b)) / 2
        return (reduced, lightness < 136)
    }

    /// Black or white, whichever shows on `background`.
    static func contrasting(_ background: Color, colors: Int) -> Color {
        let dark: Set<Color> = [.indexed(0), .indexed(1), .indexed(4), .indexed(5), .indexed(8)]
        return dark.contains(background) ? .indexed(colors >= 16 ? 15 : 7) : .indexed(0)
    }

    /// The color among the first `colors` (8 or 16) closest in hue and lightness.
    static func reduce(_ color: Color, colors: Int) -> Color {
        if case let .indexed(index) = color, Int(index) < colors { return color }
        guard let (r, g, b) = rgb(color) else { return color }
        let high = max(r, g, b), low = min(r, g, b), chroma = high - low
        let lightness = (high + low) / 2
        if high < 80 { return .indexed(0) }
        // Grays, and pale tints (gruvbox's beige text) that would otherwise turn yellow or cyan.
        if chroma < 48 || lightness > 235 || (lightness > 190 && chroma < 80) {
            if colors < 16 { return .indexed(lightness < 64 ? 0 : 7) }
            switch lightness {
            case ..<48: return .indexed(0)
            case ..<120: return .indexed(8)
            case ..<200: return .indexed(7)
            default: return .indexed(15)
            }
        }
        // Hue in degrees, then the nearest of red 0°, yellow 60°, green 120°, cyan 180°,
        // blue 240°, magenta 300°.
        let c = Double(chroma)
        var hue: Double
        if high == r {
            hue = 60 * (Double(g - b) / c)
        } else if high == g {
            hue = 60 * (Double(b - r) / c + 2)
        } else {
            hue = 60 * (Double(r - g) / c + 4)
        }
        if hue < 0 { hue += 360 }
        let sector = Int((hue + 30) / 60) % 6
        let ansi: [UInt8] = [1, 3, 2, 6, 4, 5]
        let bright: UInt8 = colors >= 16 && (high >= 230 || lightness >= 150) ? 8 : 0
        return .indexed(ansi[sector] + bright)
    }

    /// The red, green and blue of a color as xterm shows it; nil for the terminal's own.
    static func rgb(_ color: Color) -> (Int, Int, Int)? {
        switch color {
        case .terminalDefault:
            return nil
        case let .rgb(r, g, b):
            return (Int(r), Int(g), Int(b))
        case let .indexed(index):
            let i = Int(index)
            if i < 16 { return standard[i] }
            if i >= 232 {
                let level = 8 + 10 * (i - 232)
                return (level, level, level)
            }
            let cube = [0, 95, 135, 175, 215, 255]
            let n = i - 16
            return (cube[n / 36], cube[n / 6 % 6], cube[n % 6])
        }
    }

    /// xterm's default 16 colors.
    static let standard: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
