import Foundation
import Testing
@testable import Parquet

/// The footers of parquet-testing's files, checked against what pyarrow reads from them.
@Suite struct FooterFileTests {
    struct Facts: Decodable {
        struct Chunk: Decodable {
            var path: String
            var physical_type: String
            var codec: String
            var num_values: Int64
            var compressed: Int64
            var uncompressed: Int64
        }
        var error: String?
        var num_rows: Int64?
        var num_row_groups: Int?
        var num_columns: Int?
        var created_by: String?
        var chunks: [Chunk]?
    }

    static func parseFooter(_ url: URL) -> Result<FileMetaData, ParquetError> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(ParquetError(.io, "cannot read \(url.path)"))
        }
        do throws(ParquetError) {
            return .success(try withExactBytes([UInt8](data)) { (raw) throws(ParquetError) in
                try FileMetaData.read(fileBytes: raw)
            })
        } catch {
            return .failure(error)
        }
    }

    /// Runs Scripts/footer_facts.py with the repository's `.venv` Python over `files`.
    static func pyarrowFacts(_ files: [URL]) throws -> [String: Facts] {
        let data = try PythonScript.run("footer_facts.py", files.map(\.path))
        return try JSONDecoder().decode([String: Facts].self, from: data)
    }

    /// pyarrow's name for a codec: it calls LZ4_RAW "LZ4" and the Hadoop LZ4 "UNKNOWN".
    static func pyarrowName(_ codec: CompressionCodec) -> String {
        switch codec {
        case .lz4Raw: "LZ4"
        case .lz4: "UNKNOWN"
        default: codec.description
        }
    }

    @Test(.needsParquetTesting) func dataFootersMatchPyarrow() throws {
        let root = try #require(ParquetTestingFiles.root(), "no data folder in $PARQUET_TESTING, ../shared/parquet-testing or .cache/parquet-testing")
        let files = ParquetTestingFiles.files(in: "data")
        try #require(files.count > 0, "no .parquet files in \(root.path)/data")
        let facts = try Self.pyarrowFacts(files)
        var parsed = 0
        var notes: [String] = []
        for file in files {
            let name = file.lastPathComponent
            let expected = try #require(facts[name], "no facts for \(name)")
            switch Self.parseFooter(file) {
            case let .failure(error):
                if let pyError = expected.error {
                    notes.append("\(name): both fail: \(error) / pyarrow: \(pyError)")
                } else {
                    Issue.record("\(name): \(error)")
                }
            case let .success(meta):
                parsed += 1
                if let pyError = expected.error {
                    notes.append("\(name): read here, pyarrow fails: \(pyError)")
                    continue
                }
                compare(meta, expected, name)
            }
        }
        print("parquet-testing data: \(parsed) of \(files.count) footers parse")
        for note in notes { print("  " + note) }
    }

    private func compare(_ meta: FileMetaData, _ expected: Facts, _ name: String) {
        #expect(meta.numRows == expected.num_rows, "\(name): num_rows")
        #expect(meta.rowGroups.count == expected.num_row_groups, "\(name): row groups")
        let leaves = meta.schema.dropFirst().filter { ($0.numChildren ?? 0) == 0 }.count
        #expect(leaves == expected.num_columns, "\(name): columns")
        // pyarrow gives "" for a missing created_by
        #expect((meta.createdBy ?? "") == expected.created_by, "\(name): created_by")
        let chunks = meta.rowGroups.flatMap(\.columns)
        let facts = expected.chunks ?? []
        guard chunks.count == facts.count else {
            Issue.record("\(name): \(chunks.count) column chunks, pyarrow \(facts.count)")
            return
        }
        for (index, (chunk, fact)) in zip(chunks, facts).enumerated() {
            guard let m = chunk.metaData else {
                Issue.record("\(name): chunk \(index) has no metadata")
                continue
            }
            let place = "\(name): chunk \(index) (\(fact.path))"
            #expect(m.pathInSchema.joined(separator: ".") == fact.path, "\(place): path")
            #expect(m.type.description == fact.physical_type, "\(place): type")
            #expect(Self.pyarrowName(m.codec) == fact.codec, "\(place): codec")
            #expect(m.numValues == fact.num_values, "\(place): num_values")
            #expect(m.totalCompressedSize == fact.compressed, "\(place): compressed size")
            #expect(m.totalUncompressedSize == fact.uncompressed, "\(place): uncompressed size")
        }
    }

    @Test(.needsParquetTesting) func realFootersRoundTripThroughTheWriter() throws {
        let files = ParquetTestingFiles.files(in: "data")
        try #require(files.count > 0, "no parquet-testing data files")
        for file in files {
            guard case let .success(meta) = Self.parseFooter(file) else { continue }
            let bytes = Array("PAR1".utf8) + meta.footerBytes()
            let again = footerError(bytes) == nil
                ? try withExactBytes(bytes) { (raw) throws(ParquetError) in try FileMetaData.read(fileBytes: raw) }
                : nil
            #expect(again == meta, "\(file.lastPathComponent)")
        }
    }

    /// What reading the footer of each bad_data file gives; a new file without an entry fails.
    /// Their faults are in pages and levels, not footers, except PARQUET-1481, whose schema
    /// holds a physical type no version of the format has (kept as unknown here).
    static let badData: [String: String] = [
        "ARROW-GH-41317.parquet": "5 rows",
        "ARROW-GH-41321.parquet": "5 rows",
        "ARROW-GH-43605.parquet": "21186 rows",
        "ARROW-GH-45185.parquet": "5 rows",
        "ARROW-GH-47662.parquet": "1000 rows",
        "ARROW-RS-GH-6229-DICTHEADER.parquet": "25 rows",
        "ARROW-RS-GH-6229-LEVELS.parquet": "1 rows",
        "PARQUET-1481.parquet": "34 rows, unknown physical type",
    ]

    @Test(.needsParquetTesting) func badDataFootersGiveTheirKnownOutcome() throws {
        let files = ParquetTestingFiles.files(in: "bad_data")
        try #require(files.count > 0, "no parquet-testing bad_data files")
        for file in files {
            let name = file.lastPathComponent
            let outcome: String
            switch Self.parseFooter(file) {
            case let .failure(error): outcome = "\(error.kind): \(error)"
            case let .success(meta):
                let unknown = meta.schema.contains { $0.type.map { !$0.isKnown } ?? false }
                outcome = "\(meta.numRows) rows" + (unknown ? ", unknown physical type" : "")
            }
            #expect(outcome == Self.badData[name], "bad_data \(name)")
        }
    }

    /// Every page header of every column chunk parses, and the data pages hold the chunk's values.
    @Test(.needsParquetTesting) func pageHeadersOfRealFilesParse() throws {
        let files = ParquetTestingFiles.files(in: "data")
        try #require(files.count > 0, "no parquet-testing data files")
        var pages = 0
        for file in files {
            guard case let .success(meta) = Self.parseFooter(file),
                  let data = FileManager.default.contents(atPath: file.path) else { continue }
            let bytes = [UInt8](data)
            for (g, group) in meta.rowGroups.enumerated() {
                for (c, chunk) in group.columns.enumerated() {
                    guard let m = chunk.metaData, chunk.filePath == nil else { continue }
                    let place = "\(file.lastPathComponent) row group \(g) column \(c)"
                    do throws(ParquetError) {
                        pages += try Self.walkPages(bytes, m)
                    } catch {
                        Issue.record("\(place): \(error)")
                    }
                }
            }
        }
        print("parquet-testing data: \(pages) page headers parse")
    }

    /// Reads the page headers of one chunk; returns how many there were.
    static func walkPages(_ bytes: [UInt8], _ m: ColumnMetaData) throws(ParquetError) -> Int {
        var start = m.dataPageOffset
        // column_chunk_key_value_metadata.parquet: data_page_offset 0 and only a dictionary page
        if let dictionary = m.dictionaryPageOffset, dictionary > 0, dictionary < start || start < 4 { start = dictionary }
        let end = start + m.totalCompressedSize
        guard start >= 4, end <= Int64(bytes.count) else { throw .outOfBounds("chunk \(start)..<\(end) outside the file") }
        return try withExactBytes(bytes) { (raw) throws(ParquetError) -> Int in
            var reader = ThriftCompactReader(ByteCursor(raw, offset: Int(start)))
            var values: Int64 = 0
            var count = 0
            while reader.cursor.offset < Int(end) {
                let header = try PageHeader(from: &reader)
                count += 1
                values += Int64(header.dataPageHeader?.numValues ?? header.dataPageHeaderV2?.numValues ?? 0)
                try reader.cursor.skip(Int(header.compressedPageSize))
            }
            guard values == m.numValues else { throw .corrupt("data pages hold \(values) values, chunk \(m.numValues)") }
            return count
        }
    }
}
