import Cells
import Testing
@testable import Dashboard

@Suite struct ColorSupportTests {
    let themes: [Theme] = {
        let catalog = ThemeCatalog(folders: [repositoryThemes])
        return catalog.names.compactMap { try? catalog.load(name: $0) }
    }()

    @Test func colorCounts() {
        #expect(ColorSupport(colorCount: -1) == .none)
        #expect(ColorSupport(colorCount: 0) == .none)
        #expect(ColorSupport(colorCount: 2) == .none)
        #expect(ColorSupport(colorCount: 8) == .ansi8)
        #expect(ColorSupport(colorCount: 16) == .ansi16)
        #expect(ColorSupport(colorCount: 88) == .ansi16)
        #expect(ColorSupport(colorCount: 256) == .full)
        #expect(ColorSupport(colorCount: 1 << 24) == .full)
    }

    @Test func withoutColorsAttributesStayAndTheSelectionIsReversed() {
        #expect(themes.count == shippedThemes.count)
        for theme in themes {
            let plain = theme.adapted(to: .none)
            for role in ThemeRole.allCases {
                #expect(plain[role].foreground == .terminalDefault && plain[role].background == .terminalDefault)
                #expect(plain[role].attributes.isSuperset(of: theme[role].attributes))
            }
            #expect(plain.selection.attributes.contains(.reverse), "\(theme.name)")
            #expect(plain.error.attributes.contains(.bold))
            #expect(plain.muted.attributes.contains(.dim))
        }
        #expect(Theme.monochrome.adapted(to: .none) == Theme.monochrome)
    }

    @Test func fullColorIsUnchanged() {
        for theme in themes { #expect(theme.adapted(to: .full) == theme) }
    }

    @Test func fewColorsStayLegibleAndKeepTheirMeaning() {
        for count in [8, 16] {
            let support = ColorSupport(colorCount: count)
            for theme in themes {
                let small = theme.adapted(to: support)
                for role in ThemeRole.allCases {
                    let style = small[role]
                    for color in [style.foreground, style.background] {
                        if case let .indexed(index) = color { #expect(Int(index) < count) }
                        if case .rgb = color { Issue.record("\(theme.name).\(role): \(color) left on \(count) colors") }
                    }
                    if style.foreground != .terminalDefault {
                        #expect(style.foreground != style.background, "\(theme.name).\(role) on \(count) colors")
                    }
                    if style.background == .terminalDefault {
                        #expect(style.foreground != .indexed(0), "\(theme.name).\(role): black on the terminal's own")
                    }
                }
                #expect(small.selection != small.base, "\(theme.name): selection on \(count) colors")
                // Errors stay red, warnings yellow, where yellow reads on the theme's background
                // (on light's white it does not: then any color that reads, apart from errors and text).
                if theme.name != "monochrome" {
                    #expect([1, 9].map(Color.indexed).contains(small.error.foreground), "\(theme.name) on \(count)")
                    let ground = small.warning.background
                    if [3, 11].contains(where: { Legibility.reads(.indexed(UInt8($0)), on: ground) }) {
                        #expect([3, 11].map(Color.indexed).contains(small.warning.foreground), "\(theme.name) on \(count)")
                    } else {
                        #expect(Legibility.reads(small.warning.foreground, on: ground))
                        #expect(small.warning.foreground != small.error.foreground && small.warning.foreground != small.base.foreground)
                    }
                }
            }
        }
    }

    @Test func reductionByHueAndLightness() {
        #expect(LowColor.reduce(.rgb(0x2E, 0x34, 0x40), colors: 16) == .indexed(0))  // nord0: dark
        #expect(LowColor.reduce(.rgb(0x00, 0x2B, 0x36), colors: 16) == .indexed(0))  // solarized base03
        #expect(LowColor.reduce(.rgb(0xEB, 0xCB, 0x8B), colors: 8) == .indexed(3))  // amber → yellow
        #expect(LowColor.reduce(.rgb(0xEB, 0xCB, 0x8B), colors: 16) == .indexed(11))
        #expect(LowColor.reduce(.rgb(0x88, 0xC0, 0xD0), colors: 8) == .indexed(6))  // frost → cyan
        #expect(LowColor.reduce(.rgb(0xBF, 0x61, 0x6A), colors: 8) == .indexed(1))  // aurora red
        #expect(LowColor.reduce(.rgb(0xFA, 0xFA, 0xFA), colors: 16) == .indexed(15))
        #expect(LowColor.reduce(.indexed(8), colors: 16) == .indexed(8))
        #expect(LowColor.reduce(.indexed(9), colors: 8) == .indexed(1))
        #expect(LowColor.reduce(.indexed(196), colors: 16) == .indexed(9))
        #expect(LowColor.reduce(.indexed(240), colors: 16) == .indexed(8))
        #expect(LowColor.reduce(.terminalDefault, colors: 8) == .terminalDefault)
        // Gray text on 8 colors is white, dimmed.
        #expect(Theme.dark.adapted(to: .ansi8).muted == CellStyle(foreground: .indexed(7), attributes: .dim))
        // Solarized's gray text stays plain white, its secondary text dim white.
        #expect(LowColor.legible(CellStyle(foreground: .rgb(0x83, 0x94, 0x96)), colors: 8).attributes == [])
        #expect(LowColor.legible(CellStyle(foreground: .rgb(0x58, 0x6E, 0x75)), colors: 8).attributes == .dim)
        #expect(LowColor.reduce(.rgb(0x83, 0x94, 0x96), colors: 16) == .indexed(7))
        #expect(LowColor.reduce(.rgb(0x58, 0x6E, 0x75), colors: 16) == .indexed(8))
    }
}
