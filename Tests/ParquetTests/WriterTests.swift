import Foundation
import Testing
@testable import Parquet

/// Files the writer produces, read back by this reader, by pyarrow and by DuckDB: the same
/// values and the declared types.
@Suite struct WriterTests {
    static let columns: [WriterColumn] = [
        WriterColumn("flag", .boolean, optional: true),
        WriterColumn("small", .int32),
        WriterColumn("big", .int64, optional: true),
        WriterColumn("ratio", .float),
        WriterColumn("amount", .double, optional: true),
        WriterColumn("tenant", .string, optional: true),
        WriterColumn("day", .date),
        WriterColumn("at_ms", .timestamp(unit: .millis, isAdjustedToUTC: true)),
        WriterColumn("at_us", .timestamp(unit: .micros, isAdjustedToUTC: false), optional: true),
        WriterColumn("at_ns", .timestamp(unit: .nanos, isAdjustedToUTC: true)),
    ]

    /// Expected types: pyarrow's and DuckDB's names for each column above.
    static let pyarrowTypes = ["bool", "int32", "int64", "float", "double", "string", "date32[day]",
                               "timestamp[ms, tz=UTC]", "timestamp[us]", "timestamp[ns, tz=UTC]"]
    static let duckdbTypes = ["BOOLEAN", "INTEGER", "BIGINT", "FLOAT", "DOUBLE", "VARCHAR", "DATE",
                              "TIMESTAMP WITH TIME ZONE", "TIMESTAMP", "TIMESTAMPTZ_NS"]

    /// Rows of generated data: batches for the writer and the canonical text of every cell.
    static func makeData(rows: Int, seed: UInt64) -> (batches: [ColumnBatch], text: [[String?]]) {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var text = [[String?]](repeating: [], count: rows)
        var batches: [ColumnBatch] = []
        func column<T>(_ optional: Bool, _ make: (Int) -> T, _ show: (T) -> String, _ wrap: ([T]) -> ColumnValues) {
            var values: [T] = []
            var present: [Bool] = []
            for r in 0..<rows {
                if optional && next() % 5 == 0 {
                    present.append(false)
                    text[r].append(nil)
                } else {
                    let v = make(r)
                    values.append(v)
                    present.append(true)
                    text[r].append(show(v))
                }
            }
            batches.append(ColumnBatch(values: wrap(values), present: optional ? present : nil))
        }
        let tenants = ["acme", "globex", "initech", "ünïcödé", "", "a,b\"c", "日本"]
        column(true, { _ in next() % 2 == 0 }, { $0 ? "true" : "false" }, { .boolean($0) })
        column(false, { r in r % 7 == 0 ? Int32.min + Int32(r) : Int32(truncatingIfNeeded: next()) % 1000 },
               { String($0) }, { .int32($0) })
        column(true, { r in r % 11 == 0 ? Int64.max - Int64(r) : Int64(bitPattern: next()) }, { String($0) },
               { .int64($0) })
        column(false, { r in r % 13 == 0 ? -0.0 : Float(Int(next() % 100_000)) / 7 }, { Double($0).description },
               { .float($0) })
        column(true, { _ in Double(Int64(bitPattern: next()) % 1_000_000_000) / 1000 }, { $0.description },
               { .double($0) })
        column(true, { _ in Array(tenants[Int(next() % UInt64(tenants.count))].utf8) },
               { String(decoding: $0, as: UTF8.self) },
               { arrays in var v = ByteArrayValues(); arrays.forEach { v.append($0) }; return .bytes(v) })
        column(false, { _ in Int32(next() % 40_000) }, { String($0) }, { .int32($0) })
        column(false, { _ in Int64(next() % 4_000_000_000_000) }, { String($0 * 1_000_000) }, { .int64($0) })
        column(true, { _ in Int64(next() % 4_000_000_000_000_000) }, { String($0 * 1000) }, { .int64($0) })
        column(false, { _ in Int64(next() % 4_000_000_000_000_000_000) }, { String($0) }, { .int64($0) })
        return (batches, text)
    }

    struct Reading: Decodable {
        var types: [String: String]?
        var rows: [[String?]]?
        var error: String?
    }

