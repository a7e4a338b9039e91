/// parquet.thrift `LogicalType` (a union): what a column's values mean.
public enum LogicalType: Equatable, Sendable {
    case string
    case map
    case list
    case `enum`
    case decimal(scale: Int32, precision: Int32)
    case date
    case time(isAdjustedToUTC: Bool, unit: TimeUnit)
    case timestamp(isAdjustedToUTC: Bool, unit: TimeUnit)
    case integer(bitWidth: Int8, isSigned: Bool)
    /// `UNKNOWN` in parquet.thrift: only nulls are stored.
    case null
    case json
    case bson
    case uuid
    case float16
    /// A union member this reader does not know (VARIANT, GEOMETRY… or newer), by field id.
    case other(fieldID: Int16)

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self = try reader.readUnion("LogicalType", member: { (r, field) throws(ParquetError) -> LogicalType? in
            guard field.type == .struct else { return nil }
            switch field.id {
            case 1: try r.readEmptyStruct(); return .string
            case 2: try r.readEmptyStruct(); return .map
            case 3: try r.readEmptyStruct(); return .list
            case 4: try r.readEmptyStruct(); return .enum
            case 5: return try Self.readDecimal(&r)
            case 6: try r.readEmptyStruct(); return .date
            case 7:
                let (utc, unit) = try Self.readTime(&r, "TimeType")
                return .time(isAdjustedToUTC: utc, unit: unit)
            case 8:
                let (utc, unit) = try Self.readTime(&r, "TimestampType")
                return .timestamp(isAdjustedToUTC: utc, unit: unit)
            case 10: return try Self.readInteger(&r)
            case 11: try r.readEmptyStruct(); return .null
            case 12: try r.readEmptyStruct(); return .json
            case 13: try r.readEmptyStruct(); return .bson
            case 14: try r.readEmptyStruct(); return .uuid
            case 15: try r.readEmptyStruct(); return .float16
            default: return nil
            }
        }, unknown: { .other(fieldID: $0) })
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        switch self {
        case .string: writer.writeEmptyStructField(1)
        case .map: writer.writeEmptyStructField(2)
        case .list: writer.writeEmptyStructField(3)
        case .enum: writer.writeEmptyStructField(4)
        case let .decimal(scale, precision):
            writer.writeStructField(5) { w in
                w.writeI32Field(1, scale)
                w.writeI32Field(2, precision)
            }
        case .date: writer.writeEmptyStructField(6)
        case let .time(utc, unit): Self.writeTime(&writer, 7, utc, unit)
        case let .timestamp(utc, unit): Self.writeTime(&writer, 8, utc, unit)
        case let .integer(bitWidth, isSigned):
            writer.writeStructField(10) { w in
                w.writeI8Field(1, bitWidth)
                w.writeBoolField(2, isSigned)
            }
        case .null: writer.writeEmptyStructField(11)
        case .json: writer.writeEmptyStructField(12)
        case .bson: writer.writeEmptyStructField(13)
        case .uuid: writer.writeEmptyStructField(14)
        case .float16: writer.writeEmptyStructField(15)
        case let .other(id): writer.writeEmptyStructField(id)
        }
        writer.writeStructEnd()
    }

    private static func readDecimal(_ r: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        var scale: Int32?
        var precision: Int32?
        try r.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): scale = try r.readI32()
            case (2, .i32): precision = try r.readI32()
            default: return false
            }
            return true
        }
        return .decimal(
            scale: try scale.required("scale", in: "DecimalType").nonNegative("scale", in: "DecimalType"),
            precision: try precision.required("precision", in: "DecimalType").nonNegative("precision", in: "DecimalType"))
    }

    private static func readTime(_ r: inout ThriftCompactReader, _ name: String) throws(ParquetError) -> (Bool, TimeUnit) {
        var utc: Bool?
        var unit: TimeUnit?
        try r.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .bool): utc = try r.readBool()
            case (2, .struct): unit = try TimeUnit(from: &r)
            default: return false
            }
            return true
        }
        return (try utc.required("isAdjustedToUTC", in: name), try unit.required("unit", in: name))
    }

    private static func readInteger(_ r: inout ThriftCompactReader) throws(ParquetError) -> LogicalType {
        var bitWidth: Int8?
        var isSigned: Bool?
        try r.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i8): bitWidth = try r.readI8()
            case (2, .bool): isSigned = try r.readBool()
            default: return false
            }
            return true
        }
        return .integer(
            bitWidth: try bitWidth.required("bitWidth", in: "IntType"),
            isSigned: try isSigned.required("isSigned", in: "IntType"))
    }

    private static func writeTime(_ w: inout ThriftCompactWriter, _ id: Int16, _ utc: Bool, _ unit: TimeUnit) {
        w.writeStructField(id) { w in
            w.writeBoolField(1, utc)
            w.writeFieldHeader(id: 2, type: .struct)
            unit.write(to: &w)
        }
    }
}

/// parquet.thrift `TimeUnit` (a union of empty structs).
public enum TimeUnit: Equatable, Sendable {
    case millis
    case micros
    case nanos
    case other(fieldID: Int16)

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self = try reader.readUnion("TimeUnit", member: { (r, field) throws(ParquetError) -> TimeUnit? in
            guard field.type == .struct else { return nil }
            switch field.id {
            case 1: try r.readEmptyStruct(); return .millis
            case 2: try r.readEmptyStruct(); return .micros
            case 3: try r.readEmptyStruct(); return .nanos
            default: return nil
            }
        }, unknown: { .other(fieldID: $0) })
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        switch self {
        case .millis: writer.writeEmptyStructField(1)
        case .micros: writer.writeEmptyStructField(2)
        case .nanos: writer.writeEmptyStructField(3)
        case let .other(id): writer.writeEmptyStructField(id)
        }
        writer.writeStructEnd()
    }
}
