import Foundation

/// The theme on screen and the `t` cycle through the theme files found.
public struct ThemeCycle {
    public let catalog: ThemeCatalog
    private var chosen: Theme {
        didSet { adapted = chosen.adapted(to: support) }
    }
    /// The terminal's colors, once the screen is open.
    public var support = ColorSupport.full {
        didSet { adapted = chosen.adapted(to: support) }
    }
    /// The chosen theme as the terminal shows it, made once (legibility repairs search colors).
    private var adapted: Theme
    /// The last theme that could not be loaded, for the status bar.
    public private(set) var problem: String?

    /// The starting theme: `--theme`, else monochrome under NO_COLOR, else dark. An unknown
    /// name is an error listing the names there are.
    public static func load(name: String?) throws(ThemeError) -> ThemeCycle {
        let catalog = ThemeCatalog.standard()
        let theme = try ThemeChoice.initial(requested: name, environment: ProcessInfo.processInfo.environment,
                                            catalog: catalog)
        return ThemeCycle(catalog: catalog, chosen: theme)
    }

    init(catalog: ThemeCatalog, chosen: Theme) {
        self.catalog = catalog
        self.chosen = chosen
        adapted = chosen.adapted(to: .full)
    }

    public var current: Theme { adapted }

    /// The next theme of the catalog; a broken file is skipped and reported.
    public mutating func next() {
        var name = chosen.name
        for _ in 0..<max(1, catalog.cycle.count) {
            name = catalog.name(after: name)
            do {
                chosen = try catalog.load(name: name)
                problem = nil
                return
            } catch {
                problem = error.description
            }
        }
    }
}
