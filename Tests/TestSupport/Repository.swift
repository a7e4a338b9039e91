import Foundation

/// Where the repository's files are, seen from a test: the nearest folder above this file
/// with a Package.swift.
public enum Repository {
    public static let root: URL? = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return nil
    }()

    /// A file or folder of the repository by its relative path.
    public static func path(_ relative: String) -> String? { root?.appendingPathComponent(relative).path }

    /// A fresh temporary folder's path (removed first if a run left it): `eventtop-NAME-PID`.
    public static func temporaryFolder(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("eventtop-\(name)-\(getpid())").path
        try? FileManager.default.removeItem(atPath: path)
        return path
    }
}
