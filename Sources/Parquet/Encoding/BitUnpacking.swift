#if !_endian(little)
#error("the Parquet encodings assume a little-endian host")
#endif

/// Unpacking of fixed-width integers packed LSB-first, the bit order of Parquet's
/// RLE/bit-packed hybrid and of DELTA_BINARY_PACKED miniblocks: value `i` occupies bits
/// `i * bitWidth ..< (i + 1) * bitWidth`, bit 0 being the least significant bit of byte 0.
public enum BitUnpacking {
    /// Bytes that `count` values of `bitWidth` bits occupy (rounded up), or nil on overflow.
    @inlinable
    public static func byteCount(values count: Int, bitWidth: Int) -> Int? {
        guard count >= 0, bitWidth >= 0 else { return nil }
        let (bits, overflow) = count.multipliedReportingOverflow(by: bitWidth)
        guard !overflow else { return nil }
        return bits / 8 + (bits % 8 == 0 ? 0 : 1)
    }

    /// Unpacks `destination.count` values of `bitWidth` (0…64) bits, starting with value
    /// number `firstValue` of `source`.
    public static func unpack(
        _ source: UnsafeRawBufferPointer, bitWidth: Int, firstValue: Int = 0,
        into destination: UnsafeMutableBufferPointer<UInt64>
    ) throws(ParquetError) {
        try check(source, bitWidth: bitWidth, maxBitWidth: 64, firstValue: firstValue, count: destination.count)
        unpackValidated(source, bitWidth: bitWidth, firstBit: firstValue * bitWidth, into: destination)
    }

    /// Unpacks `destination.count` values of `bitWidth` (0…32) bits, starting with value
    /// number `firstValue` of `source`.
    public static func unpack(
        _ source: UnsafeRawBufferPointer, bitWidth: Int, firstValue: Int = 0,
        into destination: UnsafeMutableBufferPointer<UInt32>
    ) throws(ParquetError) {
        try check(source, bitWidth: bitWidth, maxBitWidth: 32, firstValue: firstValue, count: destination.count)
        unpackValidated(source, bitWidth: bitWidth, firstBit: firstValue * bitWidth, into: destination)
    }

    static func check(
        _ source: UnsafeRawBufferPointer, bitWidth: Int, maxBitWidth: Int, firstValue: Int, count: Int
    ) throws(ParquetError) {
        guard bitWidth >= 0, bitWidth <= maxBitWidth else {
            throw .outOfBounds("bit width \(bitWidth) outside 0...\(maxBitWidth)")
        }
        guard firstValue >= 0 else { throw .outOfBounds("negative value index \(firstValue)") }
        let (end, overflow) = firstValue.addingReportingOverflow(count)
        guard !overflow, let bytes = byteCount(values: end, bitWidth: bitWidth), bytes <= source.count else {
            throw .endOfData("\(count) values of \(bitWidth) bits need more than \(source.count) bytes")
        }
    }

