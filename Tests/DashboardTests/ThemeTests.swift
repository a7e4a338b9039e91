import Cells
@testable import Dashboard
import Foundation
import TestSupport
import Testing

/// The repository's `themes/` folder.
let repositoryThemes = Repository.path("themes")!

let shippedThemes = ["dark", "gruvbox", "high-contrast", "light", "monochrome", "nord", "solarized-dark"]

/// Parses `text` as the file `themes/x.theme`.
func parse(_ text: String) throws(ThemeError) -> Theme {
    try ThemeFile.parse(text, path: "themes/x.theme", name: "x")
}

/// The error `text` gives, as printed.
func failure(_ text: String) -> String? {
    do {
        _ = try parse(text)
        return nil
    } catch {
        return error.description
    }
}

@Suite struct ThemeFileTests {
    @Test func everyShippedThemeParsesAndSetsEveryRole() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: repositoryThemes).filter { $0.hasSuffix(".theme") }
        #expect(Set(files.map { String($0.dropLast(6)) }) == Set(shippedThemes))
        for file in files {
            let path = repositoryThemes + "/" + file
            let theme = try ThemeFile.load(path: path)
            #expect(theme.name == ThemeFile.themeName(ofPath: path))
            // Shipped themes say every role, so none looks as it does by accident.
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for role in ThemeRole.allCases {
                #expect(text.contains("\n\(role.fileName) "), "\(file) leaves out \(role.fileName)")
            }
            #expect(theme.selection != theme.base, "\(file): the selection must stand out")
            #expect(theme.error.foreground != theme.base.foreground || theme.error.attributes.contains(.bold))
        }
    }

    @Test func darkFileIsTheBuiltInDefault() throws {
        #expect(try ThemeFile.load(path: repositoryThemes + "/dark.theme") == Theme.dark)
    }

    @Test func monochromeFileIsTheBuiltInAndHasNoColors() throws {
        let theme = try ThemeFile.load(path: repositoryThemes + "/monochrome.theme")
        #expect(theme == Theme.monochrome)
        for role in ThemeRole.allCases {
            #expect(theme[role].foreground == .terminalDefault && theme[role].background == .terminalDefault)
        }
    }

    @Test func colorsByNameNumberAndHex() throws {
        let cases: [(String, Color)] = [
            ("default", .terminalDefault), ("black", .indexed(0)), ("red", .indexed(1)), ("green", .indexed(2)),
            ("yellow", .indexed(3)), ("blue", .indexed(4)), ("magenta", .indexed(5)), ("cyan", .indexed(6)),
            ("white", .indexed(7)), ("bright-black", .indexed(8)), ("gray", .indexed(8)), ("grey", .indexed(8)),
            ("bright-red", .indexed(9)), ("bright-white", .indexed(15)), ("Bright-Cyan", .indexed(14)),
            ("0", .indexed(0)), ("42", .indexed(42)), ("255", .indexed(255)), ("007", .indexed(7)),
            ("#000000", .rgb(0, 0, 0)), ("#88C0D0", .rgb(0x88, 0xC0, 0xD0)), ("#ff8000", .rgb(255, 128, 0)),
        ]
        for (word, color) in cases {
            let theme = try parse("bar = \(word) on \(word)")
            #expect(theme.bar == CellStyle(foreground: color, background: color), "\(word)")
        }
    }

    @Test func attributesAndOptionalColors() throws {
        let theme = try parse("""
            selection = reverse
            error = red bold underline
            key = on blue italic dim
            """)
        #expect(theme.selection == CellStyle(attributes: .reverse))
        #expect(theme.error == CellStyle(foreground: .indexed(1), attributes: [.bold, .underline]))
        #expect(theme.key == CellStyle(background: .indexed(4), attributes: [.italic, .dim]))
    }

    @Test func commentsBlankLinesAndHexColorsTellApart() throws {
        let theme = try parse("""
            \u{FEFF}# a theme
              #no space after the hash

            name = x   # the file's name
            bar = #112233 on #445566 bold # calm
            \tsparkline\t=\tcyan\r
            """)
        #expect(theme.bar == CellStyle(foreground: .rgb(0x11, 0x22, 0x33), background: .rgb(0x44, 0x55, 0x66),
                                       attributes: .bold))
        #expect(theme.sparkline.foreground == .indexed(6))
    }

    @Test func windowsLineEndsAreLineEnds() throws {
        let theme = try parse("# made on Windows\r\nbar = red\r\nkey = blue bold\r\n")
        #expect(theme.bar.foreground == .indexed(1) && theme.key == CellStyle(foreground: .indexed(4), attributes: .bold))
        #expect(failure("bar = red\r\n\r\nkey = bleu\r\n") == "themes/x.theme:3: unknown color \"bleu\"")
    }

    @Test func rolesLeftOutInheritTheDefaultOnTheBaseColors() throws {
        let theme = try parse("""
            base = #D8DEE9 on #2E3440
            bar = #81A1C1
            key = default on default bold
            """)
        let fg = Color.rgb(0xD8, 0xDE, 0xE9), bg = Color.rgb(0x2E, 0x34, 0x40)
        #expect(theme.name == "x")
        #expect(theme.base == CellStyle(foreground: fg, background: bg))
        // Given: its colors; a color left out is the base color.
        #expect(theme.bar == CellStyle(foreground: .rgb(0x81, 0xA1, 0xC1), background: bg))
        // Explicit `default` is the terminal's own color.
        #expect(theme.key == CellStyle(attributes: .bold))
        // Left out: the dark theme's style, its `default` colors replaced by base's.
        #expect(theme.selection == Theme.dark.selection)
        #expect(theme.error == CellStyle(foreground: Theme.dark.error.foreground, background: bg, attributes: .bold))
        #expect(theme.title == CellStyle(foreground: fg, background: bg, attributes: .bold))
        // No base: the dark theme, role for role.
        var dark = try parse("")
        dark.name = "dark"
        #expect(dark == Theme.dark)
    }

    @Test func mistakesNameTheFileAndLine() {
        let cases: [(String, String)] = [
            ("\n\n\n\n\n\nbar = bleu", "themes/x.theme:7: unknown color \"bleu\""),
            ("bars = cyan", "themes/x.theme:1: unknown role \"bars\" (roles: base header status border title focus column-header selection muted number error warning good bar sparkline error-bar key overlay)"),
            ("bar cyan", "themes/x.theme:1: expected \"role = style\" or \"name = NAME\", found \"bar cyan\""),
            ("= cyan", "themes/x.theme:1: a role name must come before \"=\""),
            ("bar =", "themes/x.theme:1: no style given (expected a color, \"on\" and a color, or bold dim reverse underline italic)"),
            ("bar = 256", "themes/x.theme:1: color number \"256\" out of range 0–255"),
            ("bar = 99999999999999999999", "themes/x.theme:1: color number \"99999999999999999999\" out of range 0–255"),
            ("bar = 12ab", "themes/x.theme:1: bad color number \"12ab\" (expected 0–255)"),
            ("bar = #12345", "themes/x.theme:1: bad hex color \"#12345\" (expected #RRGGBB)"),
            ("bar = #12345G", "themes/x.theme:1: bad hex color \"#12345G\" (expected #RRGGBB)"),
            ("bar = red on", "themes/x.theme:1: \"on\" must be followed by a color"),
            ("bar = red on blue on green", "themes/x.theme:1: two background colors"),
            ("bar = red blue", "themes/x.theme:1: two foreground colors (write \"FG on BG\")"),
            ("bar = on blue red", "themes/x.theme:1: the foreground color comes before \"on\""),
            ("bar = bold red", "themes/x.theme:1: colors come before attributes (write \"FG on BG bold\")"),
            ("bar = red blink", "themes/x.theme:1: unexpected \"blink\" (expected \"on COLOR\" or bold dim reverse underline italic)"),
            ("bar = red bright-bleu", "themes/x.theme:1: unknown color \"bright-bleu\""),
            ("bar = red on bleu", "themes/x.theme:1: unknown color \"bleu\""),
            ("bar = red\nbar = blue", "themes/x.theme:2: bar is already set on line 1"),
            ("name = nord", "themes/x.theme:1: name \"nord\" is not the file's name \"x\""),
            ("name = x\nname = x", "themes/x.theme:2: name is already set on line 1"),
            ("bar = \u{1B}[31m", "themes/x.theme:1: unknown color \"\\u{1B}[31m\""),
        ]
        for (text, message) in cases {
            #expect(failure(text) == message, "\(text.debugDescription)")
        }
    }

    @Test func filesThatAreNotThemesAreErrorsNotCrashes() throws {
        let folder = try TemporaryFolder()
        #expect(throws: ThemeError.unreadable(path: folder.path + "/none.theme",
                                              reason: "cannot open: No such file or directory")) {
            try ThemeFile.load(path: folder.path + "/none.theme")
        }
        try folder.write("bad.theme", bytes: [0x62, 0x61, 0x72, 0x20, 0x3D, 0x20, 0xFF, 0xFE])
        #expect(throws: ThemeError.unreadable(path: folder.path + "/bad.theme", reason: "not UTF-8 text")) {
            try ThemeFile.load(path: folder.path + "/bad.theme")
        }
        try folder.write("big.theme", bytes: Array(repeating: 0x23, count: ThemeFile.maximumSize + 1))
        #expect(throws: ThemeError.unreadable(path: folder.path + "/big.theme",
                                              reason: "larger than 64 KiB; not a theme file")) {
            try ThemeFile.load(path: folder.path + "/big.theme")
        }
        try FileManager.default.createDirectory(atPath: folder.path + "/dir.theme", withIntermediateDirectories: false)
        #expect(throws: ThemeError.unreadable(path: folder.path + "/dir.theme", reason: "not a regular file")) {
            try ThemeFile.load(path: folder.path + "/dir.theme")
        }
    }

    @Test func garbageNeverCrashes() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["bar", "=", "on", "#", "#12", "#AABBCC", "red", "bright-", "bold", " ", "\t", "\n", "\r",
                      "name", "x", "256", "é", "\u{0}", "\u{1B}", "\u{FEFF}", "==", "base", "default", "-1"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0..<30, using: &generator))
                .map { _ in pieces.randomElement(using: &generator)! }.joined()
            _ = try? parse(text)
        }
    }
}

/// A folder under the temporary folder, removed when the value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("eventtop-themes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Makes `relative`'s folder and writes the file.
    func write(_ relative: String, _ text: String = "") throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}
