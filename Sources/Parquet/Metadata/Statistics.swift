/// parquet.thrift `Statistics` of a column chunk or page. Bounds are the plain-encoded bytes
/// of the value; `max`/`min` are the deprecated signed-order forms.
public struct Statistics: Equatable, Sendable {
    public var max: [UInt8]?
    public var min: [UInt8]?
    public var nullCount: Int64?
    public var distinctCount: Int64?
    public var maxValue: [UInt8]?
    public var minValue: [UInt8]?
    public var isMaxValueExact: Bool?
    public var isMinValueExact: Bool?
    public var nanCount: Int64?

    public init() {}

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var s = Statistics()
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .binary): s.max = try r.readBinary()
            case (2, .binary): s.min = try r.readBinary()
            case (3, .i64): s.nullCount = try r.readI64()
            case (4, .i64): s.distinctCount = try r.readI64()
            case (5, .binary): s.maxValue = try r.readBinary()
            case (6, .binary): s.minValue = try r.readBinary()
            case (7, .bool): s.isMaxValueExact = try r.readBool()
            case (8, .bool): s.isMinValueExact = try r.readBool()
            case (9, .i64): s.nanCount = try r.readI64()
            default: return false
            }
            return true
        }
        self = s
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        if let max { writer.writeBinaryField(1, max) }
        if let min { writer.writeBinaryField(2, min) }
        if let nullCount { writer.writeI64Field(3, nullCount) }
        if let distinctCount { writer.writeI64Field(4, distinctCount) }
        if let maxValue { writer.writeBinaryField(5, maxValue) }
        if let minValue { writer.writeBinaryField(6, minValue) }
        if let isMaxValueExact { writer.writeBoolField(7, isMaxValueExact) }
        if let isMinValueExact { writer.writeBoolField(8, isMinValueExact) }
        if let nanCount { writer.writeI64Field(9, nanCount) }
        writer.writeStructEnd()
    }
}