    /// The `width`-bit value at bit `bit` of `source`. Never reads outside `source`: bits past
    /// its end read as 0 (callers check the bounds once per run, so that never happens).
    @inline(__always)
    static func extract(_ source: UnsafeRawBufferPointer, bit: Int, width: Int) -> UInt64 {
        let byte = bit &>> 3
        let shift = UInt64(truncatingIfNeeded: bit & 7)
        var word: UInt64
        if byte &+ 8 <= source.count {
            // SAFETY: byte + 8 <= source.count, so the 8 bytes loaded lie inside `source`.
            word = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: byte, as: UInt64.self)) &>> shift
            if shift &+ UInt64(truncatingIfNeeded: width) > 64, byte &+ 8 < source.count {
                word |= UInt64(source[byte &+ 8]) &<< (64 &- shift)
            }
        } else {
            var low: UInt64 = 0
            var index = byte
            var shiftIn: UInt64 = 0
            while index < source.count, index >= 0 {
                low |= UInt64(source[index]) &<< shiftIn
                index &+= 1
                shiftIn &+= 8
            }
            word = low &>> shift
        }
        return width >= 64 ? word : word & ((1 &<< UInt64(truncatingIfNeeded: width)) &- 1)
    }

    /// Unpacks without checking the bounds: the caller has checked (once per run or batch)
    /// that `firstBit + destination.count * bitWidth` bits lie inside `source` and that the bit
    /// width fits `T`. Still never reads outside `source` (see `extract`).
    @inline(__always)
    static func unpackValidated<T: FixedWidthInteger & UnsignedInteger>(
        _ source: UnsafeRawBufferPointer, bitWidth: Int, firstBit: Int,
        into destination: UnsafeMutableBufferPointer<T>
    ) {
        let count = destination.count
        guard count > 0 else { return }
        if bitWidth == 0 {
            destination.update(repeating: 0)
            return
        }
        if firstBit & 7 == 0, bitWidth & 7 == 0, (firstBit &>> 3) &+ count &* (bitWidth &>> 3) <= source.count {
            // Whole-byte widths: plain little-endian loads.
            let start = firstBit &>> 3
            switch bitWidth {
            case 8:
                for i in 0..<count { destination[i] = T(truncatingIfNeeded: source[start &+ i]) }
                return
            case 16:
                // SAFETY: start + count * 2 <= source.count was checked above.
                for i in 0..<count {
                    destination[i] = T(truncatingIfNeeded: UInt16(littleEndian: source.loadUnaligned(fromByteOffset: start &+ i &* 2, as: UInt16.self)))
                }
                return
            case 32:
                // SAFETY: start + count * 4 <= source.count was checked above.
                for i in 0..<count {
                    destination[i] = T(truncatingIfNeeded: UInt32(littleEndian: source.loadUnaligned(fromByteOffset: start &+ i &* 4, as: UInt32.self)))
                }
                return
            case 64:
                // SAFETY: start + count * 8 <= source.count was checked above.
                for i in 0..<count {
                    destination[i] = T(truncatingIfNeeded: UInt64(littleEndian: source.loadUnaligned(fromByteOffset: start &+ i &* 8, as: UInt64.self)))
                }
                return
            default:
                break
            }
        }
        var bit = firstBit
        var i = 0
        if bitWidth <= 56, source.count >= 8 {
            // The values whose 8 bytes from their first byte lie inside `source` (all but the
            // last few): one unaligned load, a shift and a mask each. A value's bits start at
            // bit & 7 ≤ 7 of its load, so widths up to 56 fit in the 64 bits loaded.
            let limit = (source.count &- 7) &* 8  // a value starting below this bit can load 8 bytes
            let safe = limit > firstBit ? min(count, (limit &- firstBit &+ bitWidth &- 1) / bitWidth) : 0
            let mask: UInt64 = (1 &<< UInt64(truncatingIfNeeded: bitWidth)) &- 1
            let base = source.baseAddress!
            while i < safe {
                // SAFETY: bit < limit, so (bit >> 3) + 8 <= source.count.
                let word = UInt64(littleEndian: (base + (bit &>> 3)).loadUnaligned(as: UInt64.self))
                destination[i] = T(truncatingIfNeeded: (word &>> UInt64(truncatingIfNeeded: bit & 7)) & mask)
                bit &+= bitWidth
                i &+= 1
            }
        }
        while i < count {
            destination[i] = T(truncatingIfNeeded: extract(source, bit: bit, width: bitWidth))
            bit &+= bitWidth
            i &+= 1
        }
    }

    /// Unpacks values packed MSB-first, the order of the deprecated BIT_PACKED level encoding.
    /// The caller has checked the bounds; bits past the end of `source` read as 0.
    static func unpackMSBFirstValidated(
        _ source: UnsafeRawBufferPointer, bitWidth: Int, firstBit: Int,
        into destination: UnsafeMutableBufferPointer<UInt32>
    ) {
        var bit = firstBit
        for i in 0..<destination.count {
            var value: UInt32 = 0
            var left = bitWidth
            while left > 0 {
                let byteIndex = bit &>> 3
                let used = bit & 7
                let take = min(8 &- used, left)
                let byte = byteIndex < source.count ? UInt32(source[byteIndex]) : 0
                let bits = (byte &>> UInt32(8 &- used &- take)) & ((1 &<< UInt32(take)) &- 1)
                value = (value &<< UInt32(take)) | bits
                bit &+= take
                left &-= take
            }
            destination[i] = value
        }
    }
}

/// Packing LSB-first, the inverse of `BitUnpacking` (for the writer).
public enum BitPacking {
    /// Appends `values` packed in `bitWidth` (0…64) bits each, LSB-first, padded with zero bits
    /// to a whole byte. Bits of a value above `bitWidth` are ignored.
    public static func pack<S: Sequence>(_ values: S, bitWidth: Int, into output: inout [UInt8])
    where S.Element: FixedWidthInteger & UnsignedInteger {
        precondition(bitWidth >= 0 && bitWidth <= 64, "bit width \(bitWidth) outside 0...64")
        guard bitWidth > 0 else { return }
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        var buffer: UInt64 = 0  // pending bits, LSB first
        var pending = 0  // number of pending bits, < 8 between values
        for value in values {
            let v = UInt64(truncatingIfNeeded: value) & mask
            buffer |= v << UInt64(pending)
            var spill: UInt64 = pending == 0 ? 0 : v >> UInt64(64 - pending)  // bits that did not fit
            var total = pending + bitWidth
            while total >= 8 {
                output.append(UInt8(truncatingIfNeeded: buffer))
                buffer = (buffer >> 8) | (spill << 56)
                spill >>= 8
                total -= 8
            }
            pending = total
        }
        if pending > 0 { output.append(UInt8(truncatingIfNeeded: buffer)) }
    }
}
