/// Decoder of DELTA_LENGTH_BYTE_ARRAY: DELTA_BINARY_PACKED lengths, then the bytes of all
/// values back to back. The lengths are decoded and checked up front (none negative, their
/// sum within the bytes left).
public struct DeltaLengthByteArrayDecoder {
    private var lengths: [Int32]
    private var index = 0
    private var data: ByteCursor
    /// Bytes of the encoding: the lengths and the value bytes they announce.
    public let encodedByteCount: Int

    /// `maxValueCount`: the most values the page can hold; a header announcing more is corrupt.
    public init(_ bytes: UnsafeRawBufferPointer, maxValueCount: Int) throws(ParquetError) {
        var lengthDecoder = try DeltaBinaryPackedDecoder<Int32>(bytes, maxValueCount: maxValueCount)
        let lengths = try lengthDecoder.decodeAll()
        let start = lengthDecoder.consumedByteCount
        var total = 0
        for length in lengths {
            guard length >= 0 else { throw .corrupt("negative byte array length \(length)") }
            total += Int(length)  // ≤ count * Int32.max: no overflow on 64-bit
        }
        guard total <= bytes.count - start else {
            throw .endOfData("byte arrays of \(total) bytes exceed the \(bytes.count - start) bytes left")
        }
        self.lengths = lengths
        self.data = ByteCursor(UnsafeRawBufferPointer(rebasing: bytes[start..<start + total]))
        self.encodedByteCount = start + total
    }

    /// Values still to decode.
    public var remainingValues: Int { lengths.count - index }

    /// The next value's bytes (the caller checks `remainingValues > 0`).
    @inline(__always)
    mutating func next() throws(ParquetError) -> UnsafeRawBufferPointer {
        guard index < lengths.count else { throw .endOfData("no byte array left") }
        defer { index += 1 }
        return try data.readBytes(Int(lengths[index]))
    }

    /// Appends up to `count` values to `offsets` and `bytes` (`offsets` gets a leading 0 when
    /// empty, then the end of each value); returns how many.
    public mutating func decode<Offset: FixedWidthInteger & SignedInteger>(
        count: Int, offsets: inout [Offset], bytes: inout [UInt8]
    ) throws(ParquetError) -> Int {
        let count = min(max(count, 0), remainingValues)
        offsets.reserveCapacity(offsets.count + count + 1)
        for _ in 0..<count {
            try ByteArrayOutput.append(try next(), offsets: &offsets, bytes: &bytes)
        }
        return count
    }
}
