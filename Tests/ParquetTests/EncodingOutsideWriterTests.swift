import Foundation
import Testing
@testable import Parquet

/// Pages written by pyarrow (Scripts/encoding_vectors.py, run with the repository's .venv):
/// the raw payload of each case's first data page, decoded here and compared with the values.
@Suite struct EncodingOutsideWriterTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var encoding: String
        var kind: String
        var physical: String
        var values: [String]
        var payload: String
        var count: Int
        var dictionary: String?
        var dictionaryCount: Int?
        var testDescription: String { name }
    }


    static func loadCases() throws -> [Case] {
        let data = try PythonScript.run("encoding_vectors.py", [])
        return try JSONDecoder().decode([Case].self, from: data)
    }

    @Test
    func pyarrowPagesDecode() throws {
        let cases = try Self.loadCases()
        #expect(cases.count >= 28)
        var covered: Set<String> = []
        for testCase in cases {
            let payload = EncodingTestSupport.bytes(hex: testCase.payload)
            let decoded: [String]
            do {
                decoded = try payload.withUnsafeBytes { raw in try Self.decode(testCase, raw) }
            } catch {
                Issue.record("\(testCase.name): \(error)")
                continue
            }
            #expect(decoded.count == testCase.values.count, "\(testCase.name)")
            let firstDifference = zip(decoded, testCase.values).enumerated().first { $0.element.0 != $0.element.1 }
            #expect(firstDifference == nil, "\(testCase.name): value \(firstDifference?.offset ?? -1): \(firstDifference?.element.0 ?? "") != \(firstDifference?.element.1 ?? "")")
            covered.insert("\(testCase.encoding) \(testCase.physical)")
        }
        for expected in [
            "DELTA_BINARY_PACKED INT32", "DELTA_BINARY_PACKED INT64", "DELTA_LENGTH_BYTE_ARRAY BYTE_ARRAY",
            "DELTA_BYTE_ARRAY BYTE_ARRAY", "DELTA_BYTE_ARRAY FIXED_LEN_BYTE_ARRAY", "BYTE_STREAM_SPLIT FLOAT",
            "BYTE_STREAM_SPLIT DOUBLE", "BYTE_STREAM_SPLIT INT32", "BYTE_STREAM_SPLIT INT64",
            "BYTE_STREAM_SPLIT FIXED_LEN_BYTE_ARRAY", "PLAIN BOOLEAN", "PLAIN INT32", "PLAIN INT64", "PLAIN INT96",
            "PLAIN FLOAT", "PLAIN DOUBLE", "PLAIN BYTE_ARRAY", "PLAIN FIXED_LEN_BYTE_ARRAY", "RLE BOOLEAN",
            "RLE_DICTIONARY BYTE_ARRAY", "RLE_DICTIONARY INT64",
        ] {
            #expect(covered.contains(expected), "no pyarrow vector for \(expected)")
        }
    }

    /// The page's values, rendered as the script renders them.
    static func decode(_ c: Case, _ raw: UnsafeRawBufferPointer) throws -> [String] {
        let n = c.count
        switch (c.encoding, c.physical) {
        case ("DELTA_BINARY_PACKED", "INT32"):
            var d = try DeltaBinaryPackedDecoder<Int32>(raw, maxValueCount: n)
            return try EncodingTestSupport.drain(count: n, batch: 100, zero: Int32(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
        case ("DELTA_BINARY_PACKED", "INT64"):
            var d = try DeltaBinaryPackedDecoder<Int64>(raw, maxValueCount: n)
            return try EncodingTestSupport.drain(count: n, batch: 33, zero: Int64(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
        case ("DELTA_LENGTH_BYTE_ARRAY", _):
            var d = try DeltaLengthByteArrayDecoder(raw, maxValueCount: n)
            var offsets: [Int32] = [], bytes: [UInt8] = []
            while try d.decode(count: 50, offsets: &offsets, bytes: &bytes) > 0 {}
            return EncodingTestSupport.split(offsets, bytes).map { EncodingTestSupport.hex($0) }
        case ("DELTA_BYTE_ARRAY", _):
            var d = try DeltaByteArrayDecoder(raw, maxValueCount: n)
            var offsets: [Int] = [], bytes: [UInt8] = []
            while try d.decode(count: 50, offsets: &offsets, bytes: &bytes) > 0 {}
            return EncodingTestSupport.split(offsets, bytes).map { EncodingTestSupport.hex($0) }
        case ("BYTE_STREAM_SPLIT", "FLOAT"):
            var d = try ByteStreamSplitDecoder(raw, width: 4, valueCount: n)
            return try EncodingTestSupport.drain(count: n, batch: 64, zero: Float(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { hex32($0.bitPattern) }
        case ("BYTE_STREAM_SPLIT", "DOUBLE"):
            var d = try ByteStreamSplitDecoder(raw, width: 8, valueCount: n)
            return try EncodingTestSupport.drain(count: n, batch: 64, zero: Double(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { hex64($0.bitPattern) }
        case ("BYTE_STREAM_SPLIT", "INT32"):
            var d = try ByteStreamSplitDecoder(raw, width: 4, valueCount: n)
            return try EncodingTestSupport.drain(count: n, batch: 64, zero: Int32(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
        case ("BYTE_STREAM_SPLIT", "INT64"):
            var d = try ByteStreamSplitDecoder(raw, width: 8, valueCount: n)
            return try EncodingTestSupport.drain(count: n, batch: 64, zero: Int64(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
        case ("BYTE_STREAM_SPLIT", "FIXED_LEN_BYTE_ARRAY"):
            var d = try ByteStreamSplitDecoder(raw, width: 5, valueCount: n)
            var bytes: [UInt8] = []
            while d.decodeFixedLengthByteArrays(count: 7, into: &bytes) > 0 {}
            return stride(from: 0, to: bytes.count, by: 5).map { EncodingTestSupport.hex(bytes[$0..<$0 + 5]) }
        case ("PLAIN", "FIXED_LEN_BYTE_ARRAY"):
            var d = try PlainDecoder(raw, valueCount: n)
            var bytes: [UInt8] = []
            while try d.decodeFixedLengthByteArrays(count: 7, length: 5, into: &bytes) > 0 {}
            return stride(from: 0, to: bytes.count, by: 5).map { EncodingTestSupport.hex(bytes[$0..<$0 + 5]) }
        case ("RLE_DICTIONARY", _):
            guard let dictionaryHex = c.dictionary, let size = c.dictionaryCount else { throw ParquetError.corrupt("no dictionary page") }
            let dictionary = try EncodingTestSupport.bytes(hex: dictionaryHex).withUnsafeBytes { page in
                var plain = try PlainDecoder(page, valueCount: size)
                return try plainValues(c.physical, &plain, count: size)
            }
            var d = try RLEHybridDecoder(dictionaryIndices: raw, valueCount: n)
            let indices = try EncodingTestSupport.drain(count: n, batch: 128, zero: UInt32(0)) { (b) throws(ParquetError) in
                try d.decodeIndices(into: b, dictionarySize: dictionary.count)
            }
            return indices.map { dictionary[Int($0)] }
        case ("PLAIN", _):
            var d = try PlainDecoder(raw, valueCount: n)
            return try plainValues(c.physical, &d, count: n)
        case ("RLE", "BOOLEAN"):
            var d = try RLEHybridDecoder(lengthPrefixed: raw, bitWidth: 1, valueCount: n)
            return try EncodingTestSupport.drain(count: n, batch: 100, zero: false) { (b) throws(ParquetError) in try d.decodeBooleans(into: b) }.map { $0 ? "1" : "0" }
        default:
            throw ParquetError.unsupported("no decoder for \(c.encoding) \(c.physical)")
        }
    }

    static func plainValues(_ physical: String, _ d: inout PlainDecoder, count n: Int) throws(ParquetError) -> [String] {
        switch physical {
        case "BOOLEAN":
            return try EncodingTestSupport.drain(count: n, batch: 100, zero: false) { (b) throws(ParquetError) in try d.decodeBooleans(into: b) }.map { $0 ? "1" : "0" }
        case "INT32":
            return try EncodingTestSupport.drain(count: n, batch: 100, zero: Int32(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
        case "INT64":
            return try EncodingTestSupport.drain(count: n, batch: 100, zero: Int64(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0)" }
        case "INT96":
            return try EncodingTestSupport.drain(count: n, batch: 7, zero: ParquetInt96(word0: 0, word1: 0, word2: 0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { "\($0.low) \($0.high)" }
        case "FLOAT":
            return try EncodingTestSupport.drain(count: n, batch: 100, zero: Float(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { hex32($0.bitPattern) }
        case "DOUBLE":
            return try EncodingTestSupport.drain(count: n, batch: 100, zero: Double(0)) { (b) throws(ParquetError) in try d.decode(into: b) }.map { hex64($0.bitPattern) }
        case "BYTE_ARRAY":
            var offsets: [Int32] = [], bytes: [UInt8] = []
            while try d.decodeByteArrays(count: 64, offsets: &offsets, bytes: &bytes) > 0 {}
            return EncodingTestSupport.split(offsets, bytes).map { EncodingTestSupport.hex($0) }
        default:
            throw .unsupported("PLAIN \(physical)")
        }
    }

    static func hex32(_ v: UInt32) -> String { pad(String(v, radix: 16), 8) }
    static func hex64(_ v: UInt64) -> String { pad(String(v, radix: 16), 16) }
    static func pad(_ s: String, _ width: Int) -> String { String(repeating: "0", count: max(0, width - s.count)) + s }
}
