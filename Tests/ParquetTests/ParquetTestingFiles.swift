import Foundation

/// Where the shared parquet-testing checkout and this repository are, found from this file.
enum ParquetTestingFiles {
    /// This repository's root: the nearest folder above this file with a Package.swift.
    static func repositoryRoot(filePath: String = #filePath) -> URL? {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return nil
    }

    /// `shared/parquet-testing` in the nearest folder above this file that holds `shared`.
    static func root(filePath: String = #filePath) -> URL? {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            let candidate = url.appendingPathComponent("shared/parquet-testing")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            url.deleteLastPathComponent()
        }
        return nil
    }

    /// The `.parquet` files of a parquet-testing folder (`data`, `bad_data`), sorted by name.
    static func files(in folder: String) -> [URL] {
        guard let root = root() else { return [] }
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".parquet") }.sorted().map { dir.appendingPathComponent($0) }
    }
}
