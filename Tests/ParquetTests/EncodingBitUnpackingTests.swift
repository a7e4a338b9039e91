import Testing
@testable import Parquet

@Suite struct EncodingBitUnpackingTests {
    @Test(arguments: 0...64) func roundTrip64(bitWidth: Int) throws {
        var rng = SeededGenerator(seed: UInt64(bitWidth))
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        let values = (0..<301).map { _ in rng.next() & mask }
        var packed: [UInt8] = []
        BitPacking.pack(values, bitWidth: bitWidth, into: &packed)
        #expect(packed.count == BitUnpacking.byteCount(values: values.count, bitWidth: bitWidth))
        try packed.withUnsafeBytes { raw in
            var out = [UInt64](repeating: 0xDEAD, count: values.count)
            try out.withUnsafeMutableBufferPointer { try BitUnpacking.unpack(raw, bitWidth: bitWidth, into: $0) }
            #expect(out == values)
            // From an odd starting value, in a short batch.
            var part = [UInt64](repeating: 0, count: 100)
            try part.withUnsafeMutableBufferPointer { try BitUnpacking.unpack(raw, bitWidth: bitWidth, firstValue: 77, into: $0) }
            #expect(part == Array(values[77..<177]))
            // One value too many runs past the end.
            if bitWidth > 0 {
                var tooMany = [UInt64](repeating: 0, count: values.count + 8)
                #expect(throws: ParquetError.self) {
                    try tooMany.withUnsafeMutableBufferPointer { try BitUnpacking.unpack(raw, bitWidth: bitWidth, into: $0) }
                }
            }
        }
    }

    @Test(arguments: 0...32) func roundTrip32(bitWidth: Int) throws {
        var rng = SeededGenerator(seed: 1000 + UInt64(bitWidth))
        let values = (0..<259).map { _ in UInt32(truncatingIfNeeded: rng.next()) & UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(bitWidth)) - 1) }
        var packed: [UInt8] = []
        BitPacking.pack(values, bitWidth: bitWidth, into: &packed)
        try packed.withUnsafeBytes { raw in
            var out = [UInt32](repeating: 7, count: values.count)
            try out.withUnsafeMutableBufferPointer { try BitUnpacking.unpack(raw, bitWidth: bitWidth, into: $0) }
            #expect(out == values)
        }
    }

    /// The one-load fast path stops where 8 bytes no longer fit: every start and length near
    /// the end of short buffers unpacks the same as value by value.
    @Test(arguments: [1, 3, 7, 8, 10, 13, 24, 31, 32, 33, 48, 55, 56, 57, 63])
    func everyStartAndLengthNearTheEnd(bitWidth: Int) throws {
        var rng = SeededGenerator(seed: 77 + UInt64(bitWidth))
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        for total in [1, 2, 5, 8, 9, 17, 40] {
            let values = (0..<total).map { _ in rng.next() & mask }
            var packed: [UInt8] = []
            BitPacking.pack(values, bitWidth: bitWidth, into: &packed)
            try packed.withUnsafeBytes { raw in
                for first in 0..<total {
                    for count in 0...(total - first) {
                        var out = [UInt64](repeating: 0xBAD, count: count)
                        try out.withUnsafeMutableBufferPointer {
                            try BitUnpacking.unpack(raw, bitWidth: bitWidth, firstValue: first, into: $0)
                        }
                        #expect(out == Array(values[first..<first + count]), "width \(bitWidth) of \(total) from \(first)")
                    }
                }
            }
        }
    }

    @Test func widthsAboveTheTypeAreRejected() {
        let bytes = [UInt8](repeating: 0xFF, count: 64)
        bytes.withUnsafeBytes { raw in
            var out32 = [UInt32](repeating: 0, count: 1)
            #expect(throws: ParquetError.self) {
                try out32.withUnsafeMutableBufferPointer { try BitUnpacking.unpack(raw, bitWidth: 33, into: $0) }
            }
            var out64 = [UInt64](repeating: 0, count: 1)
            #expect(throws: ParquetError.self) {
                try out64.withUnsafeMutableBufferPointer { try BitUnpacking.unpack(raw, bitWidth: 65, into: $0) }
            }
        }
    }

    /// Encodings.md: 0…7 at bit width 3 are 10001000 11000110 11111010 (LSB first).
    @Test func specExampleLSBFirst() throws {
        var packed: [UInt8] = []
        BitPacking.pack((0..<8).map { UInt32($0) }, bitWidth: 3, into: &packed)
        #expect(packed == [0b1000_1000, 0b1100_0110, 0b1111_1010])
        try packed.withUnsafeBytes { raw in
            var out = [UInt32](repeating: 0, count: 8)
            try out.withUnsafeMutableBufferPointer { try BitUnpacking.unpack(raw, bitWidth: 3, into: $0) }
            #expect(out == [0, 1, 2, 3, 4, 5, 6, 7])
        }
    }

    /// Encodings.md, deprecated BIT_PACKED: 0…7 at bit width 3 are 00000101 00111001 01110111.
    @Test func specExampleMSBFirst() throws {
        let bytes: [UInt8] = [0b0000_0101, 0b0011_1001, 0b0111_0111]
        try bytes.withUnsafeBytes { raw in
            var decoder = try BitPackedLevelDecoder(raw, bitWidth: 3, valueCount: 8)
            #expect(decoder.encodedByteCount == 3)
            let values = try EncodingTestSupport.drain(count: 8, batch: 3, zero: UInt32(0)) { (b) throws(ParquetError) in try decoder.decode(into: b) }
            #expect(values == [0, 1, 2, 3, 4, 5, 6, 7])
            #expect(throws: ParquetError.self) { try BitPackedLevelDecoder(raw, bitWidth: 3, valueCount: 9) }
        }
    }
}
