/// parquet.thrift `ColumnChunk`: one column of one row group.
public struct ColumnChunk: Equatable, Sendable {
    /// Set when the chunk lives in another file.
    public var filePath: String?
    public var fileOffset: Int64
    public var metaData: ColumnMetaData?
    public var offsetIndexOffset: Int64?
    public var offsetIndexLength: Int32?
    public var columnIndexOffset: Int64?
    public var columnIndexLength: Int32?
    /// `ColumnCryptoMetaData`, kept as its compact bytes: present when the column is encrypted.
    public var cryptoMetadata: [UInt8]?
    public var encryptedColumnMetadata: [UInt8]?
    /// Why `metaData` could not be read, when its struct is whole but its values are not (a
    /// missing or negative field): an error of this column alone, raised when it is read.
    public var metaDataProblem: ParquetError?

    public var isEncrypted: Bool { cryptoMetadata != nil || encryptedColumnMetadata != nil }

    public init(fileOffset: Int64, metaData: ColumnMetaData?) {
        self.fileOffset = fileOffset
        self.metaData = metaData
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var c = ColumnChunk(fileOffset: 0, metaData: nil)
        var fileOffset: Int64?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .binary): c.filePath = try r.readString()
            case (2, .i64): fileOffset = try r.readI64()
            case (3, .struct):
                // Read aside, so that one column's bad metadata fails that column, not the file.
                let raw = try r.readRawStruct()
                do throws(ParquetError) {
                    c.metaData = try raw.withParquetBytes { (bytes) throws(ParquetError) -> ColumnMetaData in
                        var inner = ThriftCompactReader(bytes)
                        return try ColumnMetaData(from: &inner)
                    }
                } catch {
                    c.metaDataProblem = error.within("column metadata")
                }
            case (4, .i64): c.offsetIndexOffset = try r.readI64()
            case (5, .i32): c.offsetIndexLength = try r.readI32()
            case (6, .i64): c.columnIndexOffset = try r.readI64()
            case (7, .i32): c.columnIndexLength = try r.readI32()
            case (8, .struct): c.cryptoMetadata = try r.readRawStruct()
            case (9, .binary): c.encryptedColumnMetadata = try r.readBinary()
            default: return false
            }
            return true
        }
        let name = "ColumnChunk"
        c.fileOffset = try fileOffset.required("file_offset", in: name).nonNegative("file_offset", in: name)
        _ = try c.offsetIndexOffset.nonNegative("offset_index_offset", in: name)
        _ = try c.offsetIndexLength.nonNegative("offset_index_length", in: name)
        _ = try c.columnIndexOffset.nonNegative("column_index_offset", in: name)
        _ = try c.columnIndexLength.nonNegative("column_index_length", in: name)
        self = c
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        if let filePath { writer.writeStringField(1, filePath) }
        writer.writeI64Field(2, fileOffset)
        if let metaData {
            writer.writeFieldHeader(id: 3, type: .struct)
            metaData.write(to: &writer)
        }
        if let offsetIndexOffset { writer.writeI64Field(4, offsetIndexOffset) }
        if let offsetIndexLength { writer.writeI32Field(5, offsetIndexLength) }
        if let columnIndexOffset { writer.writeI64Field(6, columnIndexOffset) }
        if let columnIndexLength { writer.writeI32Field(7, columnIndexLength) }
        if let cryptoMetadata { writer.writeRawStructField(8, cryptoMetadata) }
        if let encryptedColumnMetadata { writer.writeBinaryField(9, encryptedColumnMetadata) }
        writer.writeStructEnd()
    }
}
