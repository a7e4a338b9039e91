/// Which theme eventtop starts with.
///
/// `--theme NAME` wins; otherwise, when `NO_COLOR` is set and not empty, `Theme.monochrome`
/// (no-color.org: "prevent the addition of ANSI color"; its FAQ lets "per-instance
/// command-line arguments" override `NO_COLOR`, and `--theme` is one); otherwise `dark`
/// (its file if one is found, else `Theme.dark`). Pressing `t` is an explicit choice too:
/// it goes through `ThemeCatalog.cycle` even under `NO_COLOR`. Whatever the theme, it is
/// then `adapted(to:)` the terminal's colors.
public enum ThemeChoice {
    /// Whether the environment asks for no color: `NO_COLOR` present and not empty.
    public static func noColor(environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The theme to start with; an unknown `--theme` is an error listing the names there are.
    public static func initial(requested: String?, environment: [String: String],
                               catalog: ThemeCatalog) throws(ThemeError) -> Theme
    {
        if let requested { return try catalog.load(name: requested) }
        if noColor(environment: environment) { return .monochrome }
        return try catalog.load(name: "dark")
    }
}
