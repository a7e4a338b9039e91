import Foundation
import FuzzTargets
import Ingest
import Live
import TestSupport
import Testing
import Windows

/// Every input in `Fuzz/corpus/<target>/` — the seeds, and the inputs a fuzzer once found
/// failing (named `crash-…`, `leak-…`, `timeout-…`) — replayed through what the fuzzer feeds,
/// without sanitizers: each must end with a value or an error, never a trap.
@Suite struct FuzzRegressionTests {
    static func run(_ target: String, _ data: UnsafeRawBufferPointer) {
        switch target {
        case "ndjson": FuzzTargets.ndjson(data)
        case "parquet": FuzzTargets.parquet(data)
        case "checkpoint": FuzzTargets.checkpoint(data)
        case "settings": FuzzTargets.settings(data)
        default: FuzzTargets.theme(data)
        }
    }

    static func inputs(_ target: String) -> [URL] {
        guard let folder = Repository.path("Fuzz/corpus/\(target)") else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { URL(fileURLWithPath: folder + "/" + $0) }
    }

    @Test(arguments: ["ndjson", "parquet", "checkpoint", "theme", "settings"])
    func everyKeptInputEndsCleanly(target: String) throws {
        let files = Self.inputs(target)
        #expect(files.count >= 3, "the \(target) corpus has seeds")
        for file in files {
            let data = try Data(contentsOf: file)
            data.withUnsafeBytes { Self.run(target, $0) }
        }
    }

    /// The checkpoint seeds are made by eventtop itself: `EVENTTOP_WRITE_SEEDS=1 swift test
    /// --filter checkpointSeeds` writes them again after a format change.
    @Test func checkpointSeeds() throws {
        let history = FuzzTargets.checkpointHistory
        let sets: [(String, [String])] = [
            ("empty", []),
            ("one-day", (0..<40).map { #"{"ts":\#(1795690000 + $0 * 2),"tenant_id":"t\#($0 % 3)","event_type":"\#($0 % 5 == 0 ? "error" : "click")","session_id":"s\#($0 % 4)"}"# }),
            ("folded", (0..<60).map { #"{"ts":\#(1795600000 + $0 * 50),"tenant_id":"t\#($0)","event_type":"e\#($0 % 9)"}"# }),
            ("kafka", (0..<20).map { #"{"ts":\#(1795690000 + $0),"tenant_id":"t\#($0 % 2)","event_type":"click"}"# }),
        ]
        for (name, lines) in sets {
            let config = FuzzTargets.checkpointConfig
            // The Kafka seed: three partitions, a message cut by a read in the second.
            let kafka = name == "kafka" ? KafkaPosition(next: [7, 12, 1], cutPartition: 1, cutBytes: 40) : nil
            let bytes = CheckpointFile.encoded(of: lines, config: config, history: history, kafka: kafka)
            // Each seed restores, as the fuzzer restores its inputs.
            try CheckpointFile.restore(bytes, config: config, history: history)
            if ProcessInfo.processInfo.environment["EVENTTOP_WRITE_SEEDS"] == "1", let root = Repository.path("Fuzz/corpus/checkpoint") {
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
                try Data(bytes).write(to: URL(fileURLWithPath: root + "/seed-\(name)"))
            }
        }
    }
}
