/// parquet.thrift `SchemaElement`: one node of the schema, flattened depth-first.
public struct SchemaElement: Equatable, Sendable {
    public var type: PhysicalType?
    public var typeLength: Int32?
    public var repetition: Repetition?
    public var name: String
    public var numChildren: Int32?
    public var convertedType: ConvertedType?
    public var scale: Int32?
    public var precision: Int32?
    public var fieldID: Int32?
    public var logicalType: LogicalType?

    public init(name: String) {
        self.name = name
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var e = SchemaElement(name: "")
        var name: String?
        try reader.readStruct { (r, field) throws(ParquetError) in
            switch (field.id, field.type) {
            case (1, .i32): e.type = try PhysicalType.read(from: &r)
            case (2, .i32): e.typeLength = try r.readI32()
            case (3, .i32): e.repetition = try Repetition.read(from: &r)
            case (4, .binary): name = try r.readString()
            case (5, .i32): e.numChildren = try r.readI32()
            case (6, .i32): e.convertedType = try ConvertedType.read(from: &r)
            case (7, .i32): e.scale = try r.readI32()
            case (8, .i32): e.precision = try r.readI32()
            case (9, .i32): e.fieldID = try r.readI32()
            case (10, .struct): e.logicalType = try LogicalType(from: &r)
            default: return false
            }
            return true
        }
        e.name = try name.required("name", in: "SchemaElement")
        _ = try e.typeLength.nonNegative("type_length", in: "SchemaElement")
        _ = try e.numChildren.nonNegative("num_children", in: "SchemaElement")
        self = e
    }

    public func write(to writer: inout ThriftCompactWriter) {
        writer.writeStructBegin()
        if let type { writer.writeEnumField(1, type) }
        if let typeLength { writer.writeI32Field(2, typeLength) }
        if let repetition { writer.writeEnumField(3, repetition) }
        writer.writeStringField(4, name)
        if let numChildren { writer.writeI32Field(5, numChildren) }
        if let convertedType { writer.writeEnumField(6, convertedType) }
        if let scale { writer.writeI32Field(7, scale) }
        if let precision { writer.writeI32Field(8, precision) }
        if let fieldID { writer.writeI32Field(9, fieldID) }
        if let logicalType {
            writer.writeFieldHeader(id: 10, type: .struct)
            logicalType.write(to: &writer)
        }
        writer.writeStructEnd()
    }
}
