/// parquet.thrift `DataPageHeader`: a version 1 data page.
public struct DataPageHeader: Equatable, Sendable {
    public var numValues: Int32
    public var encoding: Encoding
    public var definitionLevelEncoding: Encoding
    public var repetitionLevelEncoding: Encoding
    public var statistics: Statistics?

    public init(numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding, repetitionLevelEncoding: Encoding) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?
        var encoding: Encoding?
        var definition: Encoding?
        var repetition: Encoding?
        var statistics: Statistics?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): numValues = try r.readI32()
            case (2, .i32): encoding = try Encoding.read(from: &r)
            case (3, .i32): definition = try Encoding.read(from: &r)
            case (4, .i32): repetition = try Encoding.read(from: &r)
            case (5, .struct): statistics = try Statistics(from: &r)
            default: return false
            }
            return true
        }
        let name = "DataPageHeader"
        self.init(
            numValues: try numValues.required("num_values", in: name).nonNegative("num_values", in: name),
            encoding: try encoding.required("encoding", in: name),
            definitionLevelEncoding: try definition.required("definition_level_encoding", in: name),
            repetitionLevelEncoding: try repetition.required("repetition_level_encoding", in: name))
        self.statistics = statistics
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        writer.writeI32Field(1, numValues)
        writer.writeEnumField(2, encoding)
        writer.writeEnumField(3, definitionLevelEncoding)
        writer.writeEnumField(4, repetitionLevelEncoding)
        if let statistics {
            writer.writeFieldHeader(id: 5, type: .struct)
            statistics.write(to: &writer)
        }
        writer.writeStructEnd()
    }
}
