/// parquet.thrift `DictionaryPageHeader`.
public struct DictionaryPageHeader: Equatable, Sendable {
    public var numValues: Int32
    public var encoding: Encoding
    public var isSorted: Bool?

    public init(numValues: Int32, encoding: Encoding, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?
        var encoding: Encoding?
        var isSorted: Bool?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): numValues = try r.readI32()
            case (2, .i32): encoding = try Encoding.read(from: &r)
            case (3, .bool): isSorted = try r.readBool()
            default: return false
            }
            return true
        }
        let name = "DictionaryPageHeader"
        self.init(
            numValues: try numValues.required("num_values", in: name).nonNegative("num_values", in: name),
            encoding: try encoding.required("encoding", in: name),
            isSorted: isSorted)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        writer.writeI32Field(1, numValues)
        writer.writeEnumField(2, encoding)
        if let isSorted { writer.writeBoolField(3, isSorted) }
        writer.writeStructEnd()
    }
}
