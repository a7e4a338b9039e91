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
