/// parquet.thrift `ColumnMetaData`: where a column chunk's pages are and what they hold.
public struct ColumnMetaData: Equatable, Sendable {
    public var type: PhysicalType
    public var encodings: [Encoding]
    public var pathInSchema: [String]
    public var codec: CompressionCodec
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var keyValueMetadata: [KeyValue]?
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
    public var encodingStats: [PageEncodingStats]?
    public var bloomFilterOffset: Int64?
    public var bloomFilterLength: Int32?
    /// `SizeStatistics`, kept as its compact bytes.
    public var sizeStatistics: [UInt8]?
    /// `GeospatialStatistics`, kept as its compact bytes.
    public var geospatialStatistics: [UInt8]?

    public init(
        type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec,
        numValues: Int64, totalUncompressedSize: Int64, totalCompressedSize: Int64, dataPageOffset: Int64
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var type: PhysicalType?
        var encodings: [Encoding]?
        var path: [String]?
        var codec: CompressionCodec?
        var numValues: Int64?
        var uncompressed: Int64?
        var compressed: Int64?
        var dataPageOffset: Int64?
        var keyValues: [KeyValue]?
        var indexPageOffset: Int64?
        var dictionaryPageOffset: Int64?
        var statistics: Statistics?
        var encodingStats: [PageEncodingStats]?
        var bloomFilterOffset: Int64?
        var bloomFilterLength: Int32?
        var sizeStatistics: [UInt8]?
        var geospatialStatistics: [UInt8]?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): type = try PhysicalType.read(from: &r)
            case (2, .list): encodings = try r.readList(of: .i32) { r throws(ParquetError) in try Encoding.read(from: &r) }
            case (3, .list): path = try r.readList(of: .binary) { r throws(ParquetError) in try r.readString() }
            case (4, .i32): codec = try CompressionCodec.read(from: &r)
            case (5, .i64): numValues = try r.readI64()
            case (6, .i64): uncompressed = try r.readI64()
            case (7, .i64): compressed = try r.readI64()
            case (8, .list): keyValues = try r.readList(of: .struct) { r throws(ParquetError) in try KeyValue(from: &r) }
            case (9, .i64): dataPageOffset = try r.readI64()
            case (10, .i64): indexPageOffset = try r.readI64()
            case (11, .i64): dictionaryPageOffset = try r.readI64()
            case (12, .struct): statistics = try Statistics(from: &r)
            case (13, .list):
                encodingStats = try r.readList(of: .struct) { r throws(ParquetError) in try PageEncodingStats(from: &r) }
            case (14, .i64): bloomFilterOffset = try r.readI64()
            case (15, .i32): bloomFilterLength = try r.readI32()
            case (16, .struct): sizeStatistics = try r.readRawStruct()
            case (17, .struct): geospatialStatistics = try r.readRawStruct()
            default: return false
            }
            return true
        }
        let name = "ColumnMetaData"
        self.init(
            type: try type.required("type", in: name),
            encodings: try encodings.required("encodings", in: name),
            pathInSchema: try path.required("path_in_schema", in: name),
            codec: try codec.required("codec", in: name),
            numValues: try numValues.required("num_values", in: name).nonNegative("num_values", in: name),
            totalUncompressedSize: try uncompressed.required("total_uncompressed_size", in: name)
                .nonNegative("total_uncompressed_size", in: name),
            totalCompressedSize: try compressed.required("total_compressed_size", in: name)
                .nonNegative("total_compressed_size", in: name),
            dataPageOffset: try dataPageOffset.required("data_page_offset", in: name)
                .nonNegative("data_page_offset", in: name))
        self.keyValueMetadata = keyValues
        self.indexPageOffset = try indexPageOffset.nonNegative("index_page_offset", in: name)
        self.dictionaryPageOffset = try dictionaryPageOffset.nonNegative("dictionary_page_offset", in: name)
        self.statistics = statistics
        self.encodingStats = encodingStats
        self.bloomFilterOffset = try bloomFilterOffset.nonNegative("bloom_filter_offset", in: name)
        self.bloomFilterLength = try bloomFilterLength.nonNegative("bloom_filter_length", in: name)
        self.sizeStatistics = sizeStatistics
        self.geospatialStatistics = geospatialStatistics
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        writer.writeEnumField(1, type)
        writer.writeListField(2, of: .i32, encodings) { w, e in e.write(to: &w) }
        writer.writeListField(3, of: .binary, pathInSchema) { w, s in w.writeString(s) }
        writer.writeEnumField(4, codec)
        writer.writeI64Field(5, numValues)
        writer.writeI64Field(6, totalUncompressedSize)
        writer.writeI64Field(7, totalCompressedSize)
        if let keyValueMetadata {
            writer.writeListField(8, of: .struct, keyValueMetadata) { w, kv in kv.write(to: &w) }
        }
        writer.writeI64Field(9, dataPageOffset)
        if let indexPageOffset { writer.writeI64Field(10, indexPageOffset) }
        if let dictionaryPageOffset { writer.writeI64Field(11, dictionaryPageOffset) }
        if let statistics {
            writer.writeFieldHeader(id: 12, type: .struct)
            statistics.write(to: &writer)
        }
        if let encodingStats {
            writer.writeListField(13, of: .struct, encodingStats) { w, s in s.write(to: &w) }
        }
        if let bloomFilterOffset { writer.writeI64Field(14, bloomFilterOffset) }
        if let bloomFilterLength { writer.writeI32Field(15, bloomFilterLength) }
        if let sizeStatistics { writer.writeRawStructField(16, sizeStatistics) }
        if let geospatialStatistics { writer.writeRawStructField(17, geospatialStatistics) }
        writer.writeStructEnd()
    }
}
