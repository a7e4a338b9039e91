import Foundation
import TestSupport
import Testing

/// Where apache/parquet-testing's files are.
enum ParquetTestingFiles {
    /// The parquet-testing checkout, looked for where scripts/parquet-testing looks: the folder
    /// `$PARQUET_TESTING` names when set (and only there: nil when it holds no `data` folder,
    /// so the tests fail rather than skip), else `../shared/parquet-testing` next to this
    /// repository, else `.cache/parquet-testing` in it (the script's clone).
    static func root() -> URL? {
        var candidates: [URL] = []
        if let named = environmentFolder {
            candidates = [named]
        } else if let repo = Repository.root {
            candidates = [repo.deletingLastPathComponent().appendingPathComponent("shared/parquet-testing"),
                          repo.appendingPathComponent(".cache/parquet-testing")]
        }
        return candidates.first { url in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.appendingPathComponent("data").path, isDirectory: &isFolder)
                && isFolder.boolValue
        }
    }

    /// `$PARQUET_TESTING`, when set and not empty.
    static var environmentFolder: URL? {
        guard let value = ProcessInfo.processInfo.environment["PARQUET_TESTING"], !value.isEmpty else { return nil }
        return URL(fileURLWithPath: value)
    }

    /// Whether the tests reading these files run: when the files were found, or when
    /// `$PARQUET_TESTING` is set (a wrong one makes them fail, not skip).
    static var available: Bool { root() != nil || environmentFolder != nil }

    /// The `.parquet` files of a parquet-testing folder (`data`, `bad_data`), sorted by name.
    static func files(in folder: String) -> [URL] {
        guard let root = root() else { return [] }
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".parquet") }.sorted().map { dir.appendingPathComponent($0) }
    }
}

extension Trait where Self == ConditionTrait {
    /// On the tests that read parquet-testing's files: when no checkout is found they are
    /// skipped, not passed, and the test output names each one with this comment.
    static var needsParquetTesting: Self {
        .enabled(if: ParquetTestingFiles.available,
                 "parquet-testing not found: set PARQUET_TESTING or run scripts/parquet-testing")
    }
}

/// The Parquet tests' Python helpers (Scripts/): pyarrow and DuckDB compute expected values at
/// test time.
enum PythonScript {
    static func run(_ name: String, _ arguments: [String]) throws -> Data {
        try PythonOracle.run("Tests/ParquetTests/Scripts/\(name)", arguments)
    }
}
