/// Maps a theme's `Color` to the nearest color a terminal can show: pure arithmetic over the
/// xterm palette, so the terminal module only looks the answer up.
extension Color {
    /// The terminal color index to use on a terminal with `colors` colors: -1 for the
    /// terminal's own color, an index below `colors` otherwise, nil when the terminal has no
    /// colors (then only attributes show). `colors` is taken as 256 when at least 256, else 16
    /// when at least 16, else 8 when at least 8, else none.
    public func nearestIndex(colors: Int) -> Int16? {
        let palette: ColorPalette
        switch colors {
        case 256...: palette = .xterm256
        case 16..<256: palette = .ansi16
        case 8..<16: palette = .ansi8
        default: return nil
        }
        switch self {
        case .terminalDefault:
            return -1
        case .indexed(let n) where Int(n) < palette.count:
            return Int16(n)
        case .indexed(let n):
            let (r, g, b) = ColorPalette.xtermRGB(n)
            return Int16(palette.nearest(r, g, b))
        case .rgb(let r, let g, let b):
            return Int16(palette.nearest(r, g, b))
        }
    }
}

/// The palettes a terminal may have, as xterm's default colors.
enum ColorPalette {
    /// 256 colors: matched against the 6×6×6 cube (16–231) and the grays (232–255) only,
    /// whose values all terminals agree on (the first 16 are themed differently everywhere).
    case xterm256
    /// The 8 standard and 8 bright ANSI colors.
    case ansi16
    /// The 8 standard ANSI colors.
    case ansi8

    var count: Int {
        switch self {
        case .xterm256: 256
        case .ansi16: 16
        case .ansi8: 8
        }
    }

    /// xterm's default values of the 16 ANSI colors.
    static let ansi: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The six levels of each channel in the 256-color cube.
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// The RGB value of xterm color `n`.
    static func xtermRGB(_ n: UInt8) -> (UInt8, UInt8, UInt8) {
        switch n {
        case 0..<16:
            return ansi[Int(n)]
        case 16..<232:
            let i = Int(n) - 16
            return (cubeLevels[i / 36], cubeLevels[i / 6 % 6], cubeLevels[i % 6])
        default:
            let v = UInt8(8 + 10 * (Int(n) - 232))
            return (v, v, v)
        }
    }

    /// The index of the palette color nearest to (r, g, b).
    func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        switch self {
        case .xterm256:
            return ColorPalette.nearest(r, g, b, among: 16..<256)
        case .ansi16, .ansi8:
            return ColorPalette.nearest(r, g, b, among: 0..<count)
        }
    }

    /// The first index in `range` whose xterm color is nearest to (r, g, b).
    static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, among range: Range<Int>) -> Int {
        var best = range.lowerBound, bestDistance = Int.max
        for index in range {
            let d = distance((r, g, b), xtermRGB(UInt8(index)))
            if d < bestDistance { (best, bestDistance) = (index, d) }
        }
        return best
    }

    /// Squared distance weighted for the eye ("redmean"): green counts most, red more in
    /// reddish colors, blue more in bluish ones. Scaled by 256.
    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let redMean = (Int(a.0) + Int(b.0)) / 2
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return (512 + redMean) * dr * dr + 1024 * dg * dg + (767 - redMean) * db * db
    }
}
