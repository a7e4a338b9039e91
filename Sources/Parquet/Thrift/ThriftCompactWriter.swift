/// Writes the Thrift compact protocol into `bytes`. Structs are written as
/// `writeStructBegin()`, fields (a header then the value, or the `write…Field` helpers),
/// then `writeStructEnd()`, which writes the stop byte.
public struct ThriftCompactWriter {
    public private(set) var bytes: [UInt8] = []
    private var lastFieldID: Int16 = 0
    private var outerFieldIDs: [Int16] = []

    public init() {}

    // MARK: Structs and fields

    public mutating func writeStructBegin() {
        outerFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    public mutating func writeStructEnd() {
        bytes.append(0)
        lastFieldID = outerFieldIDs.popLast() ?? 0
    }

    /// A field header; for `.bool` use `writeBoolField`, which carries the value.
    public mutating func writeFieldHeader(id: Int16, type: ThriftType) {
        writeFieldHeader(id: id, code: type.rawValue)
    }

    private mutating func writeFieldHeader(id: Int16, code: UInt8) {
        let delta = Int(id) - Int(lastFieldID)
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | code)
        } else {
            bytes.append(code)
            writeI16(id)
        }
        lastFieldID = id
    }

    // MARK: Scalars

    /// A bool list element (one byte: 1 true, 2 false).
    public mutating func writeBool(_ value: Bool) { bytes.append(value ? 1 : 2) }
    public mutating func writeI8(_ value: Int8) { bytes.append(UInt8(bitPattern: value)) }
    public mutating func writeI16(_ value: Int16) { writeVarint(Self.zigzag(Int64(value))) }
    public mutating func writeI32(_ value: Int32) { writeVarint(Self.zigzag(Int64(value))) }
    public mutating func writeI64(_ value: Int64) { writeVarint(Self.zigzag(value)) }

    public mutating func writeDouble(_ value: Double) {
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func writeBinary(_ value: some Collection<UInt8>) {
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    public mutating func writeString(_ value: String) { writeBinary(value.utf8) }

    /// Bytes already in compact form, such as a struct kept by `readRawStruct()`.
    public mutating func writeRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    // MARK: Containers

    public mutating func writeListHeader(elementType: ThriftType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | elementType.rawValue)
        } else {
            bytes.append(0xF0 | elementType.rawValue)
            writeVarint(UInt64(count))
        }
    }

    public mutating func writeMapHeader(keyType: ThriftType, valueType: ThriftType, count: Int) {
        writeVarint(UInt64(count))
        if count > 0 { bytes.append(keyType.rawValue << 4 | valueType.rawValue) }
    }

    public mutating func writeList<S: Collection>(
        of type: ThriftType, _ elements: S, _ element: (inout ThriftCompactWriter, S.Element) -> Void
    ) {
        writeListHeader(elementType: type, count: elements.count)
        for value in elements { element(&self, value) }
    }

    // MARK: Whole fields

    public mutating func writeBoolField(_ id: Int16, _ value: Bool) {
        writeFieldHeader(id: id, code: value ? 1 : 2)
    }

    public mutating func writeI8Field(_ id: Int16, _ value: Int8) {
        writeFieldHeader(id: id, type: .i8)
        writeI8(value)
    }

    public mutating func writeI16Field(_ id: Int16, _ value: Int16) {
        writeFieldHeader(id: id, type: .i16)
        writeI16(value)
    }

    public mutating func writeI32Field(_ id: Int16, _ value: Int32) {
        writeFieldHeader(id: id, type: .i32)
        writeI32(value)
    }

    public mutating func writeI64Field(_ id: Int16, _ value: Int64) {
        writeFieldHeader(id: id, type: .i64)
        writeI64(value)
    }

    public mutating func writeDoubleField(_ id: Int16, _ value: Double) {
        writeFieldHeader(id: id, type: .double)
        writeDouble(value)
    }

    public mutating func writeBinaryField(_ id: Int16, _ value: [UInt8]) {
        writeFieldHeader(id: id, type: .binary)
        writeBinary(value)
    }

    public mutating func writeStringField(_ id: Int16, _ value: String) {
        writeFieldHeader(id: id, type: .binary)
        writeString(value)
    }

    /// A struct field whose fields `body` writes (between begin and end).
    public mutating func writeStructField(_ id: Int16, _ body: (inout ThriftCompactWriter) -> Void) {
        writeFieldHeader(id: id, type: .struct)
        writeStructBegin()
        body(&self)
        writeStructEnd()
    }

    /// A struct field kept as raw compact bytes (stop byte included).
    public mutating func writeRawStructField(_ id: Int16, _ raw: [UInt8]) {
        writeFieldHeader(id: id, type: .struct)
        writeRaw(raw)
    }

    public mutating func writeListField<S: Collection>(
        _ id: Int16, of type: ThriftType, _ elements: S, _ element: (inout ThriftCompactWriter, S.Element) -> Void
    ) {
        writeFieldHeader(id: id, type: .list)
        writeList(of: type, elements, element)
    }

    // MARK: Helpers

    public mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    @inline(__always)
    static func zigzag(_ n: Int64) -> UInt64 {
        UInt64(bitPattern: (n << 1) ^ (n >> 63))
    }
}
