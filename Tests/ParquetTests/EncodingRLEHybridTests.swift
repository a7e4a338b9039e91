import Testing
@testable import Parquet

@Suite struct EncodingRLEHybridTests {
    /// Values mixing long repeats (RLE runs) and noise (bit-packed groups).
    static func levels(count: Int, bitWidth: Int, seed: UInt64) -> [UInt32] {
        var rng = SeededGenerator(seed: seed)
        let mask = UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(bitWidth)) - 1)
        var values: [UInt32] = []
        while values.count < count {
            let value = UInt32(truncatingIfNeeded: rng.next()) & mask
            let repeats = rng.next() % 3 == 0 ? Int(rng.next() % 40) + 1 : 1
            values.append(contentsOf: repeatElement(value, count: min(repeats, count - values.count)))
        }
        return values
    }

    @Test(arguments: 0...32) func roundTrip(bitWidth: Int) throws {
        for (count, batch) in [(0, 5), (1, 1), (7, 3), (8, 8), (1000, 64), (1003, 1000), (517, 1)] {
            let values = Self.levels(count: count, bitWidth: bitWidth, seed: UInt64(bitWidth * 7919 + count))
            var plain: [UInt8] = []
            RLEHybridEncoder.encode(values, bitWidth: bitWidth, into: &plain)
            try plain.withUnsafeBytes { raw in
                var decoder = try RLEHybridDecoder(raw, bitWidth: bitWidth, valueCount: count)
                let out = try EncodingTestSupport.drain(count: count, batch: batch, zero: UInt32(0)) { (b) throws(ParquetError) in try decoder.decode(into: b) }
                #expect(out == values)
                #expect(decoder.remainingValues == 0)
            }
            var prefixed: [UInt8] = [9]  // something before, and after
            RLEHybridEncoder.encodeLengthPrefixed(values, bitWidth: bitWidth, into: &prefixed)
            prefixed.append(0xEE)
            try prefixed.withUnsafeBytes { raw in
                var decoder = try RLEHybridDecoder(lengthPrefixed: UnsafeRawBufferPointer(rebasing: raw[1...]), bitWidth: bitWidth, valueCount: count)
                #expect(decoder.encodedByteCount == prefixed.count - 2)
                let out = try EncodingTestSupport.drain(count: count, batch: batch, zero: UInt32(0)) { (b) throws(ParquetError) in try decoder.decode(into: b) }
                #expect(out == values)
            }
        }
    }

    @Test func encoderUsesRunsForRepeats() {
        var out: [UInt8] = []
        RLEHybridEncoder.encode([UInt32](repeating: 5, count: 100), bitWidth: 3, into: &out)
        #expect(out == [200, 1, 5])  // varint(100 << 1), value in 1 byte
        out = []
        RLEHybridEncoder.encode([1, 2, 3], bitWidth: 2, into: &out)
        #expect(out == [0b11, 0b00_11_10_01, 0])  // one group of 8, padded with zeros
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 0) == 0)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 1) == 1)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: 4) == 3)
        #expect(RLEHybridEncoder.bitWidth(forMaxValue: .max) == 32)
    }

    @Test func dictionaryIndicesAreCheckedAgainstTheDictionary() throws {
        let indices: [UInt32] = (0..<300).map { UInt32($0 % 17) }
        var encoded: [UInt8] = []
        RLEHybridEncoder.encodeDictionaryIndices(indices, bitWidth: 5, into: &encoded)
        #expect(encoded.first == 5)
        try encoded.withUnsafeBytes { raw in
            var decoder = try RLEHybridDecoder(dictionaryIndices: raw, valueCount: 300)
            let out = try EncodingTestSupport.drain(count: 300, batch: 50, zero: UInt32(0)) { (b) throws(ParquetError) in try decoder.decodeIndices(into: b, dictionarySize: 17) }
            #expect(out == indices)
            var small = try RLEHybridDecoder(dictionaryIndices: raw, valueCount: 300)
            #expect(throws: ParquetError.self) {
                _ = try EncodingTestSupport.drain(count: 300, batch: 50, zero: UInt32(0)) { (b) throws(ParquetError) in try small.decodeIndices(into: b, dictionarySize: 16) }
            }
        }
        // A width byte above 32 is corrupt.
        [UInt8]([33, 2, 0]).withUnsafeBytes { raw in
            _ = #expect(throws: ParquetError.self) { try RLEHybridDecoder(dictionaryIndices: raw, valueCount: 1) }
        }
    }

    @Test func booleans() throws {
        var rng = SeededGenerator(seed: 3)
        let values = (0..<1001).map { _ in rng.next() % 4 == 0 }
        var encoded: [UInt8] = []
        RLEHybridEncoder.encodeBooleans(values, into: &encoded)
        try encoded.withUnsafeBytes { raw in
            var decoder = try RLEHybridDecoder(lengthPrefixed: raw, bitWidth: 1, valueCount: values.count)
            let out = try EncodingTestSupport.drain(count: values.count, batch: 333, zero: false) { (b) throws(ParquetError) in try decoder.decodeBooleans(into: b) }
            #expect(out == values)
        }
    }

    /// A run header claiming 2^31 (or 2^62) values yields only the values expected: no
    /// allocation, no endless loop.
    @Test func hugeRunsAreCutToTheExpectedCount() throws {
        var bytes: [UInt8] = []
        RLEHybridEncoder.writeVarint(UInt64(1) << 32, into: &bytes)  // RLE run of 2^31
        bytes.append(1)
        try bytes.withUnsafeBytes { raw in
            var decoder = try RLEHybridDecoder(raw, bitWidth: 1, valueCount: 10)
            let out = try EncodingTestSupport.drain(count: 100, batch: 64, zero: UInt32(0)) { (b) throws(ParquetError) in try decoder.decode(into: b) }
            #expect(out == [UInt32](repeating: 1, count: 10))
        }
        bytes = []
        RLEHybridEncoder.writeVarint(UInt64.max >> 1 | 1, into: &bytes)  // bit-packed, 2^62 groups
        bytes.append(contentsOf: [0xFF, 0xFF])
        try bytes.withUnsafeBytes { raw in
            var decoder = try RLEHybridDecoder(raw, bitWidth: 1, valueCount: 16)
            let out = try EncodingTestSupport.drain(count: 16, batch: 64, zero: UInt32(0)) { (b) throws(ParquetError) in try decoder.decode(into: b) }
            #expect(out == [UInt32](repeating: 1, count: 16))
            var tooMany = try RLEHybridDecoder(raw, bitWidth: 1, valueCount: 17)
            #expect(throws: ParquetError.self) {
                _ = try EncodingTestSupport.drain(count: 17, batch: 64, zero: UInt32(0)) { (b) throws(ParquetError) in try tooMany.decode(into: b) }
            }
        }
    }

    @Test func malformedRuns() throws {
        let cases: [(String, [UInt8], Int)] = [
            ("empty RLE run", [0x00, 0x01], 3),
            ("empty bit-packed run", [0x01], 3),
            ("RLE value wider than the bit width", [0x10, 0x04], 3),
            ("data ends before the values", [0x04, 0x01], 3),
            ("no data", [], 1),
            ("truncated RLE value", [0x10], 3),
            ("truncated bit-packed run", [0x03, 0xFF], 8),
            ("overlong varint", [UInt8](repeating: 0xFF, count: 11), 3),
        ]
        for (name, bytes, count) in cases {
            bytes.withUnsafeBytes { raw in
                _ = #expect(throws: ParquetError.self, "\(name)") {
                    var decoder = try RLEHybridDecoder(raw, bitWidth: 2, valueCount: count)
                    _ = try EncodingTestSupport.drain(count: count, batch: 16, zero: UInt32(0)) { (b) throws(ParquetError) in try decoder.decode(into: b) }
                }
            }
        }
        // A length prefix announcing more bytes than there are.
        [UInt8]([10, 0, 0, 0, 0x02, 0x01]).withUnsafeBytes { raw in
            _ = #expect(throws: ParquetError.self) { try RLEHybridDecoder(lengthPrefixed: raw, bitWidth: 1, valueCount: 1) }
        }
        [UInt8]([1, 0]).withUnsafeBytes { raw in
            _ = #expect(throws: ParquetError.self) { try RLEHybridDecoder(lengthPrefixed: raw, bitWidth: 1, valueCount: 1) }
        }
    }
}
