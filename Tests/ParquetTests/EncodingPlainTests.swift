import Testing
@testable import Parquet

@Suite struct EncodingPlainTests {
    @Test func fixedWidthRoundTrip() throws {
        var rng = SeededGenerator(seed: 11)
        let ints = (0..<500).map { _ in Int32(truncatingIfNeeded: rng.next()) } + [.min, .max, 0, -1]
        let longs = (0..<500).map { _ in Int64(bitPattern: rng.next()) } + [.min, .max]
        let floats = (0..<500).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())) }
        let doubles = (0..<500).map { _ in Double(bitPattern: rng.next()) }
        try check(ints, zero: 0)
        try check(longs, zero: 0)
        try check(floats.map(\.bitPattern).map { Float(bitPattern: $0) }, zero: 0, same: { $0.bitPattern == $1.bitPattern })
        try check(doubles, zero: 0, same: { $0.bitPattern == $1.bitPattern })
        try check([ParquetInt96(word0: 1, word1: 2, word2: 3), ParquetInt96(word0: .max, word1: 0, word2: 2_440_588)],
                  zero: ParquetInt96(word0: 0, word1: 0, word2: 0))
    }

    private func check<T: PlainFixedWidthValue & Equatable>(
        _ values: [T], zero: T, same: (T, T) -> Bool = { $0 == $1 }
    ) throws {
        var encoder = PlainEncoder()
        encoder.append(Array(values[..<min(10, values.count)]))
        encoder.append(Array(values[min(10, values.count)...]))
        #expect(encoder.bytes.count == values.count * MemoryLayout<T>.size)
        try encoder.bytes.withUnsafeBytes { raw in
            var decoder = try PlainDecoder(raw, valueCount: values.count)
            let out = try EncodingTestSupport.drain(count: values.count, batch: 64, zero: zero) { (b) throws(ParquetError) in try decoder.decode(into: b) }
            #expect(out.count == values.count)
            let allSame = zip(out, values).allSatisfy(same)
            #expect(allSame)
            // One value more than the bytes hold.
            var short = try PlainDecoder(UnsafeRawBufferPointer(rebasing: raw.dropLast()), valueCount: values.count)
            _ = #expect(throws: ParquetError.self) {
                _ = try EncodingTestSupport.drain(count: values.count, batch: 64, zero: zero) { (b) throws(ParquetError) in try short.decode(into: b) }
            }
        }
    }

    @Test func booleansRoundTrip() throws {
        var rng = SeededGenerator(seed: 12)
        let values = (0..<1001).map { _ in rng.next() % 3 == 0 }
        var encoder = PlainEncoder()
        encoder.appendBooleans(values[..<5])
        encoder.appendBooleans(values[5...])
        #expect(encoder.bytes.count == 126)
        try encoder.bytes.withUnsafeBytes { raw in
            for batch in [1, 3, 8, 13, 2000] {
                var decoder = try PlainDecoder(raw, valueCount: values.count)
                let out = try EncodingTestSupport.drain(count: values.count, batch: batch, zero: false) { (b) throws(ParquetError) in try decoder.decodeBooleans(into: b) }
                #expect(out == values)
            }
            var tooMany = try PlainDecoder(raw, valueCount: 1009)
            _ = #expect(throws: ParquetError.self) {
                _ = try EncodingTestSupport.drain(count: 1009, batch: 1000, zero: false) { (b) throws(ParquetError) in try tooMany.decodeBooleans(into: b) }
            }
        }
        var spec = PlainEncoder()
        spec.appendBooleans([true, false, true, true, false, false, false, false, true])
        #expect(spec.bytes == [0b0000_1101, 0b1])
    }

    @Test func byteArraysRoundTrip() throws {
        var rng = SeededGenerator(seed: 13)
        let values: [[UInt8]] = (0..<300).map { _ in (0..<Int(rng.next() % 40)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } } + [[]]
        var encoder = PlainEncoder()
        for value in values { try encoder.appendByteArray(value) }
        try encoder.bytes.withUnsafeBytes { raw in
            var decoder = try PlainDecoder(raw, valueCount: values.count)
            var offsets: [Int32] = []
            var bytes: [UInt8] = []
            while try decoder.decodeByteArrays(count: 7, offsets: &offsets, bytes: &bytes) > 0 {}
            #expect(offsets.count == values.count + 1)
            #expect(EncodingTestSupport.split(offsets, bytes) == values)
            var intDecoder = try PlainDecoder(raw, valueCount: values.count)
            var intOffsets: [Int] = []
            bytes = []
            #expect(try intDecoder.decodeByteArrays(count: 1000, offsets: &intOffsets, bytes: &bytes) == values.count)
            #expect(EncodingTestSupport.split(intOffsets, bytes) == values)
        }
        // A length past the end, and offsets that would overflow Int8.
        [UInt8]([5, 0, 0, 0, 1, 2]).withUnsafeBytes { raw in
            _ = #expect(throws: ParquetError.self) {
                var decoder = try PlainDecoder(raw, valueCount: 1)
                var offsets: [Int32] = [], bytes: [UInt8] = []
                _ = try decoder.decodeByteArrays(count: 1, offsets: &offsets, bytes: &bytes)
            }
        }
        var big = PlainEncoder()
        try big.appendByteArray([UInt8](repeating: 1, count: 200))
        big.bytes.withUnsafeBytes { raw in
            _ = #expect(throws: ParquetError.self) {
                var decoder = try PlainDecoder(raw, valueCount: 1)
                var offsets: [Int8] = [], bytes: [UInt8] = []
                _ = try decoder.decodeByteArrays(count: 1, offsets: &offsets, bytes: &bytes)
            }
        }
    }

    @Test func fixedLengthByteArrays() throws {
        let data: [UInt8] = Array(0..<30)
        try data.withUnsafeBytes { raw in
            var decoder = try PlainDecoder(raw, valueCount: 6)
            var bytes: [UInt8] = []
            #expect(try decoder.decodeFixedLengthByteArrays(count: 4, length: 5, into: &bytes) == 4)
            #expect(try decoder.decodeFixedLengthByteArrays(count: 4, length: 5, into: &bytes) == 2)
            #expect(bytes == data)
            var short = try PlainDecoder(raw, valueCount: 7)
            _ = #expect(throws: ParquetError.self) { try short.decodeFixedLengthByteArrays(count: 7, length: 5, into: &bytes) }
        }
    }
}
