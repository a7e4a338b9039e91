/// INT32 or INT64, the types DELTA_BINARY_PACKED encodes.
public protocol DeltaBinaryPackedValue: FixedWidthInteger, SignedInteger, Sendable {}
extension Int32: DeltaBinaryPackedValue {}
extension Int64: DeltaBinaryPackedValue {}

/// Decoder of DELTA_BINARY_PACKED INT32 or INT64 values.
///
/// The header is validated up front: block size a positive multiple of 128, miniblock count
/// dividing it into miniblocks of a multiple of 32 values, a total value count no larger than
/// the caller expects and than the bytes left can hold (each block takes at least one byte of
/// min delta and one bit-width byte per miniblock). Miniblock bit widths are at most the width
/// of the type. Arithmetic wraps (two's complement), as the spec requires.
public struct DeltaBinaryPackedDecoder<Value: DeltaBinaryPackedValue> {
    public let blockSize: Int
    public let miniblocksPerBlock: Int
    public let valuesPerMiniblock: Int
    /// The value count the header announces.
    public let totalValueCount: Int
    /// Values still to decode.
    public private(set) var remainingValues: Int

    private var cursor: ByteCursor
    private var firstPending: Bool
    private var last: UInt64
    private var minDelta: UInt64 = 0
    private var bitWidths = UnsafeRawBufferPointer(start: nil, count: 0)
    private var nextMiniblock = 0
    private var miniblock = UnsafeRawBufferPointer(start: nil, count: 0)
    private var miniblockWidth = 0
    private var miniblockIndex = 0
    private var miniblockLeft = 0

    /// Reads and checks the header. `maxValueCount`: the most values the page can hold (its
    /// value count); a header announcing more is corrupt. (Required: with a large block size
    /// a few bytes can announce billions of equal deltas.)
    public init(_ bytes: UnsafeRawBufferPointer, maxValueCount: Int) throws(ParquetError) {
        var cursor = ByteCursor(bytes)
        let blockSize = try cursor.readVarint()
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= UInt64(Int32.max) else {
            throw .corrupt("DELTA block size \(blockSize) is not a positive multiple of 128")
        }
        let miniblocks = try cursor.readVarint()
        guard miniblocks > 0, blockSize % miniblocks == 0, (blockSize / miniblocks) % 32 == 0 else {
            throw .corrupt("DELTA block of \(blockSize) values cannot hold \(miniblocks) miniblocks of a multiple of 32 values")
        }
        let total = try cursor.readVarint()
        guard total <= UInt64(max(maxValueCount, 0)) else {
            throw .corrupt("DELTA header announces \(total) values, at most \(maxValueCount) expected")
        }
        let first = Self.zigzag(try cursor.readVarint())
        self.blockSize = Int(blockSize)
        self.miniblocksPerBlock = Int(miniblocks)
        self.valuesPerMiniblock = Int(blockSize / miniblocks)
        self.totalValueCount = Int(total)
        if total > 1 {
            let blocks = (total - 2) / blockSize + 1
            guard blocks <= UInt64(cursor.remaining) / (1 + miniblocks) else {
                throw .endOfData("DELTA header announces \(total) values, more than \(cursor.remaining) bytes can hold")
            }
        }
        self.remainingValues = Int(total)
        self.cursor = cursor
        self.firstPending = total > 0
        self.last = first
    }

    /// Bytes consumed so far; once every value is decoded, the length of the encoding (the
    /// data that follows it starts there).
    public var consumedByteCount: Int { cursor.offset }

    @inline(__always)
    static func zigzag(_ value: UInt64) -> UInt64 { (value >> 1) ^ (0 &- (value & 1)) }

    /// Decodes `min(destination.count, remainingValues)` values into the front of
    /// `destination` and returns how many.
    public mutating func decode(into destination: UnsafeMutableBufferPointer<Value>) throws(ParquetError) -> Int {
        let count = min(destination.count, remainingValues)
        var done = 0
        if count > 0, firstPending {
            destination[0] = Value(truncatingIfNeeded: last)
            firstPending = false
            remainingValues -= 1
            done = 1
        }
        while done < count {
            if miniblockLeft == 0 { try startMiniblock() }
            let take = min(miniblockLeft, count - done)
            let width = miniblockWidth
            let source = miniblock
            let delta = minDelta
            var bit = miniblockIndex * width
            var value = last
            for i in done..<done + take {
                value = value &+ delta &+ BitUnpacking.extract(source, bit: bit, width: width)
                bit &+= width
                destination[i] = Value(truncatingIfNeeded: value)
            }
            last = value
            miniblockIndex += take
            miniblockLeft -= take
            remainingValues -= take
            done += take
        }
        return count
    }

    /// All the values left, in a new array (at most `maxValueCount` values).
    public mutating func decodeAll() throws(ParquetError) -> [Value] {
        var values = [Value](repeating: 0, count: remainingValues)
        _ = try values.withUnsafeMutableBufferPointer { (buffer) throws(ParquetError) -> Int in try decode(into: buffer) }
        return values
    }

    private mutating func startMiniblock() throws(ParquetError) {
        if nextMiniblock == bitWidths.count {
            minDelta = Self.zigzag(try cursor.readVarint())
            bitWidths = try cursor.readBytes(miniblocksPerBlock)
            nextMiniblock = 0
        }
        let width = Int(bitWidths[nextMiniblock])
        nextMiniblock += 1
        // Deltas are summed in 64 bits and truncated: writers that compute INT32 deltas in 64
        // bits (DuckDB) use up to 33 bits, and the result is the same modulo 2^32.
        guard width <= 64 else { throw .corrupt("DELTA miniblock bit width \(width) above 64") }
        let wanted = min(valuesPerMiniblock, remainingValues)
        // A miniblock holds valuesPerMiniblock * width / 8 bytes (a multiple of 32 values, so
        // whole bytes); only the part holding the values still expected must be present.
        guard let needed = BitUnpacking.byteCount(values: wanted, bitWidth: width), needed <= cursor.remaining else {
            throw .endOfData("DELTA miniblock of \(wanted) values at \(width) bits exceeds the \(cursor.remaining) bytes left")
        }
        miniblock = try cursor.readBytes(min(valuesPerMiniblock * width / 8, cursor.remaining))
        miniblockWidth = width
        miniblockIndex = 0
        miniblockLeft = wanted
    }
}
