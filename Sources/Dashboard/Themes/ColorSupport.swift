import Cells

/// How many colors the terminal shows, as far as a theme cares (ncurses' `COLORS`).
public enum ColorSupport: Sendable, Equatable {
    /// No colors: attributes only.
    case none
    /// The 8 ANSI colors.
    case ansi8
    /// The 8 ANSI colors and their bright variants.
    case ansi16
    /// 256 colors or more: the terminal maps each color to the nearest it has.
    case full

    public init(colorCount: Int) {
        switch colorCount {
        case ..<8: self = .none
        case ..<16: self = .ansi8
        case ..<256: self = .ansi16
        default: self = .full
        }
    }
}

extension Theme {
    /// The theme as this terminal can show it, still legible:
    /// - `.none`: colors dropped; each role keeps its attributes and gains those of
    ///   `Theme.monochrome`'s role, so the roles colors told apart stay apart (the selection
    ///   is always reversed, errors bold, muted text dim).
    /// - `.ansi8`, `.ansi16`: every color becomes one of the terminal's by hue and lightness
    ///   (`LowColor`), so `#RRGGBB` themes keep their meaning (errors red, warnings yellow)
    ///   instead of fading to the nearest gray. Then, per role, a foreground equal to its
    ///   background becomes black or white, whichever shows; black on the terminal's own
    ///   background becomes the terminal's own foreground (which a dark terminal shows);
    ///   a gray that became white on 8 colors is dimmed; and a role whose text is too faint on
    ///   the backgrounds it is drawn on takes the nearest color by hue that reads (`Legibility`).
    /// - `.full`: unchanged.
    public func adapted(to support: ColorSupport) -> Theme {
        var theme = self
        for role in ThemeRole.allCases {
            switch support {
            case .none:
                theme[role] = CellStyle(attributes: self[role].attributes.union(Theme.monochrome[role].attributes))
            case .ansi8:
                theme[role] = LowColor.legible(self[role], colors: 8)
            case .ansi16:
                theme[role] = LowColor.legible(self[role], colors: 16)
            case .full:
                break
            }
        }
        switch support {
        case .ansi8: return Legibility.repaired(theme, colors: 8)
        case .ansi16: return Legibility.repaired(theme, colors: 16)
        // A theme's own colors too: a warning's amber too faint on a light status bar takes the
        // nearest of the 256 that reads.
        case .full: return Legibility.repaired(theme, colors: 256)
        case .none: return theme
        }
    }
}
