#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Parquet file opened for reading: its footer and schema are read at once; column chunks
/// are read on demand with positioned (or ranged) reads of its source, so asking for two columns
/// reads only their bytes. Every offset and size from the footer is checked against the file's
/// size.
public final class ParquetFileReader {
    public let path: String
    public let metadata: FileMetaData
    public let schema: ParquetSchema
    public let fileSize: Int
    /// Where the footer starts: column chunks must end before it.
    private let footerStart: Int
    private let source: any ParquetByteSource
    /// The whole file, when one read of its end held all of it (small files: the column
    /// chunks are then served from memory, without a read each).
    private let wholeFile: [UInt8]?

    /// Extra bytes read after a column chunk (PARQUET-816).
    static let chunkSlack: Int64 = 100
    /// Bytes read from the end of the file first: enough for most footers.
    public static let footerGuess = 64 << 10
    /// The largest footer accepted (arrow-rs and DuckDB read far smaller ones).
    static let maxFooterBytes = 256 << 20

    /// Opens a local file.
    public convenience init(path: String) throws(ParquetError) {
        try self.init(source: try LocalFileSource(path: path))
    }

    /// Reads the footer from `source`: one read of its last `footerGuess` bytes (a second one
    /// only for a larger footer). The leading magic is checked when reads are cheap or the first
    /// read held the whole file (as arrow-rs and DuckDB, a remote file's start is not fetched for it).
    public init(source: any ParquetByteSource) throws(ParquetError) {
        self.source = source
        path = source.name
        do throws(ParquetError) {
            // One read of the file's end usually holds the whole footer.
            let (tailBytes, size) = try source.tail(Self.footerGuess)
            fileSize = size
            guard fileSize >= 12 else { throw .corrupt("\(fileSize) bytes is too small for a Parquet file") }
            let tailSize = tailBytes.count
            guard tailSize >= 12, tailSize <= fileSize else { throw .endOfData("read \(tailSize) bytes of the file's end") }
            let tail = tailBytes[(tailSize - 8)...]
            let magic = Array(tail.suffix(4))
            if magic == Array("PARE".utf8) { throw .unsupported("encrypted file (PARE footer: no key to read it with)") }
            guard magic == Array("PAR1".utf8) else { throw .corrupt("no PAR1 magic at the end of the file") }
            wholeFile = tailSize == fileSize ? tailBytes : nil
            if tailSize == fileSize || source.cheapReads {
                let head = tailSize == fileSize ? Array(tailBytes[0..<4]) : try source.read(offset: 0, count: 4)
                guard head == Array("PAR1".utf8) else { throw .corrupt("no PAR1 magic at the start of the file") }
            }
            let t = tail.startIndex
            let length = Int(UInt32(tail[t]) | UInt32(tail[t + 1]) << 8 | UInt32(tail[t + 2]) << 16 | UInt32(tail[t + 3]) << 24)
            guard length <= fileSize - 12, length <= Self.maxFooterBytes else {
                throw .outOfBounds("footer length \(length) does not fit in the \(fileSize)-byte file")
            }
            footerStart = fileSize - 8 - length
            let footer = length + 8 <= tailSize
                ? Array(tailBytes[(tailSize - 8 - length)..<(tailSize - 8)])
                : try source.read(offset: footerStart, count: length)
            let meta: FileMetaData = try footer.withParquetBytes { (raw) throws(ParquetError) in
                var reader = ThriftCompactReader(raw)
                do throws(ParquetError) { return try FileMetaData(from: &reader) } catch { throw error.within("footer") }
            }
            // A plaintext footer with encrypted columns (meta.isEncrypted): the footer and the
            // plaintext columns read; an encrypted column is refused when asked for.
            metadata = meta
            schema = try ParquetSchema(elements: meta.schema)
            guard meta.numRows >= 0 else { throw .corrupt("negative row count \(meta.numRows)") }
        } catch {
            throw error.within(source.name)
        }
    }

    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// Leaves whose chunks are encrypted (a plaintext footer with encrypted columns): refused
    /// when read, by name.
    public var encryptedColumnNames: [String] {
        schema.columns.filter { column in metadata.rowGroups.contains { group in
            column.index < group.columns.count && group.columns[column.index].isEncrypted
        } }.map(\.name)
    }

