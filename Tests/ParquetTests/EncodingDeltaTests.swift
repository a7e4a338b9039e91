import Testing
@testable import Parquet

@Suite struct EncodingDeltaTests {
    static func varint(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        RLEHybridEncoder.writeVarint(value, into: &out)
        return out
    }

    static func zigzag(_ value: Int64) -> [UInt8] { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    static func decodeAll<V: DeltaBinaryPackedValue>(_ bytes: [UInt8], as _: V.Type, batch: Int = 3) throws -> [V] {
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaBinaryPackedDecoder<V>(raw, maxValueCount: 1000)
            return try EncodingTestSupport.drain(count: decoder.totalValueCount, batch: batch, zero: V.zero) { (b) throws(ParquetError) in try decoder.decode(into: b) }
        }
    }

    /// Encodings.md example 1 (1, 2, 3, 4, 5) with a valid block: 128 values in 4 miniblocks
    /// of 32 (the spec's block size 8 is, as it says, invalid in real files).
    @Test func specExample1() throws {
        let bytes = Self.varint(128) + Self.varint(4) + Self.varint(5) + Self.zigzag(1)
            + Self.zigzag(1) + [0, 0, 0, 0]  // min delta 1, bit widths 0: no miniblock data
        #expect(try Self.decodeAll(bytes, as: Int32.self) == [1, 2, 3, 4, 5])
        #expect(try Self.decodeAll(bytes, as: Int64.self) == [1, 2, 3, 4, 5])
        let literal = Self.varint(8) + Self.varint(1) + Self.varint(5) + Self.zigzag(1) + Self.zigzag(1) + [0]
        #expect(throws: ParquetError.self) { try Self.decodeAll(literal, as: Int32.self) }
    }

