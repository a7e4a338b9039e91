/// parquet.thrift `RowGroup`: a horizontal slice of the file, one chunk per leaf column.
public struct RowGroup: Equatable, Sendable {
    public var columns: [ColumnChunk]
    public var totalByteSize: Int64
    public var numRows: Int64
    public var sortingColumns: [SortingColumn]?
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?

    public init(columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var columns: [ColumnChunk]?
        var totalByteSize: Int64?
        var numRows: Int64?
        var sorting: [SortingColumn]?
        var fileOffset: Int64?
        var totalCompressedSize: Int64?
        var ordinal: Int16?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .list):
                var index = 0
                columns = try r.readList(of: .struct) { r throws(ParquetError) in
                    defer { index += 1 }
                    do throws(ParquetError) { return try ColumnChunk(from: &r) } catch { throw error.within("column \(index)") }
                }
            case (2, .i64): totalByteSize = try r.readI64()
            case (3, .i64): numRows = try r.readI64()
            case (4, .list): sorting = try r.readList(of: .struct) { r throws(ParquetError) in try SortingColumn(from: &r) }
            case (5, .i64): fileOffset = try r.readI64()
            case (6, .i64): totalCompressedSize = try r.readI64()
            case (7, .i16): ordinal = try r.readI16()
            default: return false
            }
            return true
        }
        let name = "RowGroup"
        self.init(
            columns: try columns.required("columns", in: name),
            totalByteSize: try totalByteSize.required("total_byte_size", in: name).nonNegative("total_byte_size", in: name),
            numRows: try numRows.required("num_rows", in: name).nonNegative("num_rows", in: name))
        self.sortingColumns = sorting
        self.fileOffset = try fileOffset.nonNegative("file_offset", in: name)
        self.totalCompressedSize = try totalCompressedSize.nonNegative("total_compressed_size", in: name)
        self.ordinal = try ordinal.nonNegative("ordinal", in: name)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        writer.writeListField(1, of: .struct, columns) { w, c in c.write(to: &w) }
        writer.writeI64Field(2, totalByteSize)
        writer.writeI64Field(3, numRows)
        if let sortingColumns {
            writer.writeListField(4, of: .struct, sortingColumns) { w, s in s.write(to: &w) }
        }
        if let fileOffset { writer.writeI64Field(5, fileOffset) }
        if let totalCompressedSize { writer.writeI64Field(6, totalCompressedSize) }
        if let ordinal { writer.writeI16Field(7, ordinal) }
        writer.writeStructEnd()
    }
}
