/// Decoder of the RLE/bit-packed hybrid: definition and repetition levels (bit width from the
/// max level), dictionary indices (bit width from the leading byte) and booleans (width 1).
///
/// The decoder knows how many values to expect and never produces more: a run claiming more
/// values than are left is cut short, so a header claiming 2^31 values neither allocates nor
/// loops; every run is checked against the bytes left before it is read.
public struct RLEHybridDecoder {
    public let bitWidth: Int
    /// Values still to decode.
    public private(set) var remainingValues: Int
    /// Bytes of the input this decoder covers: the 4-byte length and the data it announces
    /// (length-prefixed), the width byte and the rest (dictionary indices), or all of them.
    public private(set) var encodedByteCount: Int

    private var cursor: ByteCursor
    private var runLeft = 0
    private var runIsPacked = false
    private var runValue: UInt32 = 0
    private var packed = UnsafeRawBufferPointer(start: nil, count: 0)
    private var packedIndex = 0

    /// Hybrid data without a length prefix (v2 page levels): all of `bytes`.
    public init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, valueCount: Int) throws(ParquetError) {
        guard bitWidth >= 0, bitWidth <= 32 else { throw .outOfBounds("RLE bit width \(bitWidth) outside 0...32") }
        guard valueCount >= 0 else { throw .corrupt("negative value count \(valueCount)") }
        self.bitWidth = bitWidth
        self.remainingValues = valueCount
        self.encodedByteCount = bytes.count
        self.cursor = ByteCursor(bytes)
    }

    /// Hybrid data after a 4-byte little-endian length (v1 page levels, RLE booleans).
    public init(lengthPrefixed bytes: UnsafeRawBufferPointer, bitWidth: Int, valueCount: Int) throws(ParquetError) {
        var prefix = ByteCursor(bytes)
        let length = Int(try prefix.readLittleEndian(UInt32.self))
        guard length <= prefix.remaining else {
            throw .endOfData("RLE length \(length) exceeds the \(prefix.remaining) bytes left")
        }
        try self.init(UnsafeRawBufferPointer(rebasing: bytes[4..<4 + length]), bitWidth: bitWidth, valueCount: valueCount)
        self.encodedByteCount = 4 + length
    }

    /// Dictionary indices of a data page: a bit-width byte (≤ 32), then hybrid data.
    public init(dictionaryIndices bytes: UnsafeRawBufferPointer, valueCount: Int) throws(ParquetError) {
        guard let width = bytes.first else { throw .endOfData("missing dictionary index bit width") }
        guard width <= 32 else { throw .corrupt("dictionary index bit width \(width) above 32") }
        try self.init(UnsafeRawBufferPointer(rebasing: bytes[1...]), bitWidth: Int(width), valueCount: valueCount)
        self.encodedByteCount = bytes.count
    }

    /// Decodes `min(destination.count, remainingValues)` values into the front of
    /// `destination` and returns how many.
    public mutating func decode(into destination: UnsafeMutableBufferPointer<UInt32>) throws(ParquetError) -> Int {
        let count = min(destination.count, remainingValues)
        var done = 0
        while done < count {
            if runLeft == 0 { try nextRun() }
            let take = min(runLeft, count - done)
            let slice = UnsafeMutableBufferPointer(rebasing: destination[done..<done + take])
            if runIsPacked {
                BitUnpacking.unpackValidated(packed, bitWidth: bitWidth, firstBit: packedIndex * bitWidth, into: slice)
                packedIndex += take
            } else {
                slice.update(repeating: runValue)
            }
            runLeft -= take
            remainingValues -= take
            done += take
        }
        return count
    }

    /// `decode(into:)` for dictionary indices: every index decoded is checked (once per
    /// batch) to be below `dictionarySize`.
    public mutating func decodeIndices(
        into destination: UnsafeMutableBufferPointer<UInt32>, dictionarySize: Int
    ) throws(ParquetError) -> Int {
        let count = try decode(into: destination)
        var largest: UInt32 = 0
        for i in 0..<count { largest = max(largest, destination[i]) }
        if count > 0, Int(largest) >= dictionarySize {
            throw .outOfBounds("dictionary index \(largest) outside a dictionary of \(dictionarySize) values")
        }
        return count
    }

    /// Booleans (bit width 1) as `Bool`.
    public mutating func decodeBooleans(into destination: UnsafeMutableBufferPointer<Bool>) throws(ParquetError) -> Int {
        guard bitWidth == 1 else { throw .corrupt("booleans need bit width 1, not \(bitWidth)") }
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        let total = min(destination.count, remainingValues)
        var done = 0
        while done < total {
            let chunk = min(total - done, 16)
            // SAFETY: the 64-byte tuple is rebound to 16 UInt32 only inside this closure, and
            // `chunk` ≤ 16.
            let decoded = try withUnsafeMutableBytes(of: &scratch) { raw throws(ParquetError) -> Int in
                let words = raw.bindMemory(to: UInt32.self)
                let n = try decode(into: UnsafeMutableBufferPointer(rebasing: words[0..<chunk]))
                for i in 0..<n { destination[done + i] = words[i] != 0 }
                return n
            }
            done += decoded
        }
        return total
    }

    private mutating func nextRun() throws(ParquetError) {
        let header = try cursor.readVarint()
        if header & 1 == 1 {
            let groups = header >> 1
            guard groups > 0 else { throw .corrupt("empty bit-packed run") }
            let runValues = groups > UInt64(Int.max / 8) ? Int.max : Int(groups) * 8
            let wanted = min(runValues, remainingValues)
            // The run should hold `groups * bitWidth` bytes; only the part holding the values
            // still expected must be present (writers pad the last group).
            guard let needed = BitUnpacking.byteCount(values: wanted, bitWidth: bitWidth), needed <= cursor.remaining else {
                throw .endOfData("bit-packed run of \(wanted) values at bit width \(bitWidth) exceeds the \(cursor.remaining) bytes left")
            }
            let (fullBytes, overflow) = groups.multipliedReportingOverflow(by: UInt64(bitWidth))
            let available = UInt64(cursor.remaining)
            packed = try cursor.readBytes(Int(overflow ? available : min(fullBytes, available)))
            packedIndex = 0
            runLeft = wanted
            runIsPacked = true
        } else {
            let count = header >> 1
            guard count > 0 else { throw .corrupt("empty RLE run") }
            var value: UInt32 = 0
            for byteIndex in 0..<(bitWidth + 7) / 8 {
                value |= UInt32(try cursor.readByte()) << UInt32(8 * byteIndex)
            }
            guard bitWidth == 32 || value >> UInt32(bitWidth) == 0 else {
                throw .corrupt("RLE value \(value) wider than \(bitWidth) bits")
            }
            runValue = value
            runLeft = Int(min(count, UInt64(remainingValues)))
            runIsPacked = false
        }
    }
}