    /// Encodings.md example 2 (7, 5, 3, 1, 2, 3, 4, 5): min delta -2, relative deltas
    /// 0, 0, 0, 3, 3, 3, 3 on 2 bits, padded to a full miniblock of 32 values (8 bytes).
    @Test func specExample2() throws {
        let miniblock: [UInt8] = [0b1100_0000, 0b0011_1111, 0, 0, 0, 0, 0, 0]
        let bytes = Self.varint(128) + Self.varint(4) + Self.varint(8) + Self.zigzag(7)
            + Self.zigzag(-2) + [2, 0xEE, 0xEE, 0xEE]  // unused miniblocks' widths are arbitrary
            + miniblock
        #expect(try Self.decodeAll(bytes, as: Int32.self, batch: 1) == [7, 5, 3, 1, 2, 3, 4, 5])
        #expect(try Self.decodeAll(bytes, as: Int64.self, batch: 100) == [7, 5, 3, 1, 2, 3, 4, 5])
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaBinaryPackedDecoder<Int64>(raw, maxValueCount: 8)
            _ = try decoder.decodeAll()
            #expect(decoder.consumedByteCount == bytes.count)
            #expect(throws: ParquetError.self) { try DeltaBinaryPackedDecoder<Int64>(raw, maxValueCount: 7) }
        }
        // Miniblock bytes beyond the last value may be missing; the values themselves may not.
        #expect(try Self.decodeAll(Array(bytes.dropLast(6)), as: Int32.self) == [7, 5, 3, 1, 2, 3, 4, 5])
        #expect(throws: ParquetError.self) { try Self.decodeAll(Array(bytes.dropLast(7)), as: Int32.self) }
    }

    @Test func wrappingArithmetic() throws {
        // Int32: max, then +1 wraps to min (min delta 1, width 0).
        let bytes32 = Self.varint(128) + Self.varint(4) + Self.varint(3) + Self.zigzag(Int64(Int32.max))
            + Self.zigzag(1) + [0, 0, 0, 0]
        #expect(try Self.decodeAll(bytes32, as: Int32.self) == [.max, .min, .min + 1])
        // Int64: min, max (delta -1 wraps), min: min delta = -1, relative deltas 0 and... all
        // deltas are max - min = -1 (wrapped) and 1: min delta -1, relative 0 and 2 on 2 bits.
        let bytes64 = Self.varint(128) + Self.varint(4) + Self.varint(3) + Self.zigzag(.min)
            + Self.zigzag(-1) + [2, 0, 0, 0] + [0b0000_1000] + [UInt8](repeating: 0, count: 7)
        #expect(try Self.decodeAll(bytes64, as: Int64.self) == [.min, .max, .min])
    }

    @Test func headerValidation() {
        let cases: [(String, [UInt8])] = [
            ("block size 0", Self.varint(0) + Self.varint(4) + Self.varint(1) + Self.zigzag(0)),
            ("block size not a multiple of 128", Self.varint(100) + Self.varint(4) + Self.varint(1) + Self.zigzag(0)),
            ("no miniblocks", Self.varint(128) + Self.varint(0) + Self.varint(1) + Self.zigzag(0)),
            ("miniblock count not dividing", Self.varint(128) + Self.varint(3) + Self.varint(1) + Self.zigzag(0)),
            ("miniblocks of 16 values", Self.varint(128) + Self.varint(8) + Self.varint(1) + Self.zigzag(0)),
            ("2^40 values in 6 bytes", Self.varint(128) + Self.varint(4) + Self.varint(1 << 40) + Self.zigzag(0) + [2, 0, 0, 0, 0, 0]),
            ("truncated header", Self.varint(128) + Self.varint(4)),
            ("huge block size", Self.varint(1 << 40) + Self.varint(4) + Self.varint(1) + Self.zigzag(0)),
            ("width 65 for INT32", Self.varint(128) + Self.varint(4) + Self.varint(2) + Self.zigzag(0) + Self.zigzag(0) + [65, 0, 0, 0] + [UInt8](repeating: 0, count: 300)),
        ]
        for (name, bytes) in cases {
            #expect(throws: ParquetError.self, "\(name)") { try Self.decodeAll(bytes, as: Int32.self) }
        }
        let width65 = Self.varint(128) + Self.varint(4) + Self.varint(2) + Self.zigzag(0) + Self.zigzag(0) + [65, 0, 0, 0] + [UInt8](repeating: 0, count: 300)
        #expect(throws: ParquetError.self) { try Self.decodeAll(width65, as: Int64.self) }
    }

    /// INT32 deltas computed in 64 bits, as DuckDB writes them, need 33 bits: Int32.max,
    /// Int32.min, Int32.max has deltas −(2^32−1) and +(2^32−1), so 0 and 2^33−2 above the minimum.
    @Test func int32DeltasOf33Bits() throws {
        var packed: [UInt8] = []
        BitPacking.pack([UInt64(0), (UInt64(1) << 33) - 2] + [UInt64](repeating: 0, count: 30), bitWidth: 33, into: &packed)
        let bytes = Self.varint(128) + Self.varint(4) + Self.varint(3) + Self.zigzag(Int64(Int32.max))
            + Self.zigzag(-(Int64(1) << 32) + 1) + [33, 0, 0, 0] + packed
        #expect(try Self.decodeAll(bytes, as: Int32.self) == [Int32.max, Int32.min, Int32.max])
    }

    /// Encodings.md: "Hello", "World", "Foobar", "ABCDEF" as DELTA_LENGTH_BYTE_ARRAY.
    @Test func deltaLengthSpecExample() throws {
        // Lengths 5, 5, 6, 6: deltas 0, 1, 0; min delta 0; relative 0, 1, 0 on 1 bit.
        let lengths = Self.varint(128) + Self.varint(4) + Self.varint(4) + Self.zigzag(5)
            + Self.zigzag(0) + [1, 0, 0, 0] + [0b010, 0, 0, 0]
        let bytes = lengths + Array("HelloWorldFoobarABCDEF".utf8)
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaLengthByteArrayDecoder(raw, maxValueCount: 4)
            #expect(decoder.encodedByteCount == bytes.count)
            var offsets: [Int32] = [], data: [UInt8] = []
            #expect(try decoder.decode(count: 3, offsets: &offsets, bytes: &data) == 3)
            #expect(try decoder.decode(count: 3, offsets: &offsets, bytes: &data) == 1)
            #expect(EncodingTestSupport.split(offsets, data).map { String(decoding: $0, as: UTF8.self) } == ["Hello", "World", "Foobar", "ABCDEF"])
            #expect(throws: ParquetError.self) { try DeltaLengthByteArrayDecoder(raw, maxValueCount: 3) }
            #expect(throws: ParquetError.self) { try DeltaLengthByteArrayDecoder(UnsafeRawBufferPointer(rebasing: raw.dropLast()), maxValueCount: 4) }
        }
        // A negative length.
        let negative = Self.varint(128) + Self.varint(4) + Self.varint(1) + Self.zigzag(-1)
        negative.withUnsafeBytes { raw in
            _ = #expect(throws: ParquetError.self) { try DeltaLengthByteArrayDecoder(raw, maxValueCount: 4) }
        }
    }

    /// Encodings.md: "axis", "axle", "babble", "babyhood" as DELTA_BYTE_ARRAY.
    @Test func deltaByteArraySpecExample() throws {
        // Prefixes 0, 2, 0, 3: deltas 2, -2, 3; min -2; relative 4, 0, 5 on 3 bits.
        let prefixes = Self.varint(128) + Self.varint(4) + Self.varint(4) + Self.zigzag(0)
            + Self.zigzag(-2) + [3, 0, 0, 0] + [0b01_000_100, 0b1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        // Suffix lengths 4, 2, 6, 5: deltas -2, 4, -1; min -2; relative 0, 6, 1 on 3 bits.
        let suffixLengths = Self.varint(128) + Self.varint(4) + Self.varint(4) + Self.zigzag(4)
            + Self.zigzag(-2) + [3, 0, 0, 0] + [0b01_110_000, 0b0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        let bytes = prefixes + suffixLengths + Array("axislebabbleyhood".utf8)
        try bytes.withUnsafeBytes { raw in
            var decoder = try DeltaByteArrayDecoder(raw, maxValueCount: 4)
            var offsets: [Int] = [], data: [UInt8] = []
            #expect(try decoder.decode(count: 10, offsets: &offsets, bytes: &data) == 4)
            #expect(EncodingTestSupport.split(offsets, data).map { String(decoding: $0, as: UTF8.self) } == ["axis", "axle", "babble", "babyhood"])
        }
        // A first prefix of 1 refers to a value that does not exist.
        let badPrefixes = Self.varint(128) + Self.varint(4) + Self.varint(1) + Self.zigzag(1)
        let oneSuffix = Self.varint(128) + Self.varint(4) + Self.varint(1) + Self.zigzag(1) + [0x41]
        (badPrefixes + oneSuffix).withUnsafeBytes { raw in
            _ = #expect(throws: ParquetError.self) {
                var decoder = try DeltaByteArrayDecoder(raw, maxValueCount: 4)
                var offsets: [Int32] = [], data: [UInt8] = []
                _ = try decoder.decode(count: 1, offsets: &offsets, bytes: &data)
            }
        }
    }

    /// Encodings.md: three floats AA BB CC DD, 00 11 22 33, A3 B4 C5 D6 split into streams.
    @Test func byteStreamSplitSpecExample() throws {
        let encoded: [UInt8] = [0xAA, 0x00, 0xA3, 0xBB, 0x11, 0xB4, 0xCC, 0x22, 0xC5, 0xDD, 0x33, 0xD6]
        try encoded.withUnsafeBytes { raw in
            var decoder = try ByteStreamSplitDecoder(raw, width: 4)
            let floats = try EncodingTestSupport.drain(count: 3, batch: 2, zero: Float(0)) { (b) throws(ParquetError) in try decoder.decode(into: b) }
            #expect(floats.map(\.bitPattern) == [0xDDCC_BBAA, 0x3322_1100, 0xD6C5_B4A3])
            var fixed = try ByteStreamSplitDecoder(raw, width: 4, valueCount: 3)
            var bytes: [UInt8] = []
            #expect(fixed.decodeFixedLengthByteArrays(count: 1, into: &bytes) == 1)
            #expect(fixed.decodeFixedLengthByteArrays(count: 5, into: &bytes) == 2)
            #expect(bytes == [0xAA, 0xBB, 0xCC, 0xDD, 0x00, 0x11, 0x22, 0x33, 0xA3, 0xB4, 0xC5, 0xD6])
            var wrongType = try ByteStreamSplitDecoder(raw, width: 4)
            #expect(throws: ParquetError.self) {
                try EncodingTestSupport.drain(count: 1, batch: 1, zero: Double(0)) { (b) throws(ParquetError) in try wrongType.decode(into: b) }
            }
            #expect(throws: ParquetError.self) { try ByteStreamSplitDecoder(raw, width: 8) }
            #expect(throws: ParquetError.self) { try ByteStreamSplitDecoder(raw, width: 4, valueCount: 4) }
            #expect(throws: ParquetError.self) { try ByteStreamSplitDecoder(raw, width: 0) }
        }
    }
}
