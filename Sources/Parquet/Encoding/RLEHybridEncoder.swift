/// Encoder of the RLE/bit-packed hybrid for the writer: definition and repetition levels,
/// dictionary indices and booleans. Repeats of 8 or more values become RLE runs, everything
/// else bit-packed groups of 8 (the last group padded with zeros; readers stop at the value
/// count they expect).
public enum RLEHybridEncoder {
    /// Bits needed for values up to `maxValue` (0 for 0): the level and index bit width.
    public static func bitWidth(forMaxValue maxValue: UInt32) -> Int {
        UInt32.bitWidth - maxValue.leadingZeroBitCount
    }

    /// Appends the hybrid encoding of `values` (each below 2^bitWidth, bitWidth 0…32) to `output`.
    public static func encode(_ values: UnsafeBufferPointer<UInt32>, bitWidth: Int, into output: inout [UInt8]) {
        precondition(bitWidth >= 0 && bitWidth <= 32, "RLE bit width \(bitWidth) outside 0...32")
        let count = values.count
        let maxGroups = Int(Int32.max) / 8
        var i = 0
        while i < count {
            let run = runLength(values, at: i)
            if run >= 8 {
                writeVarint(UInt64(run) << 1, into: &output)
                let value = values[i]
                for byte in 0..<(bitWidth + 7) / 8 {
                    output.append(UInt8(truncatingIfNeeded: value >> UInt32(8 * byte)))
                }
                i += run
                continue
            }
            // Groups of 8 until a run of 8 or more starts at a group boundary.
            var groups = 0
            var next = i
            repeat {
                groups += 1
                next += 8
            } while next < count && groups < maxGroups && runLength(values, at: next) < 8
            let end = min(next, count)
            writeVarint(UInt64(groups) << 1 | 1, into: &output)
            // Zero values after the last one pad the last group: zero bytes after the packing.
            let packedStart = output.count
            BitPacking.pack(UnsafeBufferPointer(rebasing: values[i..<end]), bitWidth: bitWidth, into: &output)
            output.append(contentsOf: repeatElement(0, count: groups * bitWidth - (output.count - packedStart)))
            i = end
        }
    }

    public static func encode(_ values: [UInt32], bitWidth: Int, into output: inout [UInt8]) {
        values.withUnsafeBufferPointer { encode($0, bitWidth: bitWidth, into: &output) }
    }

    /// Levels of a v1 data page, and RLE booleans: a 4-byte little-endian length, then the data.
    public static func encodeLengthPrefixed(_ values: [UInt32], bitWidth: Int, into output: inout [UInt8]) {
        let lengthAt = output.count
        output.append(contentsOf: [0, 0, 0, 0])
        encode(values, bitWidth: bitWidth, into: &output)
        let length = UInt32(output.count - lengthAt - 4)
        for byte in 0..<4 { output[lengthAt + byte] = UInt8(truncatingIfNeeded: length >> UInt32(8 * byte)) }
    }

    /// Dictionary indices of a data page: the bit-width byte, then the data.
    public static func encodeDictionaryIndices(_ indices: [UInt32], bitWidth: Int, into output: inout [UInt8]) {
        output.append(UInt8(bitWidth))
        encode(indices, bitWidth: bitWidth, into: &output)
    }

    /// Booleans (bit width 1, length-prefixed as in v1 and v2 data pages).
    public static func encodeBooleans(_ values: [Bool], into output: inout [UInt8]) {
        encodeLengthPrefixed(values.map { $0 ? 1 : 0 }, bitWidth: 1, into: &output)
    }

    private static func runLength(_ values: UnsafeBufferPointer<UInt32>, at start: Int) -> Int {
        let value = values[start]
        var end = start + 1
        let limit = min(values.count, start + Int(Int32.max))
        while end < limit, values[end] == value { end += 1 }
        return end - start
    }

    static func writeVarint(_ value: UInt64, into output: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }
}
