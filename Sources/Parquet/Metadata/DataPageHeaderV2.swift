/// parquet.thrift `DataPageHeaderV2`: levels are stored uncompressed before the values.
public struct DataPageHeaderV2: Equatable, Sendable {
    public var numValues: Int32
    public var numNulls: Int32
    public var numRows: Int32
    public var encoding: Encoding
    public var definitionLevelsByteLength: Int32
    public var repetitionLevelsByteLength: Int32
    /// Absent on the wire means true.
    public var isCompressed: Bool = true
    public var statistics: Statistics?

    public init(
        numValues: Int32, numNulls: Int32, numRows: Int32, encoding: Encoding,
        definitionLevelsByteLength: Int32, repetitionLevelsByteLength: Int32, isCompressed: Bool = true
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?
        var numNulls: Int32?
        var numRows: Int32?
        var encoding: Encoding?
        var definitionLength: Int32?
        var repetitionLength: Int32?
        var isCompressed = true
        var statistics: Statistics?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): numValues = try r.readI32()
            case (2, .i32): numNulls = try r.readI32()
            case (3, .i32): numRows = try r.readI32()
            case (4, .i32): encoding = try Encoding.read(from: &r)
            case (5, .i32): definitionLength = try r.readI32()
            case (6, .i32): repetitionLength = try r.readI32()
            case (7, .bool): isCompressed = try r.readBool()
            case (8, .struct): statistics = try Statistics(from: &r)
            default: return false
            }
            return true
        }
        let name = "DataPageHeaderV2"
        self.init(
            numValues: try numValues.required("num_values", in: name).nonNegative("num_values", in: name),
            numNulls: try numNulls.required("num_nulls", in: name).nonNegative("num_nulls", in: name),
            numRows: try numRows.required("num_rows", in: name).nonNegative("num_rows", in: name),
            encoding: try encoding.required("encoding", in: name),
            definitionLevelsByteLength: try definitionLength.required("definition_levels_byte_length", in: name)
                .nonNegative("definition_levels_byte_length", in: name),
            repetitionLevelsByteLength: try repetitionLength.required("repetition_levels_byte_length", in: name)
                .nonNegative("repetition_levels_byte_length", in: name),
            isCompressed: isCompressed)
        guard self.numNulls <= self.numValues else {
            throw .corrupt("DataPageHeaderV2.num_nulls \(self.numNulls) exceeds num_values \(self.numValues)")
        }
        self.statistics = statistics
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        writer.writeI32Field(1, numValues)
        writer.writeI32Field(2, numNulls)
        writer.writeI32Field(3, numRows)
        writer.writeEnumField(4, encoding)
        writer.writeI32Field(5, definitionLevelsByteLength)
        writer.writeI32Field(6, repetitionLevelsByteLength)
        if !isCompressed { writer.writeBoolField(7, false) }
        if let statistics {
            writer.writeFieldHeader(id: 8, type: .struct)
            statistics.write(to: &writer)
        }
        writer.writeStructEnd()
    }
}
