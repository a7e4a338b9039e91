#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a Parquet file of flat columns: `PAR1`, row groups of column chunks, the footer.
/// Files are data page v1, dictionary-encoded where it pays, SNAPPY by default, with
/// min/max/null-count statistics, readable by DuckDB, pyarrow, Spark and polars.
public final class ParquetFileWriter {
    public let path: String
    public let columns: [WriterColumn]
    public let options: WriterOptions
    private var fd: Int32
    /// The file's bytes, for a writer into memory (`init(columns:options:)`).
    public private(set) var bytes: [UInt8] = []
    private let inMemory: Bool
    private var offset: Int64 = 0
    private var rowGroups: [RowGroup] = []
    private var rows: Int64 = 0

    /// Creates (or truncates) the file at `path`.
    public init(path: String, columns: [WriterColumn], options: WriterOptions = WriterOptions()) throws(ParquetError) {
        try Self.check(columns, options)
        self.path = path
        self.columns = columns
        self.options = options
        inMemory = false
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ParquetError(.io, String(cString: strerror(errno)), context: [path]) }
        try append(Array("PAR1".utf8))
    }

    /// Writes the file into memory (`bytes`), for a store that takes whole objects.
    public init(columns: [WriterColumn], options: WriterOptions = WriterOptions()) throws(ParquetError) {
        try Self.check(columns, options)
        path = "(memory)"
        self.columns = columns
        self.options = options
        inMemory = true
        fd = -1
        try append(Array("PAR1".utf8))
    }

    private static func check(_ columns: [WriterColumn], _ options: WriterOptions) throws(ParquetError) {
        guard !columns.isEmpty else { throw .corrupt("a Parquet file needs at least one column") }
        guard Set(columns.map(\.name)).count == columns.count else { throw .corrupt("duplicate column names") }
        guard options.codec == .snappy || options.codec == .zstd || options.codec == .uncompressed
                || options.codec == .gzip || options.codec == .lz4Raw || options.codec == .brotli
        else { throw .unsupported("writing \(options.codec.name)") }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Writes rows, one batch per column (all of the same row count), as one or more row
    /// groups of at most `rowGroupRows` rows.
    public func write(_ batches: [ColumnBatch]) throws(ParquetError) {
        guard batches.count == columns.count else {
            throw .corrupt("\(batches.count) batches for \(columns.count) columns")
        }
        let rowCount = batches.first?.rowCount ?? 0
        guard batches.allSatisfy({ $0.rowCount == rowCount }) else { throw .corrupt("columns of different lengths") }
        var start = 0
        repeat {
            let end = min(rowCount, start + options.rowGroupRows)
            try writeRowGroup(batches.map { $0.slice(start..<end) }, rows: end - start)
            start = end
        } while start < rowCount
    }

    private func writeRowGroup(_ batches: [ColumnBatch], rows count: Int) throws(ParquetError) {
        let groupStart = offset
        var chunks: [ColumnChunk] = []
        var uncompressed: Int64 = 0
        for (column, batch) in zip(columns, batches) {
            let (bytes, meta) = try ColumnChunkWriter(column: column, options: options).write(batch, at: offset)
            let chunkOffset = offset
            try append(bytes)
            chunks.append(ColumnChunk(fileOffset: chunkOffset, metaData: meta))
            uncompressed += meta.totalUncompressedSize
        }
        var group = RowGroup(columns: chunks, totalByteSize: uncompressed, numRows: Int64(count))
        group.fileOffset = groupStart
        group.totalCompressedSize = offset - groupStart
        group.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        rowGroups.append(group)
        rows += Int64(count)
    }

    /// Writes the footer and closes the file; with `sync`, its bytes reach the disk first.
    @discardableResult
    public func close(sync: Bool = false) throws(ParquetError) -> FileMetaData {
        let root = { () -> SchemaElement in
            var e = SchemaElement(name: "schema")
            e.numChildren = Int32(columns.count)
            return e
        }()
        var meta = FileMetaData(version: 1, schema: [root] + columns.map(\.schemaElement), numRows: rows,
                                rowGroups: rowGroups)
        meta.createdBy = options.createdBy
        meta.columnOrders = columns.map { _ in .typeDefined }
        if !options.keyValueMetadata.isEmpty { meta.keyValueMetadata = options.keyValueMetadata }
        try append(meta.footerBytes())
        if inMemory { return meta }
        if sync, fsync(fd) != 0 { throw ParquetError(.io, "fsync: \(String(cString: strerror(errno)))", context: [path]) }
        let result = Glibc.close(fd)
        fd = -1
        guard result == 0 else { throw ParquetError(.io, "close: \(String(cString: strerror(errno)))", context: [path]) }
        return meta
    }

    private func append(_ bytes: [UInt8]) throws(ParquetError) {
        if inMemory {
            self.bytes.append(contentsOf: bytes)
            offset += Int64(bytes.count)
            return
        }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ParquetError(.io, "write: \(String(cString: strerror(errno)))", context: [path])
            }
            done += n
        }
        offset += Int64(bytes.count)
    }
}

extension ColumnBatch {
    /// The rows in `range`.
    func slice(_ range: Range<Int>) -> ColumnBatch {
        if range.lowerBound == 0 && range.upperBound == rowCount { return self }
        let valueRange: Range<Int>
        var newPresent: [Bool]?
        if let present {
            let before = present[..<range.lowerBound].reduce(0) { $0 + ($1 ? 1 : 0) }
            let inside = present[range].reduce(0) { $0 + ($1 ? 1 : 0) }
            valueRange = before..<before + inside
            newPresent = Array(present[range])
        } else {
            valueRange = range
        }
        return ColumnBatch(values: values.slice(valueRange), present: newPresent)
    }
}

extension ColumnValues {
    func slice(_ r: Range<Int>) -> ColumnValues {
        switch self {
        case .boolean(let v): return .boolean(Array(v[r]))
        case .int32(let v): return .int32(Array(v[r]))
        case .int64(let v): return .int64(Array(v[r]))
        case .int96(let v): return .int96(Array(v[r]))
        case .float(let v): return .float(Array(v[r]))
        case .double(let v): return .double(Array(v[r]))
        case .bytes(let v):
            var out = ByteArrayValues()
            for i in r { out.append(v[i]) }
            return .bytes(out)
        }
    }
}
