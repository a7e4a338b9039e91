/// parquet.thrift `SortingColumn`: a row group is sorted by this leaf column.
public struct SortingColumn: Equatable, Sendable {
    public var columnIndex: Int32
    public var descending: Bool
    public var nullsFirst: Bool

    public init(columnIndex: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var column: Int32?
        var descending: Bool?
        var nullsFirst: Bool?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): column = try r.readI32()
            case (2, .bool): descending = try r.readBool()
            case (3, .bool): nullsFirst = try r.readBool()
            default: return false
            }
            return true
        }
        let name = "SortingColumn"
        self.init(
            columnIndex: try column.required("column_idx", in: name).nonNegative("column_idx", in: name),
            descending: try descending.required("descending", in: name),
            nullsFirst: try nullsFirst.required("nulls_first", in: name))
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        writer.writeI32Field(1, columnIndex)
        writer.writeBoolField(2, descending)
        writer.writeBoolField(3, nullsFirst)
        writer.writeStructEnd()
    }
}
