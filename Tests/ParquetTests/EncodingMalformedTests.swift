import Testing
@testable import Parquet

/// Random, truncated and mutated bytes into every decoder: a ParquetError or the right values,
/// never a trap or a hang; value counts are bounded by the count the caller expects.
@Suite struct EncodingMalformedTests {
    enum Target: CaseIterable {
        case rle, rlePrefixed, dictionary, bitPacked, plainInt32, plainInt64, plainInt96, plainDouble,
             plainBool, plainByteArray, plainFixed, deltaInt32, deltaInt64, deltaLength, deltaByteArray,
             splitFloat, splitFixed
    }

    /// Decodes everything `bytes` holds as `target` (at most `count` values), as strings.
    static func decode(_ target: Target, _ bytes: [UInt8], count: Int, bitWidth: Int = 3) throws(ParquetError) -> [String] {
        try withBytes(bytes) { (raw) throws(ParquetError) -> [String] in
            switch target {
            case .rle:
                var d = try RLEHybridDecoder(raw, bitWidth: bitWidth, valueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 13, zero: UInt32(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
            case .rlePrefixed:
                var d = try RLEHybridDecoder(lengthPrefixed: raw, bitWidth: 1, valueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 64, zero: false) { (b) throws(ParquetError) in try d.decodeBooleans(into: b) }.map { "\($0)" }
            case .dictionary:
                var d = try RLEHybridDecoder(dictionaryIndices: raw, valueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 7, zero: UInt32(0)) { (b) throws(ParquetError) in try d.decodeIndices(into: b, dictionarySize: 20) }.map { "\($0)" }
            case .bitPacked:
                var d = try BitPackedLevelDecoder(raw, bitWidth: bitWidth, valueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 9, zero: UInt32(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
            case .plainInt32:
                var d = try PlainDecoder(raw, valueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 5, zero: Int32(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
            case .plainInt64:
                var d = try PlainDecoder(raw, valueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 5, zero: Int64(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
            case .plainInt96:
                var d = try PlainDecoder(raw, valueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 5, zero: ParquetInt96(word0: 0, word1: 0, word2: 0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
            case .plainDouble:
                var d = try PlainDecoder(raw, valueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 5, zero: Double(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0.bitPattern)" }
            case .plainBool:
                var d = try PlainDecoder(raw, valueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 5, zero: false) { (b) throws(ParquetError) in try d.decodeBooleans(into: b) }.map { "\($0)" }
            case .plainByteArray:
                var d = try PlainDecoder(raw, valueCount: count)
                var offsets: [Int32] = [], data: [UInt8] = []
                while try d.decodeByteArrays(count: 4, offsets: &offsets, bytes: &data) > 0 {}
                return EncodingTestSupport.split(offsets, data).map { EncodingTestSupport.hex($0) }
            case .plainFixed:
                var d = try PlainDecoder(raw, valueCount: count)
                var data: [UInt8] = []
                while try d.decodeFixedLengthByteArrays(count: 4, length: 3, into: &data) > 0 {}
                return [EncodingTestSupport.hex(data)]
            case .deltaInt32:
                var d = try DeltaBinaryPackedDecoder<Int32>(raw, maxValueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 11, zero: Int32(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
            case .deltaInt64:
                var d = try DeltaBinaryPackedDecoder<Int64>(raw, maxValueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 11, zero: Int64(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
            case .deltaLength:
                var d = try DeltaLengthByteArrayDecoder(raw, maxValueCount: count)
                var offsets: [Int] = [], data: [UInt8] = []
                while try d.decode(count: 4, offsets: &offsets, bytes: &data) > 0 {}
                return EncodingTestSupport.split(offsets, data).map { EncodingTestSupport.hex($0) }
            case .deltaByteArray:
                var d = try DeltaByteArrayDecoder(raw, maxValueCount: count)
                var offsets: [Int32] = [], data: [UInt8] = []
                while try d.decode(count: 4, offsets: &offsets, bytes: &data) > 0 {}
                return EncodingTestSupport.split(offsets, data).map { EncodingTestSupport.hex($0) }
            case .splitFloat:
                var d = try ByteStreamSplitDecoder(raw, width: 4, valueCount: count)
                return try EncodingTestSupport.drain(count: count, batch: 3, zero: Float(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0.bitPattern)" }
            case .splitFixed:
                var d = try ByteStreamSplitDecoder(raw, width: 3, valueCount: count)
                var data: [UInt8] = []
                while d.decodeFixedLengthByteArrays(count: 2, into: &data) > 0 {}
                return [EncodingTestSupport.hex(data)]
            }
        }
    }

    static func withBytes<R>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
        let result: Result<R, ParquetError> = bytes.withUnsafeBytes { raw in
            do throws(ParquetError) { return .success(try body(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// A valid encoding of 40 values for each target, to truncate and mutate.
    static func valid(_ target: Target) throws -> [UInt8] {
        var rng = SeededGenerator(seed: 99)
        switch target {
        case .rle:
            var out: [UInt8] = []
            RLEHybridEncoder.encode((0..<40).map { UInt32($0 < 20 ? 5 : $0 % 8) }, bitWidth: 3, into: &out)
            return out
        case .rlePrefixed:
            var out: [UInt8] = []
            RLEHybridEncoder.encodeBooleans((0..<40).map { $0 % 3 == 0 || $0 > 30 }, into: &out)
            return out
        case .dictionary:
            var out: [UInt8] = []
            RLEHybridEncoder.encodeDictionaryIndices((0..<40).map { UInt32($0 % 20) }, bitWidth: 5, into: &out)
            return out
        case .bitPacked:
            return (0..<15).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case .splitFloat:
            return (0..<160).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case .splitFixed:
            return (0..<120).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case .plainInt32, .plainInt64, .plainInt96, .plainDouble, .plainFixed:
            return (0..<480).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case .plainBool:
            return (0..<5).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        case .plainByteArray:
            var encoder = PlainEncoder()
            for i in 0..<40 { try encoder.appendByteArray([UInt8](repeating: UInt8(i), count: i % 7)) }
            return encoder.bytes
        case .deltaInt32, .deltaInt64, .deltaLength, .deltaByteArray:
            // 40 values (lengths 1 + i % 4, prefixes 0): min delta -3, relative deltas 0 or 4
            // in two 3-bit miniblocks (32 + 7 deltas, 12 bytes each);
            // for byte arrays, then suffix lengths (same) and bytes.
            let header = EncodingDeltaTests.varint(128) + EncodingDeltaTests.varint(4) + EncodingDeltaTests.varint(40)
            var relative: [UInt8] = []
            BitPacking.pack((1..<40).map { UInt32($0 % 4 == 0 ? 0 : 4) }, bitWidth: 3, into: &relative)
            relative.append(contentsOf: repeatElement(0, count: 24 - relative.count))
            let lengths = header + EncodingDeltaTests.zigzag(1) + EncodingDeltaTests.zigzag(-3) + [3, 3, 0, 0] + relative
            let total = (0..<40).reduce(0) { $0 + 1 + $1 % 4 }
            let data = (0..<total).map { UInt8($0 & 0xFF) }
            switch target {
            case .deltaLength: return lengths + data
            case .deltaByteArray:
                let prefixes = header + EncodingDeltaTests.zigzag(0) + EncodingDeltaTests.zigzag(0) + [0, 0, 0, 0]
                return prefixes + lengths + data
            default: return lengths
            }
        }
    }

    @Test(arguments: Target.allCases) func truncatedInputFailsOrIsRight(target: Target) throws {
        let bytes = try Self.valid(target)
        let expected = try Self.decode(target, bytes, count: 40)
        #expect(!expected.isEmpty)
        for length in 0..<bytes.count {
            if let values = try? Self.decode(target, Array(bytes[..<length]), count: 40) {
                // Some encodings tolerate missing padding, the fixed-width ones simply hold
                // fewer values; what is decoded is never wrong.
                let isPrefix = values.count <= expected.count && Array(expected[..<values.count]) == values
                let isPrefixOfBytes = values.count == 1 && expected.count == 1 && expected[0].hasPrefix(values[0])
                #expect(isPrefix || isPrefixOfBytes, "\(target) cut at \(length)")
            }
        }
    }

    @Test(arguments: Target.allCases) func randomAndMutatedInputNeverTraps(target: Target) throws {
        var rng = SeededGenerator(seed: UInt64(Target.allCases.firstIndex(of: target)!) + 1)
        let valid = try Self.valid(target)
        for round in 0..<1500 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int(rng.next() % 48)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            } else {
                bytes = valid
                for _ in 0..<(1 + rng.next() % 3) {
                    bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
                }
            }
            let count = Int(rng.next() % 64)
            let bitWidth = Int(rng.next() % 33)
            if let values = try? Self.decode(target, bytes, count: count, bitWidth: bitWidth) {
                switch target {
                case .plainByteArray, .deltaLength, .deltaByteArray, .rle, .rlePrefixed, .dictionary, .bitPacked,
                     .plainInt32, .plainInt64, .plainInt96, .plainDouble, .plainBool, .deltaInt32, .deltaInt64:
                    #expect(values.count <= count, "\(target): more values than expected")
                case .plainFixed, .splitFloat, .splitFixed:
                    break
                }
            }
        }
    }
}
