/// parquet.thrift `ColumnOrder` (a union): how a column's min and max statistics compare.
public enum ColumnOrder: Equatable, Sendable {
    case typeDefined
    case ieee754TotalOrder
    case int96TimestampOrder
    case other(fieldID: Int16)

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self = try reader.readUnion("ColumnOrder", member: { (r, field) throws(ParquetError) -> ColumnOrder? in
            guard field.type == .struct else { return nil }
            switch field.id {
            case 1: try r.readEmptyStruct(); return .typeDefined
            case 2: try r.readEmptyStruct(); return .ieee754TotalOrder
            case 3: try r.readEmptyStruct(); return .int96TimestampOrder
            default: return nil
            }
        }, unknown: { .other(fieldID: $0) })
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        switch self {
        case .typeDefined: writer.writeEmptyStructField(1)
        case .ieee754TotalOrder: writer.writeEmptyStructField(2)
        case .int96TimestampOrder: writer.writeEmptyStructField(3)
        case let .other(id): writer.writeEmptyStructField(id)
        }
        writer.writeStructEnd()
    }
}
