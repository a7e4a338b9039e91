#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where eventtop keeps its data unless told otherwise, as the XDG base directories say:
/// `$XDG_DATA_HOME/eventtop` when that is an absolute path, else `~/.local/share/eventtop`.
public enum DataFolders {
    /// The history folder, `…/eventtop/fact_events_daily` (DESIGN §4).
    public static func history(environment: [String: String]) -> String {
        dataHome(environment) + "/" + FactEventsDaily.folderNameOfTable
    }

    /// The demo's partitions, `…/eventtop/demo`.
    public static func demo(environment: [String: String]) -> String { dataHome(environment) + "/demo" }

    /// eventtop's configuration folder: `$XDG_CONFIG_HOME/eventtop` when that is an absolute
    /// path, else `$HOME/.config/eventtop`; nil with neither (empty variables are ignored).
    public static func configHome(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return trimmed(xdg) + "/eventtop" }
        if let home = environment["HOME"], !home.isEmpty { return trimmed(home) + "/.config/eventtop" }
        return nil
    }

    /// The config file read unless `--config` names another (DESIGN §8).
    public static func configFile(environment: [String: String]) -> String? {
        configHome(environment: environment).map { $0 + "/config.toml" }
    }

    /// Where the screen keeps its state between runs: `$XDG_STATE_HOME/eventtop` when that is an
    /// absolute path, else `~/.local/state/eventtop`.
    public static func stateHome(environment: [String: String]) -> String {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return trimmed(xdg) + "/eventtop" }
        return home(environment) + "/.local/state/eventtop"
    }

    private static func trimmed(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    static func dataHome(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/eventtop" }
        return home(environment) + "/.local/share/eventtop"
    }

    /// `$HOME`, else the user's home from the password database.
    static func home(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return "" }
        return String(cString: dir)
    }
}
