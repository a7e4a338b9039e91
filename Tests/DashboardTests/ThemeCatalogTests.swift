import Cells
import Foundation
import Testing
@testable import Dashboard

@Suite struct ThemeCatalogTests {
    /// Four folders as eventtop would find them: `$EVENTTOP_THEMES`, the user's config, an
    /// installed prefix, and a source checkout with the executable in `.build/release`.
    @Test func searchOrderAndEarlierFoldersWin() throws {
        let root = try TemporaryFolder()
        let r = root.path
        try root.write("own/nord.theme", "bar = red")
        try root.write("config/eventtop/themes/nord.theme", "bar = green")
        try root.write("config/eventtop/themes/mine.theme", "bar = blue")
        try root.write("prefix/bin/eventtop")
        try root.write("prefix/share/eventtop/themes/mine.theme", "bar = yellow")
        try root.write("prefix/share/eventtop/themes/installed.theme")
        try root.write("clone/Package.swift")
        try root.write("clone/themes/dark.theme", "name = dark\nbar = magenta")
        try root.write("clone/themes/nord.theme", "bar = white")
        try root.write("clone/themes/.hidden.theme")
        try root.write("clone/themes/notes.txt")
        try root.write("clone/.build/x86_64-unknown-linux-gnu/release/eventtop")

        let environment = ["EVENTTOP_THEMES": r + "/own", "XDG_CONFIG_HOME": r + "/config", "HOME": r + "/home"]
        #expect(ThemeCatalog.searchFolders(environment: environment, executablePath: r + "/prefix/bin/eventtop")
            == [r + "/own", r + "/config/eventtop/themes", r + "/prefix/share/eventtop/themes"])
        let cloneExecutable = r + "/clone/.build/x86_64-unknown-linux-gnu/release/eventtop"
        #expect(ThemeCatalog.searchFolders(environment: [:], executablePath: cloneExecutable)
            == [r + "/clone/.build/x86_64-unknown-linux-gnu/share/eventtop/themes", r + "/clone/themes"])

        let folders = [r + "/own", r + "/config/eventtop/themes", r + "/prefix/share/eventtop/themes", r + "/clone/themes"]
        let catalog = ThemeCatalog(folders: folders)
        #expect(catalog.names == ["dark", "installed", "mine", "monochrome", "nord"])
        #expect(try catalog.load(name: "nord").bar.foreground == .indexed(1))
        #expect(try catalog.load(name: "mine").bar.foreground == .indexed(4))
        #expect(try catalog.load(name: "installed") == { var t = Theme.dark; t.name = "installed"; return t }())
        // A dark.theme file hides the built-in one; monochrome stays built in.
        #expect(try catalog.load(name: "dark").bar.foreground == .indexed(5))
        #expect(try catalog.load(name: "monochrome") == Theme.monochrome)
    }

    @Test func configFolderFallsBackToHomeAndEmptyVariablesAreIgnored() {
        #expect(ThemeCatalog.searchFolders(environment: ["HOME": "/h", "XDG_CONFIG_HOME": "", "EVENTTOP_THEMES": ""],
                                           executablePath: nil) == ["/h/.config/eventtop/themes"])
        #expect(ThemeCatalog.searchFolders(environment: ["HOME": "/h/", "XDG_CONFIG_HOME": "relative"],
                                           executablePath: nil) == ["/h/.config/eventtop/themes"])
        #expect(ThemeCatalog.searchFolders(environment: [:], executablePath: nil) == [])
    }

    @Test func theRepositoryThemesAreFoundFromABuiltExecutable() {
        // This test binary lives in the checkout's scratch folder, like .build/release/eventtop
        // (unless the build was made elsewhere: nothing to check then).
        let checkout = URL(fileURLWithPath: repositoryThemes).deletingLastPathComponent().path + "/"
        guard let executable = Bundle.main.executablePath, executable.hasPrefix(checkout) else { return }
        let folders = ThemeCatalog.searchFolders(environment: [:], executablePath: executable)
        #expect(folders.last == repositoryThemes)
        #expect(ThemeCatalog(folders: folders).names == shippedThemes)
    }

    @Test func cycleGoesThroughEveryThemeDarkFirst() throws {
        let catalog = ThemeCatalog(folders: [repositoryThemes])
        #expect(catalog.cycle == shippedThemes)
        var name = "dark", seen: [String] = []
        for _ in shippedThemes {
            seen.append(name)
            name = catalog.name(after: name)
        }
        #expect(seen == shippedThemes && name == "dark")
        #expect(catalog.name(after: "gone") == "dark")
        #expect(ThemeCatalog(folders: []).cycle == ["dark", "monochrome"])
    }

    @Test func unknownThemeListsTheNames() {
        let catalog = ThemeCatalog(folders: [repositoryThemes])
        #expect(throws: ThemeError.unknownTheme(name: "nrod", available: shippedThemes)) {
            try catalog.load(name: "nrod")
        }
        #expect(ThemeError.unknownTheme(name: "nrod", available: ["dark", "nord"]).description
            == "unknown theme \"nrod\" (available: dark, nord)")
    }

    @Test func aThemeFileCanBeNamedByPath() throws {
        let catalog = ThemeCatalog(folders: [])
        #expect(try catalog.load(name: repositoryThemes + "/nord.theme").name == "nord")
    }

    @Test func noColorGivesMonochromeUnlessAThemeIsAsked() throws {
        let catalog = ThemeCatalog(folders: [repositoryThemes])
        #expect(try ThemeChoice.initial(requested: nil, environment: [:], catalog: catalog) == Theme.dark)
        #expect(try ThemeChoice.initial(requested: nil, environment: ["NO_COLOR": ""], catalog: catalog) == Theme.dark)
        #expect(try ThemeChoice.initial(requested: nil, environment: ["NO_COLOR": "1"], catalog: catalog)
            == Theme.monochrome)
        #expect(try ThemeChoice.initial(requested: "nord", environment: ["NO_COLOR": "1"], catalog: catalog).name
            == "nord")
        #expect(throws: ThemeError.self) {
            try ThemeChoice.initial(requested: "nope", environment: [:], catalog: catalog)
        }
    }
}
