import EventModel

/// What the screen shows besides the data: where events come from, the history folder, the
/// first window and theme, how often it refreshes.
public struct ScreenOptions {
    public var inputName: String
    public var historyFolder: String?
    public var window: WindowChoice
    public var refreshNanos: Int64 = 1_000_000_000
    public var themes: ThemeCycle
    public var mouse = true
    /// eventtop's version, for the header.
    public var version: String
    /// When error rates are flagged (`--min-events`, `--warn-delta`, `--alert-delta`).
    public var alerting = Alerting.standard
    /// Writes the tenant table (`e`): the file's path, or why it could not be written. The
    /// dashboard writes no files itself.
    public var export: (@Sendable (TenantExport) -> Result<String, DataError>)?
    /// The screen as the last run left it (sort, panes; the executable has applied its theme
    /// and window), and where to leave this run's when it ends.
    public var memory: ScreenMemory?
    /// A problem to show from the start (a saved state that could not be read).
    public var notice: String?
    public var remember: ((ScreenMemory) -> Void)?

    public init(inputName: String, historyFolder: String?, window: WindowChoice,
                refreshNanos: Int64 = 1_000_000_000, themes: ThemeCycle, mouse: Bool = true, version: String)
    {
        self.inputName = inputName
        self.historyFolder = historyFolder
        self.window = window
        self.refreshNanos = refreshNanos
        self.themes = themes
        self.mouse = mouse
        self.version = version
    }

    /// A path as the header shows it: whole when short, else `…/` and its file name.
    public static func shortPath(_ path: String) -> String {
        guard path.count > 32, let slash = path.lastIndex(of: "/") else { return path }
        return "…" + path[slash...]
    }
}