    /// The flat columns (leaves directly under the root, not repeated).
    public var flatColumns: [ColumnDescriptor] { schema.columns.filter { !$0.isNested } }

    /// The nested columns this reader refuses, by name.
    public var nestedColumnNames: [String] { schema.columns.filter(\.isNested).map(\.name) }

    /// Reads one flat column of one row group. With `keepDictionary`, dictionary-encoded
    /// chunks come back as dictionary + indices (`ColumnData.dictionary`).
    public func readColumn(_ column: ColumnDescriptor, rowGroup index: Int, keepDictionary: Bool = false)
        throws(ParquetError) -> ColumnData
    {
        do throws(ParquetError) {
            guard index >= 0, index < metadata.rowGroups.count else {
                throw .outOfBounds("row group \(index) of \(metadata.rowGroups.count)")
            }
            let group = metadata.rowGroups[index]
            do throws(ParquetError) {
                guard !column.isNested else {
                    throw .unsupported("nested column '\(column.name)' (only flat columns are read)")
                }
                guard column.index < group.columns.count else {
                    throw .corrupt("row group has \(group.columns.count) column chunks, the schema \(schema.columns.count) columns")
                }
                guard group.numRows >= 0, group.numRows <= Int64(Int32.max) else {
                    throw .outOfBounds("row group of \(group.numRows) rows")
                }
                let chunk = group.columns[column.index]
                guard !chunk.isEncrypted else { throw .unsupported("encrypted column (no key to read it with)") }
                guard chunk.filePath == nil else { throw .unsupported("column chunk in another file (\(chunk.filePath!))") }
                if let problem = column.annotationProblem { throw .corrupt(problem) }
                guard let meta = chunk.metaData else { throw chunk.metaDataProblem ?? .corrupt("column chunk without metadata") }
                guard meta.type == column.physicalType else {
                    throw .corrupt("chunk type \(meta.type) differs from the schema's \(column.physicalType)")
                }
                // A flat column holds a value (or a null) for every row of its row group.
                guard meta.numValues == group.numRows else {
                    throw .corrupt("column chunk holds \(meta.numValues) values, its row group \(group.numRows) rows")
                }
                if group.numRows == 0 {
                    // Nothing to read (some writers leave the offsets of empty chunks at 0).
                    return ColumnData(descriptor: column, values: try .empty(for: column.physicalType), present: nil,
                                      rowCount: 0)
                }
                var start = meta.dataPageOffset
                if let dictionaryOffset = meta.dictionaryPageOffset, dictionaryOffset > 0, dictionaryOffset < start {
                    start = dictionaryOffset
                }
                let length = meta.totalCompressedSize
                guard start >= 4, length >= 0, start <= Int64(footerStart), length <= Int64(footerStart) - start else {
                    throw .outOfBounds("column chunk at \(start) of \(length) bytes outside the file's data (\(footerStart) bytes)")
                }
                // parquet-mr before 1.2.9 wrote dictionary chunks' total_compressed_size up to 100
                // bytes short (PARQUET-816): read up to 100 bytes more, never past the data; the
                // chunk reader stops once it has the row group's values.
                let padded = min(length + Self.chunkSlack, Int64(footerStart) - start)
                var reader = try ColumnChunkReader(column: column, meta: meta, rowCount: Int(group.numRows))
                reader.keepDictionary = keepDictionary
                if let wholeFile {
                    // start + padded <= footerStart < fileSize, checked above.
                    return try wholeFile.withParquetBytes { (raw) throws(ParquetError) in
                        try reader.read(UnsafeRawBufferPointer(rebasing: raw[Int(start)..<Int(start + padded)]))
                    }
                }
                let bytes = try source.read(offset: Int(start), count: Int(padded))
                return try bytes.withParquetBytes { (raw) throws(ParquetError) in try reader.read(raw) }
            } catch {
                throw error.within("column \(column.name)")
            }
        } catch {
            throw error.within("row group \(index)").within(path)
        }
    }
}
