/// A fixed-width physical value whose PLAIN (and BYTE_STREAM_SPLIT) form is its little-endian
/// memory image: INT32, INT64, INT96, FLOAT, DOUBLE.
public protocol PlainFixedWidthValue: BitwiseCopyable, Sendable {}

extension Int32: PlainFixedWidthValue {}
extension Int64: PlainFixedWidthValue {}
extension Float: PlainFixedWidthValue {}
extension Double: PlainFixedWidthValue {}

/// A deprecated INT96 value (12 bytes little endian; in practice a timestamp: nanoseconds of
/// the day in the low 8 bytes, Julian day in the high 4).
public struct ParquetInt96: PlainFixedWidthValue, Equatable, Hashable {
    public var word0: UInt32
    public var word1: UInt32
    public var word2: UInt32

    public init(word0: UInt32, word1: UInt32, word2: UInt32) {
        self.word0 = word0
        self.word1 = word1
        self.word2 = word2
    }

    /// The low 8 bytes (nanoseconds of the day for timestamps).
    public var low: UInt64 { UInt64(word0) | UInt64(word1) << 32 }
    /// The high 4 bytes (Julian day for timestamps).
    public var high: UInt32 { word2 }
}

/// Appending one byte-array value to an Arrow-style offsets + bytes pair: `offsets` holds the
/// end of each value in `bytes`, after a leading 0 added when `offsets` is empty.
enum ByteArrayOutput {
    @inline(__always)
    static func append<Offset: FixedWidthInteger & SignedInteger, Value: Collection<UInt8>>(
        _ value: Value, offsets: inout [Offset], bytes: inout [UInt8]
    ) throws(ParquetError) {
        if offsets.isEmpty { offsets.append(0) }
        let (end, overflow) = bytes.count.addingReportingOverflow(value.count)
        guard !overflow, end <= Int(Offset.max) else {
            throw .outOfBounds("byte array data of \(end) bytes overflows \(Offset.self) offsets")
        }
        bytes.append(contentsOf: value)
        offsets.append(Offset(end))
    }
}
