#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Parquet file opened for reading: its footer and schema are read at once; column chunks
/// are read on demand with positioned reads, so asking for two columns reads only their
/// bytes. Every offset and size from the footer is checked against the file's size.
public final class ParquetFileReader {
    public let path: String
    public let metadata: FileMetaData
    public let schema: ParquetSchema
    public let fileSize: Int
    /// Where the footer starts: column chunks must end before it.
    private let footerStart: Int
    private let fd: Int32

    /// The largest footer accepted (arrow-rs and DuckDB read far smaller ones).
    static let maxFooterBytes = 256 << 20

    public init(path: String) throws(ParquetError) {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ParquetError(.io, String(cString: strerror(errno)), context: [path]) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw ParquetError(.io, message, context: [path])
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ParquetError(.io, "not a regular file", context: [path])
        }
        self.fd = fd
        fileSize = Int(st.st_size)
        do throws(ParquetError) {
            guard fileSize >= 12 else { throw .corrupt("\(fileSize) bytes is too small for a Parquet file") }
            let tail = try Self.pread(fd, offset: fileSize - 8, count: 8)
            let head = try Self.pread(fd, offset: 0, count: 4)
            if Array(tail[4...]) == Array("PARE".utf8) { throw .unsupported("encrypted file (PARE footer)") }
            guard Array(tail[4...]) == Array("PAR1".utf8) else { throw .corrupt("no PAR1 magic at the end of the file") }
            guard head == Array("PAR1".utf8) else { throw .corrupt("no PAR1 magic at the start of the file") }
            let length = Int(UInt32(tail[0]) | UInt32(tail[1]) << 8 | UInt32(tail[2]) << 16 | UInt32(tail[3]) << 24)
            guard length <= fileSize - 12, length <= Self.maxFooterBytes else {
                throw .outOfBounds("footer length \(length) does not fit in the \(fileSize)-byte file")
            }
            footerStart = fileSize - 8 - length
            let footer = try Self.pread(fd, offset: footerStart, count: length)
            let meta: FileMetaData = try footer.withParquetBytes { (raw) throws(ParquetError) in
                var reader = ThriftCompactReader(raw)
                do throws(ParquetError) { return try FileMetaData(from: &reader) } catch { throw error.within("footer") }
            }
            if meta.isEncrypted { throw .unsupported("encrypted file") }
            metadata = meta
            schema = try ParquetSchema(elements: meta.schema)
            guard meta.numRows >= 0 else { throw .corrupt("negative row count \(meta.numRows)") }
        } catch {
            close(fd)
            throw error.within(path)
        }
    }

    deinit { close(fd) }

    public var rowGroupCount: Int { metadata.rowGroups.count }

    /// The flat columns (leaves directly under the root, not repeated).
    public var flatColumns: [ColumnDescriptor] { schema.columns.filter { !$0.isNested } }

    /// The nested columns this reader refuses, by name.
    public var nestedColumnNames: [String] { schema.columns.filter(\.isNested).map(\.name) }

    /// Reads one flat column of one row group.
    public func readColumn(_ column: ColumnDescriptor, rowGroup index: Int) throws(ParquetError) -> ColumnData {
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
                guard !chunk.isEncrypted else { throw .unsupported("encrypted column") }
                guard chunk.filePath == nil else { throw .unsupported("column chunk in another file (\(chunk.filePath!))") }
                guard let meta = chunk.metaData else { throw .corrupt("column chunk without metadata") }
                guard meta.type == column.physicalType else {
                    throw .corrupt("chunk type \(meta.type) differs from the schema's \(column.physicalType)")
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
                let bytes = try Self.pread(fd, offset: Int(start), count: Int(length))
                let reader = try ColumnChunkReader(column: column, meta: meta, rowCount: Int(group.numRows))
                return try bytes.withParquetBytes { (raw) throws(ParquetError) in try reader.read(raw) }
            } catch {
                throw error.within("column \(column.name)")
            }
        } catch {
            throw error.within("row group \(index)").within(path)
        }
    }

    private static func pread(_ fd: Int32, offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = bytes.withUnsafeMutableBytes { Glibc.pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetError(.io, String(cString: strerror(errno)))
            }
            guard n > 0 else { throw .endOfData("file ended at \(offset + done) while reading \(count) bytes at \(offset)") }
            done += n
        }
        return bytes
    }
}