    @Test func filesReadBackIdenticallyByThisReaderPyarrowAndDuckDB() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eventtop-writer-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (batches, text) = Self.makeData(rows: 1000, seed: 42)
        var files: [(URL, WriterOptions)] = []
        for codec in [PageCodec.snappy, .zstd, .uncompressed] {
            for dictionary in [true, false] {
                var options = WriterOptions()
                options.codec = codec
                options.useDictionary = dictionary
                options.rowGroupRows = 300
                options.pageBytes = 256
                options.createdBy = "eventtop version test"
                let url = dir.appendingPathComponent("\(codec.name)-\(dictionary ? "dict" : "plain").parquet")
                let writer = try ParquetFileWriter(path: url.path, columns: Self.columns, options: options)
                try writer.write(batches)
                try writer.close(sync: true)
                files.append((url, options))
            }
        }
        // This reader.
        for (url, options) in files {
            let reader = try ParquetFileReader(path: url.path)
            #expect(reader.metadata.createdBy == "eventtop version test")
            #expect(reader.rowGroupCount == 4)
            #expect(reader.metadata.rowGroups.allSatisfy { $0.columns.allSatisfy { $0.metaData?.codec.rawValue == options.codec.parquetCodec } })
            for column in reader.schema.columns {
                var values: [ColumnValues] = []
                for g in 0..<reader.rowGroupCount { values.append(try reader.readColumn(column, rowGroup: g).values) }
                let original = batches[column.index].values
                #expect(values.reduce(0) { $0 + $1.count } == original.count, "\(url.lastPathComponent) \(column.name)")
            }
        }
        // pyarrow and DuckDB.
        let data = try PythonScript.run("read_written.py", files.map { $0.0.path })
        let readings = try JSONDecoder().decode([String: [String: Reading]].self, from: data)
        for (url, _) in files {
            for (name, expectedTypes) in [("pyarrow", Self.pyarrowTypes), ("duckdb", Self.duckdbTypes)] {
                let reading = try #require(readings[url.path]?[name])
                #expect(reading.error == nil, "\(name) could not read \(url.lastPathComponent): \(reading.error ?? "")")
                let types = Self.columns.map { reading.types?[$0.name] ?? "missing" }
                #expect(types == expectedTypes, "\(name) types of \(url.lastPathComponent)")
                let rows = reading.rows ?? []
                #expect(rows.count == text.count, "\(name) rows of \(url.lastPathComponent)")
                for (r, (got, want)) in zip(rows, text).enumerated() where got != want {
                    Issue.record("\(name) \(url.lastPathComponent) row \(r): \(got) != \(want)")
                    break
                }
            }
        }
    }

    @Test func statisticsAreWrittenForPruning() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eventtop-stats-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("s.parquet")
        let writer = try ParquetFileWriter(path: url.path, columns: [WriterColumn("n", .int64, optional: true),
                                                                      WriterColumn("s", .string)])
        var strings = ByteArrayValues()
        for s in ["m", "b", "z", "b"] { strings.append(Array(s.utf8)) }
        try writer.write([ColumnBatch(values: .int64([5, -3, 9]), present: [true, false, true, true]),
                          ColumnBatch(values: .bytes(strings))])
        try writer.close()
        let reader = try ParquetFileReader(path: url.path)
        let n = try #require(reader.metadata.rowGroups.first?.columns[0].metaData?.statistics)
        #expect(n.nullCount == 1)
        #expect(n.minValue == withUnsafeBytes(of: Int64(-3).littleEndian) { Array($0) })
        #expect(n.maxValue == withUnsafeBytes(of: Int64(9).littleEndian) { Array($0) })
        let s = try #require(reader.metadata.rowGroups.first?.columns[1].metaData?.statistics)
        #expect(s.minValue == Array("b".utf8))
        #expect(s.maxValue == Array("z".utf8))
        #expect(reader.metadata.columnOrders?.count == 2)
        let typed = try #require(reader.statistics(of: reader.schema.columns[0], rowGroup: 0))
        #expect(typed.min == .integer(-3) && typed.max == .integer(9) && typed.nullCount == 1 && typed.valueCount == 4)
        #expect(reader.statistics(of: reader.schema.columns[1], rowGroup: 0)?.max == .bytes(Array("z".utf8)))
    }

    @Test func badInputIsAnErrorNotAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eventtop-bad-\(UUID()).parquet")
        defer { try? FileManager.default.removeItem(at: url) }
        let writer = try ParquetFileWriter(path: url.path, columns: [WriterColumn("n", .int64)])
        #expect(throws: ParquetError.self) { try writer.write([ColumnBatch(values: .int32([1]))]) }
        #expect(throws: ParquetError.self) {
            try writer.write([ColumnBatch(values: .int64([1]), present: [true, false])])
        }
        #expect(throws: ParquetError.self) {
            _ = try ParquetFileWriter(path: "/nonexistent-dir/x.parquet", columns: [WriterColumn("n", .int64)])
        }
    }
}
