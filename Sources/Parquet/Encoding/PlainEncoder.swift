/// Encoder of PLAIN values for the writer, appending to `bytes`.
public struct PlainEncoder {
    public private(set) var bytes: [UInt8] = []
    /// Booleans: bits used in the last byte (0 = byte aligned).
    private var booleanBits = 0

    public init() {}

    /// INT32, INT64, INT96, FLOAT, DOUBLE: their little-endian images back to back.
    public mutating func append<Value: PlainFixedWidthValue>(_ values: UnsafeBufferPointer<Value>) {
        bytes.append(contentsOf: UnsafeRawBufferPointer(values))
    }

    public mutating func append<Value: PlainFixedWidthValue>(_ values: [Value]) {
        values.withUnsafeBufferPointer { append($0) }
    }

    /// BOOLEAN: bit-packed LSB first; successive calls continue the same bit stream.
    public mutating func appendBooleans<S: Sequence<Bool>>(_ values: S) {
        for value in values {
            if booleanBits == 0 { bytes.append(0) }
            if value { bytes[bytes.count - 1] |= 1 << UInt8(booleanBits) }
            booleanBits = (booleanBits + 1) & 7
        }
    }

    /// BYTE_ARRAY: a 4-byte little-endian length, then the bytes.
    public mutating func appendByteArray<C: Collection<UInt8>>(_ value: C) throws(ParquetError) {
        guard value.count <= Int(Int32.max) else {
            throw .outOfBounds("byte array of \(value.count) bytes exceeds 2^31-1")
        }
        let length = UInt32(value.count)
        for byte in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: length >> UInt32(8 * byte))) }
        bytes.append(contentsOf: value)
    }

    /// FIXED_LEN_BYTE_ARRAY: the bytes alone.
    public mutating func appendFixedLengthByteArray<C: Collection<UInt8>>(_ value: C) {
        bytes.append(contentsOf: value)
    }

    /// Empties the encoder for the next page.
    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
        booleanBits = 0
    }
}
