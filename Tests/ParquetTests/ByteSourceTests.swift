import Foundation
import Testing
@testable import Parquet

/// The reader over a source whose reads are requests (object storage): the file's end first,
/// then only the column chunks asked for, and no read of the file's start; a writer into memory
/// makes the same bytes as one into a file.
@Suite struct ByteSourceTests {
    /// A file held in memory that records each read, as ranged GETs would go.
    final class RecordingSource: ParquetByteSource {
        let name = "mem://file"
        let cheapReads: Bool
        let bytes: [UInt8]
        var reads: [(offset: Int, count: Int)] = []

        init(_ bytes: [UInt8], cheap: Bool = false) {
            self.bytes = bytes
            cheapReads = cheap
        }

        func tail(_ count: Int) throws(ParquetError) -> (bytes: [UInt8], fileSize: Int) {
            let n = min(count, bytes.count)
            reads.append((bytes.count - n, n))
            return (Array(bytes.suffix(n)), bytes.count)
        }

        func read(offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
            reads.append((offset, count))
            guard offset >= 0, offset + count <= bytes.count else { throw .endOfData("past the end") }
            return Array(bytes[offset..<(offset + count)])
        }
    }

    static func strings(_ texts: [String]) -> ByteArrayValues {
        var values = ByteArrayValues()
        for t in texts { values.append(t.utf8) }
        return values
    }

    /// A file larger than the reader's first read of its end: three int64 columns of random
    /// values in two row groups.
    static func bigFile() throws -> [UInt8] {
        var options = WriterOptions()
        options.rowGroupRows = 20_000
        options.codec = .uncompressed
        let writer = try ParquetFileWriter(columns: [WriterColumn("a", .int64), WriterColumn("b", .int64),
                                                     WriterColumn("c", .int64)], options: options)
        var state: UInt64 = 7
        func column() -> ColumnBatch {
            ColumnBatch(values: .int64((0..<40_000).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int64(bitPattern: state)
            }))
        }
        try writer.write([column(), column(), column()])
        try writer.close()
        return writer.bytes
    }

    @Test func readsTheEndThenOnlyTheChunksAskedFor() throws {
        let file = try Self.bigFile()
        #expect(file.count > 2 * ParquetFileReader.footerGuess)
        let source = RecordingSource(file)
        let reader = try ParquetFileReader(source: source)
        #expect(source.reads.count == 1)
        #expect(source.reads[0].offset + source.reads[0].count == file.count)
        let b = reader.flatColumns[1]
        for group in 0..<reader.rowGroupCount {
            let data = try reader.readColumn(b, rowGroup: group)
            #expect(data.rowCount == 20_000)
        }
        // One read a row group, each exactly b's chunk (plus the PARQUET-816 slack).
        #expect(source.reads.count == 1 + reader.rowGroupCount)
        for (group, read) in zip(0..<reader.rowGroupCount, source.reads.dropFirst()) {
            let meta = reader.metadata.rowGroups[group].columns[1].metaData!
            #expect(Int64(read.offset) == meta.dataPageOffset)
            #expect(Int64(read.count) == meta.totalCompressedSize + 100)
        }
    }

    @Test func aLocalSourceChecksTheLeadingMagicAndARemoteOneDoesNot() throws {
        var file = try Self.bigFile()
        file[0] = UInt8(ascii: "X")
        #expect(throws: ParquetError.self) { try ParquetFileReader(source: RecordingSource(file, cheap: true)) }
        let remote = RecordingSource(file)
        _ = try ParquetFileReader(source: remote)
        #expect(remote.reads.count == 1)
    }

    @Test func aSmallFileIsOneRead() throws {
        let writer = try ParquetFileWriter(columns: [WriterColumn("x", .string)])
        try writer.write([ColumnBatch(values: .bytes(Self.strings(["a", "b", "c"])))])
        try writer.close()
        let source = RecordingSource(writer.bytes)
        let reader = try ParquetFileReader(source: source)
        let data = try reader.readColumn(reader.flatColumns[0], rowGroup: 0)
        #expect(data.rowCount == 3)
        #expect(source.reads.count == 1)
    }

    @Test func aWriterIntoMemoryMakesTheFileBytes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mem-\(getpid()).parquet").path
        defer { unlink(path) }
        let batches = [ColumnBatch(values: .int64([1, 2, 3])), ColumnBatch(values: .bytes(Self.strings(["x", "y", "z"])))]
        let columns = [WriterColumn("n", .int64), WriterColumn("s", .string)]
        let toFile = try ParquetFileWriter(path: path, columns: columns)
        try toFile.write(batches)
        try toFile.close()
        let inMemory = try ParquetFileWriter(columns: columns)
        try inMemory.write(batches)
        try inMemory.close()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == inMemory.bytes)
    }

    @Test func aShortRemoteFileIsAnError() throws {
        let source = RecordingSource(Array("PAR1".utf8))
        #expect(throws: ParquetError.self) { try ParquetFileReader(source: source) }
    }
}
