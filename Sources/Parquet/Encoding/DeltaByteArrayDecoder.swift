/// Decoder of DELTA_BYTE_ARRAY (front coding): DELTA_BINARY_PACKED prefix lengths, then the
/// suffixes as DELTA_LENGTH_BYTE_ARRAY; value i = the first prefix[i] bytes of value i-1,
/// then suffix i. Each prefix length is checked against the previous value's length.
public struct DeltaByteArrayDecoder {
    private var prefixes: [Int32]
    private var suffixes: DeltaLengthByteArrayDecoder
    private var index = 0
    private var previous: [UInt8] = []

    /// `maxValueCount`: the most values the page can hold; a header announcing more is corrupt.
    public init(_ bytes: UnsafeRawBufferPointer, maxValueCount: Int) throws(ParquetError) {
        var prefixDecoder = try DeltaBinaryPackedDecoder<Int32>(bytes, maxValueCount: maxValueCount)
        prefixes = try prefixDecoder.decodeAll()
        let start = prefixDecoder.consumedByteCount
        suffixes = try DeltaLengthByteArrayDecoder(
            UnsafeRawBufferPointer(rebasing: bytes[start...]), maxValueCount: prefixes.count)
        guard suffixes.remainingValues == prefixes.count else {
            throw .corrupt("\(prefixes.count) prefix lengths but \(suffixes.remainingValues) suffixes")
        }
    }

    /// Values still to decode.
    public var remainingValues: Int { prefixes.count - index }

    /// Appends up to `count` values to `offsets` and `bytes` (`offsets` gets a leading 0 when
    /// empty, then the end of each value); returns how many.
    public mutating func decode<Offset: FixedWidthInteger & SignedInteger>(
        count: Int, offsets: inout [Offset], bytes: inout [UInt8]
    ) throws(ParquetError) -> Int {
        let count = min(max(count, 0), remainingValues)
        offsets.reserveCapacity(offsets.count + count + 1)
        for _ in 0..<count {
            let prefix = Int(prefixes[index])
            guard prefix >= 0, prefix <= previous.count else {
                throw .corrupt("prefix length \(prefix) outside the previous value's \(previous.count) bytes")
            }
            let suffix = try suffixes.next()
            previous.removeSubrange(prefix...)
            previous.append(contentsOf: suffix)
            try ByteArrayOutput.append(previous, offsets: &offsets, bytes: &bytes)
            index += 1
        }
        return count
    }
}
