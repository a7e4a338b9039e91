import Foundation
import Parquet
import Testing

/// Cross-checks with implementations other than ours: pyarrow (Arrow's C++ codecs) and Python's
/// gzip module, through Tests/ParquetTests/Scripts/codec_vectors.py and the repository's .venv.
@Suite struct CompressionOracleTests {
    /// Runs the script with `mode` on a fresh directory prepared by `prepare`; returns its output.
    func runScript(_ mode: String, prepare: (URL) throws -> Void = { _ in }) throws -> (URL, String) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("eventtop-codecs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try prepare(directory)
        let text = String(decoding: try PythonScript.run("codec_vectors.py", [mode, directory.path]), as: UTF8.self)
        return (directory, text)
    }

    @Test func decompressesWhatPyarrowAndPythonGzipWrote() throws {
        let (directory, _) = try runScript("write")
        defer { try? FileManager.default.removeItem(at: directory) }
        let codecs: [String: PageCodec] = [
            "snappy": .snappy, "gzip": .gzip, "gzip2": .gzip, "brotli": .brotli, "zstd": .zstd,
            "lz4_raw": .lz4Raw, "lz4frame": .lz4Hadoop, "hadoop": .lz4Hadoop,
        ]
        var checked = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
            let parts = file.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1] != "raw" else { continue }
            let codec = try #require(codecs[parts[1]], "unexpected vector \(file)")
            let raw = try [UInt8](Data(contentsOf: directory.appendingPathComponent(parts[0] + ".raw")))
            let packed = try [UInt8](Data(contentsOf: directory.appendingPathComponent(file)))
            #expect(try decompressed(codec, packed, declared: raw.count) == raw, "\(file)")
            #expect(throws: ParquetError.self, "\(file) with one byte more declared") {
                try decompressed(codec, packed, declared: raw.count + 1)
            }
            checked += 1
        }
        #expect(checked == 5 * 8 - 1)  // five inputs, eight encodings, no Hadoop framing of nothing
    }

    @Test func pyarrowAndPythonGzipDecompressWhatWeWrote() throws {
        let extensions: [PageCodec: String] = [
            .snappy: "snappy", .gzip: "gzip", .brotli: "brotli", .zstd: "zstd", .lz4Raw: "lz4_raw",
        ]
        let inputs: [String: [UInt8]] = [
            "empty": [], "small": Array("eventtop".utf8), "random": pseudoRandomBytes(100_000, seed: 3),
            "repetitive": repetitiveBytes(300_000),
        ]
        let (directory, output) = try runScript("check") { directory in
            for (name, raw) in inputs {
                try Data(raw).write(to: directory.appendingPathComponent(name + ".raw"))
                for (codec, ext) in extensions {
                    try Data(compressed(codec, raw)).write(to: directory.appendingPathComponent("\(name).\(ext)"))
                }
            }
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = output.split(separator: "\n")
        #expect(lines.count == inputs.count * extensions.count)
        #expect(lines.allSatisfy { $0.hasPrefix("ok ") }, "\(output)")
    }
}
