import Foundation
import EventModel

/// The themes eventtop can show: theme files found in a list of folders, and the two built
/// in (`dark`, `monochrome`). A name found in an earlier folder hides the same name in later
/// ones, and a `dark.theme` or `monochrome.theme` file hides the built-in theme.
public struct ThemeCatalog: Sendable, Equatable {
    /// The folders searched, in order.
    public let folders: [String]
    /// Theme name → the file that holds it.
    public let files: [String: String]

    /// The themes in these folders; folders that do not exist are skipped.
    public init(folders: [String]) {
        self.folders = folders
        var files: [String: String] = [:]
        for folder in folders {
            for (name, path) in Self.themeFiles(in: folder) where files[name] == nil {
                files[name] = path
            }
        }
        self.files = files
    }

    /// The catalog of the standard folders (`searchFolders`) of this process.
    public static func standard() -> ThemeCatalog {
        ThemeCatalog(folders: searchFolders(environment: ProcessInfo.processInfo.environment,
                                            executablePath: Bundle.main.executablePath))
    }

    /// Where themes are looked for, in order:
    /// 1. `$EVENTTOP_THEMES`, a folder;
    /// 2. `$XDG_CONFIG_HOME/eventtop/themes`, or `~/.config/eventtop/themes`;
    /// 3. `<executable's folder>/../share/eventtop/themes` (an installed eventtop);
    /// 4. the `themes/` folder of the source checkout the executable was built in: the first
    ///    folder at or above the executable's that holds `Package.swift` and `themes/`
    ///    (so `.build/release/eventtop` finds the clone's themes).
    /// Empty variables are ignored, as is a relative `XDG_CONFIG_HOME` (XDG Base Directory).
    public static func searchFolders(environment: [String: String], executablePath: String?) -> [String] {
        var folders: [String] = []
        if let folder = environment["EVENTTOP_THEMES"], !folder.isEmpty {
            folders.append(folder)
        }
        if let config = DataFolders.configHome(environment: environment) {
            folders.append(config + "/themes")
        }
        if let executablePath, !executablePath.isEmpty {
            let executableFolder = URL(fileURLWithPath: executablePath).deletingLastPathComponent().standardizedFileURL
            folders.append(executableFolder.appendingPathComponent("../share/eventtop/themes").standardizedFileURL.path)
            if let checkout = sourceCheckout(above: executableFolder) {
                folders.append(checkout.appendingPathComponent("themes").path)
            }
        }
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }

    /// Every theme's name, sorted, `dark` first.
    public var names: [String] {
        let all = Set(files.keys).union(["dark", "monochrome"])
        return ["dark"] + all.subtracting(["dark"]).sorted()
    }

    /// The order `t` goes through: `names`.
    public var cycle: [String] { names }

    /// The theme `t` shows after `name`: the next in `cycle`, the first after the last, and
    /// the first after a name not in the catalog.
    public func name(after name: String) -> String {
        let cycle = self.cycle
        guard let index = cycle.firstIndex(of: name) else { return cycle[0] }
        return cycle[(index + 1) % cycle.count]
    }

    /// The theme called `name`, or in the file `name` when it holds a `/` or ends in `.theme`
    /// (`--theme ./mine.theme`, for writing a theme).
    public func load(name: String) throws(ThemeError) -> Theme {
        if let path = files[name] { return try ThemeFile.load(path: path) }
        if name.contains("/") || name.hasSuffix(".theme") { return try ThemeFile.load(path: name) }
        switch name {
        case "dark": return .dark
        case "monochrome": return .monochrome
        default: throw .unknownTheme(name: name, available: names)
        }
    }

    /// `NAME.theme` files of a folder (not hidden ones), by name.
    static func themeFiles(in folder: String) -> [(String, String)] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return entries.compactMap { entry in
            guard entry.hasSuffix(".theme"), !entry.hasPrefix("."), entry.count > ".theme".count,
                  !entry.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else { return nil }
            let path = joined(folder, entry)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
                return nil
            }
            return (String(entry.dropLast(".theme".count)), path)
        }
    }

    /// The nearest folder at or above `folder` holding `Package.swift` and `themes/`.
    static func sourceCheckout(above folder: URL) -> URL? {
        var candidate = folder
        for _ in 0..<16 {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: candidate.appendingPathComponent("themes").path,
                                              isDirectory: &isFolder),
               isFolder.boolValue
            {
                return candidate
            }
            let parent = candidate.deletingLastPathComponent().standardizedFileURL
            if parent.path == candidate.path { return nil }
            candidate = parent
        }
        return nil
    }

    static func joined(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
