import Foundation

/// Runs a Python script with the repository's `.venv` (DuckDB, pyarrow, polars, fastparquet):
/// the outside oracles that write test data and compute expected values. `.ci/run` makes the venv.
public enum PythonOracle {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// Runs `script` (a path relative to the repository, such as
    /// `Tests/HistoryTests/Scripts/make_datasets.py`) and returns its standard output. A script
    /// that runs longer than `timeoutSeconds` is stopped and reported.
    public static func run(_ script: String, _ arguments: [String] = [], timeoutSeconds: Int = 300) throws -> Data {
        guard let root = Repository.root else { throw Failure("no Package.swift above \(#filePath)") }
        let python = root.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw Failure("no Python venv at \(python.path): run .ci/run once")
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [root.appendingPathComponent(script).path] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Never wait forever on an oracle.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeoutSeconds), execute: watchdog)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationStatus == 0 else {
            throw Failure("\(script) exited with \(process.terminationStatus)")
        }
        return data
    }
}
