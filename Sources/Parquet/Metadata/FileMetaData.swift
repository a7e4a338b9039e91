/// parquet.thrift `FileMetaData`: the footer of a Parquet file.
public struct FileMetaData: Equatable, Sendable {
    public var version: Int32
    /// The schema flattened depth-first; the first element is the root.
    public var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]?
    public var createdBy: String?
    public var columnOrders: [ColumnOrder]?
    /// `EncryptionAlgorithm`, kept as its compact bytes: present in files with a plaintext
    /// footer and encrypted columns.
    public var encryptionAlgorithm: [UInt8]?
    public var footerSigningKeyMetadata: [UInt8]?

    public var isEncrypted: Bool { encryptionAlgorithm != nil }

    public init(version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup]) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var version: Int32?
        var schema: [SchemaElement]?
        var numRows: Int64?
        var rowGroups: [RowGroup]?
        var keyValues: [KeyValue]?
        var createdBy: String?
        var columnOrders: [ColumnOrder]?
        var encryption: [UInt8]?
        var signingKey: [UInt8]?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): version = try r.readI32()
            case (2, .list): schema = try r.readList(of: .struct) { r throws(ParquetError) in try SchemaElement(from: &r) }
            case (3, .i64): numRows = try r.readI64()
            case (4, .list):
                var index = 0
                rowGroups = try r.readList(of: .struct) { r throws(ParquetError) in
                    defer { index += 1 }
                    do throws(ParquetError) { return try RowGroup(from: &r) } catch { throw error.within("row group \(index)") }
                }
            case (5, .list): keyValues = try r.readList(of: .struct) { r throws(ParquetError) in try KeyValue(from: &r) }
            case (6, .binary): createdBy = try r.readString()
            case (7, .list): columnOrders = try r.readList(of: .struct) { r throws(ParquetError) in try ColumnOrder(from: &r) }
            case (8, .struct): encryption = try r.readRawStruct()
            case (9, .binary): signingKey = try r.readBinary()
            default: return false
            }
            return true
        }
        let name = "FileMetaData"
        self.init(
            version: try version.required("version", in: name),
            schema: try schema.required("schema", in: name),
            numRows: try numRows.required("num_rows", in: name).nonNegative("num_rows", in: name),
            rowGroups: try rowGroups.required("row_groups", in: name))
        guard !self.schema.isEmpty else { throw .corrupt("FileMetaData.schema has no root element") }
        self.keyValueMetadata = keyValues
        self.createdBy = createdBy
        self.columnOrders = columnOrders
        self.encryptionAlgorithm = encryption
        self.footerSigningKeyMetadata = signingKey
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        writer.writeI32Field(1, version)
        writer.writeListField(2, of: .struct, schema) { w, e in e.write(to: &w) }
        writer.writeI64Field(3, numRows)
        writer.writeListField(4, of: .struct, rowGroups) { w, g in g.write(to: &w) }
        if let keyValueMetadata {
            writer.writeListField(5, of: .struct, keyValueMetadata) { w, kv in kv.write(to: &w) }
        }
        if let createdBy { writer.writeStringField(6, createdBy) }
        if let columnOrders {
            writer.writeListField(7, of: .struct, columnOrders) { w, o in o.write(to: &w) }
        }
        if let encryptionAlgorithm { writer.writeRawStructField(8, encryptionAlgorithm) }
        if let footerSigningKeyMetadata { writer.writeBinaryField(9, footerSigningKeyMetadata) }
        writer.writeStructEnd()
    }
}
