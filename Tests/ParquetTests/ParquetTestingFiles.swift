import Foundation
import Testing

/// Where apache/parquet-testing's files and this repository are, found from this file.
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

    /// The parquet-testing checkout, looked for where scripts/parquet-testing looks: the folder
    /// `$PARQUET_TESTING` names when set (and only there: nil when it holds no `data` folder,
    /// so the tests fail rather than skip), else `../shared/parquet-testing` next to this
    /// repository, else `.cache/parquet-testing` in it (the script's clone).
    static func root(filePath: String = #filePath) -> URL? {
        var candidates: [URL] = []
        if let named = environmentFolder {
            candidates = [named]
        } else if let repo = repositoryRoot(filePath: filePath) {
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

/// Runs a script of Tests/ParquetTests/Scripts with the repository's `.venv` Python (DuckDB,
/// pyarrow): the outside oracles that compute expected values at test time.
enum PythonScript {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ name: String, _ arguments: [String]) throws -> Data {
        guard let root = ParquetTestingFiles.repositoryRoot() else { throw Failure(description: "no Package.swift above \(#filePath)") }
        let python = root.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Failure(description: "no Python venv at \(python.path): run .ci/run once")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [root.appendingPathComponent("Tests/ParquetTests/Scripts/\(name)").path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(name) exited with \(process.terminationStatus)")
        }
        return data
    }
}
