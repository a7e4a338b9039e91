import Cells
import EventModel
import TestSupport
@testable import Dashboard
import Testing
import Windows

/// Every theme, at 8 and at 256 colors, drawn as the screen draws it (alerts and warnings, the
/// selection on an alerted row, the status bar with its warnings, the help): no text in its
/// background's color or too faint on it, and selection, warning and error told apart.
@Suite struct ThemeLegibilityTests {
    init() { #expect(utf8Locale) }

    static let names = ThemeCatalog.standard().cycle

    func frames(_ theme: Theme) -> [CellGrid] {
        var input = sampleInput(history: HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49))
        input.live = LiveView(snapshot: offBaselineSnapshot(), window: input.state.window)
        input.live.stats.rejected[.invalidJSON] = 1
        input.live.stats.late = 3
        input.theme = theme
        input.state.selectedTenant = "initech"  // red ERR% on the selection
        var out = [frame(input, 120, 30).0, frame(input, 80, 24).0]
        input.state.paused = true
        input.flash = "theme \(theme.name)"
        out.append(frame(input, 200, 60).0)
        input.state.showHelp = true
        out.append(frame(input, 120, 40).0)
        return out
    }

    /// Text a reader must read: letters, digits, punctuation (not box lines, bars, blocks).
    func isText(_ c: Character) -> Bool {
        guard let s = c.unicodeScalars.first, c != " " else { return false }
        return !(0x2500...0x28FF).contains(s.value) && s.value != 0x00B7
    }

    @Test(arguments: names)
    func legibleAt8And256Colors(name: String) throws {
        let original = try ThemeCatalog.standard().load(name: name)
        for support in [ColorSupport.ansi8, .full] {
            let theme = original.adapted(to: support)
            for grid in frames(theme) {
                var faint: [String] = []
                for y in 0..<grid.height {
                    for x in 0..<grid.width {
                        let cell = grid[x, y]
                        guard isText(cell.character) else { continue }
                        let fg = Legibility.resolve(cell.style.foreground, foregroundOf: theme)
                        let bg = Legibility.resolve(cell.style.background, backgroundOf: theme)
                        let need = cell.style.foreground == theme.muted.foreground ? Legibility.muted : Legibility.text
                        if cell.style.attributes.contains(.reverse) { continue }  // monochrome's selection
                        if Legibility.contrast(fg, bg) < need, faint.count < 5 {
                            faint.append("(\(x),\(y)) '\(cell.character)' \(cell.style.foreground) on \(cell.style.background): \(grid.lines[y])")
                        }
                    }
                }
                #expect(faint.isEmpty, "\(name) at \(support): \(faint.joined(separator: "\n"))")
            }
            // Selection, warning and error look different from each other (and from plain text).
            if name != "monochrome" {
                let looks = [theme.selection, theme.warning, theme.error, theme.base].map { "\($0.foreground)/\($0.background)" }
                #expect(Set(looks).count == 4, "\(name) at \(support): \(looks)")
            }
        }
    }
}
