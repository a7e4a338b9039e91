import Foundation
@testable import Parquet
import TestSupport
import Testing

/// Files whose metadata contradicts itself, made by rewriting the footer of a file pyarrow
/// wrote: the column at fault is refused (as pyarrow and DuckDB refuse it), and the other
/// columns of the same file still read, with pyarrow's values (issue 10, case 10).
@Suite struct StrictnessTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// The column that must be refused, and a word its error must hold.
        var column: String
        var needle: String
        var change: @Sendable (inout FileMetaData) -> Void
        var description: String { name }
    }

    /// The schema element of a column (the root is element 0).
    static func element(_ name: String, _ meta: inout FileMetaData, _ change: (inout SchemaElement) -> Void) {
        guard let i = meta.schema.firstIndex(where: { $0.name == name }) else { return }
        change(&meta.schema[i])
    }

    static let cases: [Case] = [
        Case(name: "INT_64 on INT32", column: "i32", needle: "INT_64") { m in
            element("i32", &m) { $0.convertedType = .int64; $0.logicalType = nil }
        },
        Case(name: "TIMESTAMP_MICROS on INT32", column: "i32", needle: "TIMESTAMP_MICROS") { m in
            element("i32", &m) { $0.convertedType = .timestampMicros; $0.logicalType = nil }
        },
        Case(name: "UINT_32 on INT64", column: "i64", needle: "UINT_32") { m in
            element("i64", &m) { $0.convertedType = .uint32; $0.logicalType = nil }
        },
        Case(name: "DATE on INT64", column: "i64", needle: "DATE") { m in
            element("i64", &m) { $0.convertedType = .date; $0.logicalType = .date }
        },
        Case(name: "STRING on INT32", column: "i32", needle: "STRING") { m in
            element("i32", &m) { $0.convertedType = .utf8; $0.logicalType = .string }
        },
        Case(name: "JSON on a double", column: "d", needle: "JSON") { m in
            element("d", &m) { $0.convertedType = .json; $0.logicalType = .json }
        },
        Case(name: "a chunk of more values than rows", column: "i64", needle: "values") { m in
            m.rowGroups[0].columns[1].metaData!.numValues += 1
        },
        Case(name: "a chunk of fewer values than rows", column: "d", needle: "values") { m in
            m.rowGroups[0].columns[3].metaData!.numValues -= 2
        },
        Case(name: "one column's metadata broken", column: "s", needle: "total_compressed_size") { m in
            m.rowGroups[0].columns[2].metaData!.totalCompressedSize = -5
        },
    ]

    /// pyarrow's file, and a copy of it with `change` made to its footer.
    static func files(_ folder: URL, _ cases: [Case]) throws -> (good: URL, patched: [URL]) {
        let good = folder.appendingPathComponent("good.parquet")
        _ = try PythonScript.run("strictness.py", ["write", good.path])
        let bytes = try [UInt8](Data(contentsOf: good))
        let reader = try ParquetFileReader(path: good.path)
        let footerLength = Int(UInt32(bytes[bytes.count - 8]) | UInt32(bytes[bytes.count - 7]) << 8
                               | UInt32(bytes[bytes.count - 6]) << 16 | UInt32(bytes[bytes.count - 5]) << 24)
        let data = bytes[..<(bytes.count - 8 - footerLength)]
        var patched: [URL] = []
        for (i, c) in cases.enumerated() {
            var meta = reader.metadata
            c.change(&meta)
            var w = ThriftCompactWriter()
            meta.write(to: &w)
            let footer = w.bytes
            var out = Array(data) + footer
            withUnsafeBytes(of: UInt32(footer.count).littleEndian) { out += $0 }
            out += Array("PAR1".utf8)
            let url = folder.appendingPathComponent("case\(i).parquet")
            try Data(out).write(to: url)
            patched.append(url)
        }
        return (good, patched)
    }

    func valuesText(_ data: ColumnData) -> String {
        switch data.values {
        case .int32(let v): v.map(String.init).joined(separator: "|")
        case .int64(let v): v.map(String.init).joined(separator: "|")
        case .double(let v): v.map { "\($0)" }.joined(separator: "|")
        case .bytes(let v): (0..<v.count).map { String(decoding: v[$0], as: UTF8.self) }.joined(separator: "|")
        default: "?"
        }
    }

    @Test func contradictionsAreRefusedColumnByColumnAsPyarrowAndDuckDBDo() throws {
        let folder = URL(fileURLWithPath: Repository.temporaryFolder("strictness"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (good, patched) = try Self.files(folder, Self.cases)
        let json = try PythonScript.run("strictness.py", ["read", good.path] + patched.map(\.path))
        let oracle = try #require(try JSONSerialization.jsonObject(with: json) as? [String: [String: [String: String]]])
        let expected = try #require(oracle[good.path]?["pyarrow"])
        for (c, url) in zip(Self.cases, patched) {
            let verdicts = try #require(oracle[url.path])
            // The outside oracles refuse the column at fault, one or both of them.
            let refusedBy = ["pyarrow", "duckdb"].filter { verdicts[$0]?[c.column]?.hasPrefix("error") == true }
            #expect(!refusedBy.isEmpty, "\(c): pyarrow and DuckDB both read \(c.column): \(verdicts)")
            let reader = try ParquetFileReader(path: url.path)
            for column in reader.flatColumns {
                if column.name == c.column {
                    #expect(throws: ParquetError.self, "\(c)") { _ = try reader.readColumn(column, rowGroup: 0) }
                    do {
                        _ = try reader.readColumn(column, rowGroup: 0)
                    } catch {
                        #expect(error.description.contains("column \(c.column)") && error.description.contains(c.needle),
                                "\(c): \(error)")
                    }
                } else {
                    // Every other column reads, with the values pyarrow reads from the good file.
                    let data = try reader.readColumn(column, rowGroup: 0)
                    let want = try #require(expected[column.name]).dropFirst(4)
                    #expect(valuesText(data) == String(want).replacingOccurrences(of: ".0|", with: ".0|"), "\(c): \(column.name)")
                }
            }
        }
    }
}
