/// parquet.thrift `PageEncodingStats`: how many pages of a type use an encoding.
public struct PageEncodingStats: Equatable, Sendable {
    public var pageType: PageType
    public var encoding: Encoding
    public var count: Int32

    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var pageType: PageType?
        var encoding: Encoding?
        var count: Int32?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): pageType = try PageType.read(from: &r)
            case (2, .i32): encoding = try Encoding.read(from: &r)
            case (3, .i32): count = try r.readI32()
            default: return false
            }
            return true
        }
        let name = "PageEncodingStats"
        self.init(
            pageType: try pageType.required("page_type", in: name),
            encoding: try encoding.required("encoding", in: name),
            count: try count.required("count", in: name).nonNegative("count", in: name))
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        writer.writeEnumField(1, pageType)
        writer.writeEnumField(2, encoding)
        writer.writeI32Field(3, count)
        writer.writeStructEnd()
    }
}
