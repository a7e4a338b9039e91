/// Reads the Thrift compact protocol from a `ByteCursor`. Every length and count is checked
/// against the bytes left before anything is allocated, nesting is limited, and unknown
/// fields of newer writers can be skipped with `skip(_:)`.
///
/// Structs are read as `readStructBegin()`, `readFieldHeader()` until it returns nil (the
/// stop byte), reading or skipping each field's value, then `readStructEnd()`.
public struct ThriftCompactReader {
    /// The deepest nesting of structs, lists, sets and maps the reader accepts.
    public static let maxDepth = 64
    /// The most elements a list, set or map may declare (besides fitting in the bytes left).
    public static let maxElements = 1 << 28

    public var cursor: ByteCursor
    private var lastFieldID: Int16 = 0
    private var outerFieldIDs: [Int16] = []
    private var depth = 0
    /// A bool field's value travels in its header; it waits here until read.
    private var pendingBool: Bool?

    public init(_ cursor: ByteCursor) {
        self.cursor = cursor
    }

    public init(_ bytes: UnsafeRawBufferPointer) {
        self.init(ByteCursor(bytes))
    }

    // MARK: Structs and fields

    public mutating func readStructBegin() throws(ParquetError) {
        try enter()
        outerFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    public mutating func readStructEnd() {
        lastFieldID = outerFieldIDs.popLast() ?? 0
        leave()
    }

    /// The next field's header, or nil at the struct's stop byte.
    public mutating func readFieldHeader() throws(ParquetError) -> ThriftFieldHeader? {
        pendingBool = nil
        let byte = try cursor.readByte()
        if byte == 0 { return nil }
        let code = byte & 0x0F
        guard let type = ThriftType(compactCode: code) else {
            throw .corrupt("unknown Thrift field type \(code)")
        }
        let delta = Int16(byte >> 4)
        let id: Int16
        if delta != 0 {
            let (sum, overflow) = lastFieldID.addingReportingOverflow(delta)
            guard !overflow else { throw .corrupt("Thrift field id overflows") }
            id = sum
        } else {
            id = try readI16()
        }
        if type == .bool { pendingBool = code == 1 }
        lastFieldID = id
        return ThriftFieldHeader(id: id, type: type)
    }

    // MARK: Scalars

    /// A bool field's value (from its header) or a bool list element (one byte).
    public mutating func readBool() throws(ParquetError) -> Bool {
        if let value = pendingBool {
            pendingBool = nil
            return value
        }
        switch try cursor.readByte() {
        case 1: return true
        case 0, 2: return false
        case let other: throw .corrupt("Thrift bool element \(other)")
        }
    }

    public mutating func readI8() throws(ParquetError) -> Int8 {
        Int8(bitPattern: try cursor.readByte())
    }

    public mutating func readI16() throws(ParquetError) -> Int16 {
        let raw = try cursor.readVarint()
        guard raw <= UInt64(UInt16.max) else { throw .corrupt("Thrift i16 out of range") }
        return Int16(truncatingIfNeeded: Self.unzigzag(raw))
    }

    public mutating func readI32() throws(ParquetError) -> Int32 {
        let raw = try cursor.readVarint()
        guard raw <= UInt64(UInt32.max) else { throw .corrupt("Thrift i32 out of range") }
        return Int32(truncatingIfNeeded: Self.unzigzag(raw))
    }

    public mutating func readI64() throws(ParquetError) -> Int64 {
        Self.unzigzag(try cursor.readVarint())
    }

    public mutating func readDouble() throws(ParquetError) -> Double {
        Double(bitPattern: try cursor.readLittleEndian(UInt64.self))
    }

    /// A binary value as a view into the cursor's bytes.
    public mutating func readBinaryView() throws(ParquetError) -> UnsafeRawBufferPointer {
        let length = try cursor.readVarint()
        guard length <= UInt64(Int32.max) else { throw .corrupt("Thrift binary length \(length) too large") }
        guard Int(length) <= cursor.remaining else {
            throw .endOfData("Thrift binary of \(length) bytes, \(cursor.remaining) left")
        }
        return try cursor.readBytes(Int(length))
    }

    public mutating func readBinary() throws(ParquetError) -> [UInt8] {
        [UInt8](try readBinaryView())
    }

    /// A string; bytes that are not valid UTF-8 are repaired, not rejected.
    public mutating func readString() throws(ParquetError) -> String {
        String(decoding: try readBinaryView(), as: UTF8.self)
    }

    // MARK: Containers

    /// A list's (or set's) element type and count. Counts are checked against the bytes
    /// left: every element takes at least one byte (eight for doubles).
    public mutating func readListHeader() throws(ParquetError) -> (elementType: ThriftType, count: Int) {
        let byte = try cursor.readByte()
        let code = byte & 0x0F
        guard let type = ThriftType(compactCode: code) else {
            // fastparquet's Thrift writer writes an empty list as a single 0 byte (size 0,
            // element type 0): nothing to read, so accept it.
            if byte == 0 { return (.i8, 0) }
            throw .corrupt("unknown Thrift list element type \(code)")
        }
        var count = UInt64(byte >> 4)
        if count == 15 { count = try cursor.readVarint() }
        try checkCount(count, minimumSize: type.minimumElementSize, what: "list")
        return (type, Int(count))
    }

    /// A map's key and value types and entry count (types are nil for an empty map).
    public mutating func readMapHeader() throws(ParquetError) -> (keyType: ThriftType?, valueType: ThriftType?, count: Int) {
        let count = try cursor.readVarint()
        if count == 0 { return (nil, nil, 0) }
        let byte = try cursor.readByte()
        guard let key = ThriftType(compactCode: byte >> 4), let value = ThriftType(compactCode: byte & 0x0F) else {
            throw .corrupt("unknown Thrift map types \(byte >> 4), \(byte & 0x0F)")
        }
        try checkCount(count, minimumSize: key.minimumElementSize + value.minimumElementSize, what: "map")
        return (key, value, Int(count))
    }

    /// A list whose elements `element` reads, checked against nesting and size limits.
    public mutating func readList<T>(
        of expected: ThriftType,
        _ element: (inout ThriftCompactReader) throws(ParquetError) -> T
    ) throws(ParquetError) -> [T] {
        let (type, count) = try readListHeader()
        // i16, i32 and i64 are all zigzag varints: like the reference readers, accept one
        // for another (the value readers still check the range).
        guard type == expected || count == 0 || (type.isZigzagVarint && expected.isZigzagVarint) else {
            throw .corrupt("Thrift list of \(type), expected \(expected)")
        }
        try enter()
        defer { leave() }
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }

    // MARK: Skipping

    /// Reads past one value of `type`, whatever it holds.
    public mutating func skip(_ type: ThriftType) throws(ParquetError) {
        switch type {
        case .bool: _ = try readBool()
        case .i8: _ = try cursor.readByte()
        case .i16, .i32, .i64: _ = try cursor.readVarint()
        case .double: try cursor.skip(8)
        case .binary: _ = try readBinaryView()
        case .list, .set:
            let (elementType, count) = try readListHeader()
            try enter()
            defer { leave() }
            for _ in 0..<count { try skip(elementType) }
        case .map:
            let (keyType, valueType, count) = try readMapHeader()
            guard let keyType, let valueType else { return }
            try enter()
            defer { leave() }
            for _ in 0..<count {
                try skip(keyType)
                try skip(valueType)
            }
        case .struct:
            try readStructBegin()
            while let field = try readFieldHeader() { try skip(field.type) }
            readStructEnd()
        }
    }

    /// The compact bytes of the struct that starts here, skipped over: for keeping a struct
    /// this reader does not model, to write back unchanged.
    public mutating func readRawStruct() throws(ParquetError) -> [UInt8] {
        let start = cursor.offset
        try skip(.struct)
        return [UInt8](UnsafeRawBufferPointer(rebasing: cursor.base[start..<cursor.offset]))
    }

    // MARK: Helpers

    private mutating func enter() throws(ParquetError) {
        guard depth < Self.maxDepth else { throw .corrupt("Thrift nesting deeper than \(Self.maxDepth)") }
        depth += 1
    }

    private mutating func leave() {
        depth -= 1
    }

    private func checkCount(_ count: UInt64, minimumSize: Int, what: String) throws(ParquetError) {
        guard count <= UInt64(Self.maxElements) else { throw .outOfBounds("Thrift \(what) of \(count) elements") }
        guard Int(count) * minimumSize <= cursor.remaining else {
            throw .endOfData("Thrift \(what) of \(count) elements, \(cursor.remaining) bytes left")
        }
    }

    @inline(__always)
    static func unzigzag(_ n: UInt64) -> Int64 {
        Int64(bitPattern: n >> 1) ^ -Int64(bitPattern: n & 1)
    }
}
