/// parquet.thrift `KeyValue`: one entry of application metadata.
public struct KeyValue: Equatable, Sendable {
    public var key: String
    public var value: String?

    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var key: String?
        var value: String?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .binary): key = try r.readString()
            case (2, .binary): value = try r.readString()
            default: return false
            }
            return true
        }
        self.init(key: try key.required("key", in: "KeyValue"), value: value)
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        writer.writeStringField(1, key)
        if let value { writer.writeStringField(2, value) }
        writer.writeStructEnd()
    }
}
