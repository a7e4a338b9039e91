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