/// Decoder of the deprecated BIT_PACKED level encoding: `valueCount` values packed MSB-first,
/// no header, no length prefix.
public struct BitPackedLevelDecoder {
    public let bitWidth: Int
    public private(set) var remainingValues: Int
    /// Bytes the levels occupy: `ceil(valueCount * bitWidth / 8)`.
    public let encodedByteCount: Int
    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    public init(_ bytes: UnsafeRawBufferPointer, bitWidth: Int, valueCount: Int) throws(ParquetError) {
        guard bitWidth >= 0, bitWidth <= 32 else { throw .outOfBounds("level bit width \(bitWidth) outside 0...32") }
        guard valueCount >= 0 else { throw .corrupt("negative value count \(valueCount)") }
        guard let needed = BitUnpacking.byteCount(values: valueCount, bitWidth: bitWidth), needed <= bytes.count else {
            throw .endOfData("\(valueCount) levels of \(bitWidth) bits exceed the \(bytes.count) bytes left")
        }
        self.bitWidth = bitWidth
        self.remainingValues = valueCount
        self.encodedByteCount = needed
        self.bytes = UnsafeRawBufferPointer(rebasing: bytes[0..<needed])
    }

    public mutating func decode(into destination: UnsafeMutableBufferPointer<UInt32>) throws(ParquetError) -> Int {
        let count = min(destination.count, remainingValues)
        BitUnpacking.unpackMSBFirstValidated(
            bytes, bitWidth: bitWidth, firstBit: index * bitWidth,
            into: UnsafeMutableBufferPointer(rebasing: destination[0..<count]))
        index += count
        remainingValues -= count
        return count
    }
}
