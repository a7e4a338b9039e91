/// Decoder of PLAIN values of every physical type, in batches into caller-owned buffers.
/// Fixed-width values: one bounds check per batch, then a copy.
public struct PlainDecoder {
    private var cursor: ByteCursor
    /// Values still to decode.
    public private(set) var remainingValues: Int
    /// Booleans: bits of the current byte already consumed (0 = start a new byte).
    private var bitOffset = 0

    /// `valueCount` values encoded in `bytes` (the count of non-null values of the page).
    public init(_ bytes: UnsafeRawBufferPointer, valueCount: Int) throws(ParquetError) {
        guard valueCount >= 0 else { throw .corrupt("negative value count \(valueCount)") }
        cursor = ByteCursor(bytes)
        remainingValues = valueCount
    }

    /// Bytes not yet consumed.
    public var remainingBytes: Int { cursor.remaining }

    /// INT32, INT64, INT96, FLOAT, DOUBLE: decodes `min(destination.count, remainingValues)`
    /// values into the front of `destination` and returns how many.
    public mutating func decode<Value: PlainFixedWidthValue>(
        into destination: UnsafeMutableBufferPointer<Value>
    ) throws(ParquetError) -> Int {
        let count = min(destination.count, remainingValues)
        let size = MemoryLayout<Value>.size
        let source = try cursor.readBytes(count * size)
        if count > 0 {
            // SAFETY: `source` holds exactly count * size bytes (checked by readBytes) and
            // `destination` at least `count` values; values are plain little-endian images.
            UnsafeMutableRawPointer(destination.baseAddress!).copyMemory(from: source.baseAddress!, byteCount: count * size)
        }
        remainingValues -= count
        return count
    }

    /// BOOLEAN: bit-packed LSB first.
    public mutating func decodeBooleans(into destination: UnsafeMutableBufferPointer<Bool>) throws(ParquetError) -> Int {
        let count = min(destination.count, remainingValues)
        guard count > 0 else { return 0 }
        // Bits available: those left in the current byte plus all bytes after it.
        let offset = cursor.offset
        let bitsLeft = (cursor.base.count - offset) * 8 + (bitOffset == 0 ? 0 : 8 - bitOffset)
        guard count <= bitsLeft else { throw .endOfData("\(count) booleans need more than \(bitsLeft) bits") }
        let firstBit = (bitOffset == 0 ? offset : offset - 1) * 8 + bitOffset
        for i in 0..<count {
            let bit = firstBit + i
            destination[i] = cursor.base[bit >> 3] >> UInt8(bit & 7) & 1 != 0
        }
        let endBit = firstBit + count
        try cursor.seek(to: (endBit + 7) / 8)
        bitOffset = endBit & 7
        remainingValues -= count
        return count
    }

    /// BYTE_ARRAY: appends up to `count` values (4-byte length + bytes each) to `offsets` and
    /// `bytes` (`offsets` gets a leading 0 when empty, then the end of each value); returns how
    /// many. Each length is checked against the bytes left before anything is appended.
    public mutating func decodeByteArrays<Offset: FixedWidthInteger & SignedInteger>(
        count: Int, offsets: inout [Offset], bytes: inout [UInt8]
    ) throws(ParquetError) -> Int {
        let count = min(max(count, 0), remainingValues)
        // First pass: every length checked against the bytes left, and the values' total.
        var scan = cursor
        var total = 0
        for _ in 0..<count {
            let length = Int(try scan.readLittleEndian(UInt32.self))
            _ = try scan.readBytes(length)
            total += length  // ≤ the page's size: no overflow
        }
        if offsets.isEmpty { offsets.append(0) }
        let (end, overflow) = bytes.count.addingReportingOverflow(total)
        guard !overflow, end <= Int(Offset.max) else {
            throw .outOfBounds("byte array data of \(end) bytes overflows \(Offset.self) offsets")
        }
        // Second pass: copy into room made once.
        offsets.reserveCapacity(offsets.count + count)
        var at = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: total))
        let page = cursor.base.baseAddress
        var position = cursor.offset
        bytes.withUnsafeMutableBufferPointer { out in
            for _ in 0..<count {
                // SAFETY: the first pass read these lengths and values inside the page, and
                // the values' total was added to `bytes`.
                let length = Int(UInt32(littleEndian: (page! + position).loadUnaligned(as: UInt32.self)))
                if length > 0 {
                    UnsafeMutableRawPointer(out.baseAddress! + at).copyMemory(from: page! + position + 4, byteCount: length)
                }
                position += 4 + length
                at += length
                offsets.append(Offset(at))
            }
        }
        cursor = scan
        remainingValues -= count
        return count
    }

    /// FIXED_LEN_BYTE_ARRAY of `length` bytes: appends up to `count` values to `bytes`.
    public mutating func decodeFixedLengthByteArrays(
        count: Int, length: Int, into bytes: inout [UInt8]
    ) throws(ParquetError) -> Int {
        guard length >= 0 else { throw .corrupt("negative fixed length \(length)") }
        let count = min(max(count, 0), remainingValues)
        let (total, overflow) = count.multipliedReportingOverflow(by: length)
        guard !overflow else { throw .outOfBounds("\(count) values of \(length) bytes") }
        bytes.append(contentsOf: try cursor.readBytes(total))
        remainingValues -= count
        return count
    }
}
