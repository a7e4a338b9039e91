/// parquet.thrift `PageHeader`: precedes every page of a column chunk.
public struct PageHeader: Equatable, Sendable {
    public var type: PageType
    public var uncompressedPageSize: Int32
    public var compressedPageSize: Int32
    public var crc: Int32?
    public var dataPageHeader: DataPageHeader?
    /// `IndexPageHeader` has no fields; only its presence is kept.
    public var hasIndexPageHeader = false
    public var dictionaryPageHeader: DictionaryPageHeader?
    public var dataPageHeaderV2: DataPageHeaderV2?

    public init(type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var type: PageType?
        var uncompressed: Int32?
        var compressed: Int32?
        var h = PageHeader(type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0)
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): type = try PageType.read(from: &r)
            case (2, .i32): uncompressed = try r.readI32()
            case (3, .i32): compressed = try r.readI32()
            case (4, .i32): h.crc = try r.readI32()
            case (5, .struct): h.dataPageHeader = try DataPageHeader(from: &r)
            case (6, .struct): try r.readEmptyStruct(); h.hasIndexPageHeader = true
            case (7, .struct): h.dictionaryPageHeader = try DictionaryPageHeader(from: &r)
            case (8, .struct): h.dataPageHeaderV2 = try DataPageHeaderV2(from: &r)
            default: return false
            }
            return true
        }
        let name = "PageHeader"
        h.type = try type.required("type", in: name)
        h.uncompressedPageSize = try uncompressed.required("uncompressed_page_size", in: name)
            .nonNegative("uncompressed_page_size", in: name)
        h.compressedPageSize = try compressed.required("compressed_page_size", in: name)
            .nonNegative("compressed_page_size", in: name)
        self = h
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        writer.writeEnumField(1, type)
        writer.writeI32Field(2, uncompressedPageSize)
        writer.writeI32Field(3, compressedPageSize)
        if let crc { writer.writeI32Field(4, crc) }
        if let dataPageHeader {
            writer.writeFieldHeader(id: 5, type: .struct)
            dataPageHeader.write(to: &writer)
        }
        if hasIndexPageHeader { writer.writeEmptyStructField(6) }
        if let dictionaryPageHeader {
            writer.writeFieldHeader(id: 7, type: .struct)
            dictionaryPageHeader.write(to: &writer)
        }
        if let dataPageHeaderV2 {
            writer.writeFieldHeader(id: 8, type: .struct)
            dataPageHeaderV2.write(to: &writer)
        }
        writer.writeStructEnd()
    }
}
