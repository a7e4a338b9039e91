import Testing
@testable import Parquet

@Suite struct ThriftMalformedTests {
    /// A `KeyValue` whose writer knew more fields: every kind of value must be skipped.
    @Test func unknownFieldsOfEveryKindAreSkipped() throws {
        let bytes: [UInt8] = [
            0x18, 0x01, 0x6B,  // 1: key = "k"
            0x4C,  // 5: struct {
            0x15, 0x06,  //   1: i32 3
            0x1C, 0x18, 0x02, 0x61, 0x62, 0x00,  //   2: struct { 1: "ab" }
            0x00,  // }
            0x19, 0x2C,  // 6: list of 2 structs
            0x15, 0x02, 0x00,  //   { 1: i32 1 }
            0x00,  //   {}
            0x1B, 0x02, 0x85,  // 7: map<binary, i32> of 2
            0x01, 0x78, 0x04,  //   "x": 2
            0x01, 0x79, 0x06,  //   "y": 3
            0x18, 0x03, 0x01, 0x02, 0x03,  // 8: binary
            0x11,  // 9: bool true
            0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F,  // 10: double 1.0
            0x1A, 0x31, 0x01, 0x02, 0x01,  // 11: set of 3 bools
            0x08, 0x04, 0x01, 0x76,  // 2 (long form): value = "v"
            0x00,
        ]
        let kv = try withThriftReader(bytes) { (r) throws(ParquetError) in try KeyValue(from: &r) }
        #expect(kv == KeyValue(key: "k", value: "v"))
    }

    @Test func unknownUnionMembersAreKept() throws {
        // LogicalType member 16 (VARIANT) with a field: { 16: { 1: i8 1 } }
        let variant: [UInt8] = [0x0C, 0x20, 0x13, 0x01, 0x00, 0x00]
        let logical = try withThriftReader(variant) { (r) throws(ParquetError) in try LogicalType(from: &r) }
        #expect(logical == .other(fieldID: 16))
        let order = try withThriftReader([0x9C, 0x00, 0x00]) { (r) throws(ParquetError) in try ColumnOrder(from: &r) }
        #expect(order == .other(fieldID: 9))
        #expect(thriftError([0x00]) { (r) throws(ParquetError) in try ColumnOrder(from: &r) }?.kind == .corrupt)
    }

    @Test func unknownEnumValuesAreKept() throws {
        #expect(PhysicalType(rawValue: 42).description == "unknown(42)")
        #expect(Encoding.rleDictionary.description == "RLE_DICTIONARY")
        #expect(!CompressionCodec(rawValue: -7).isKnown)
        // PageEncodingStats { 1: page type 9, 2: encoding 77, 3: count 1 }
        let stats = try withThriftReader([0x15, 0x12, 0x15, 0x9A, 0x01, 0x15, 0x02, 0x00]) { (r) throws(ParquetError) in
            try PageEncodingStats(from: &r)
        }
        #expect(stats.pageType.rawValue == 9 && stats.encoding.rawValue == 77 && stats.count == 1)
    }

    @Test func missingRequiredFieldNamesStructAndField() {
        let error = thriftError([0x28, 0x01, 0x76, 0x00]) { (r) throws(ParquetError) in try KeyValue(from: &r) }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains("KeyValue") == true && error?.message.contains("key") == true)
    }

    @Test func negativeCountsAreCorrupt() {
        // PageEncodingStats with count -1
        let error = thriftError([0x15, 0x00, 0x15, 0x00, 0x15, 0x01, 0x00]) { (r) throws(ParquetError) in
            try PageEncodingStats(from: &r)
        }
        #expect(error?.kind == .corrupt)
    }

    @Test func nestingIsLimited() throws {
        func nestedStructs(_ depth: Int) -> [UInt8] {
            [UInt8](repeating: 0x1C, count: depth - 1) + [UInt8](repeating: 0x00, count: depth)
        }
        try withThriftReader(nestedStructs(ThriftCompactReader.maxDepth)) { (r) throws(ParquetError) in
            try r.skip(.struct)
        }
        #expect(thriftError(nestedStructs(ThriftCompactReader.maxDepth + 1)) { (r) throws(ParquetError) in
            try r.skip(.struct)
        }?.kind == .corrupt)
        // A million nested lists must be an error, not a stack overflow.
        let lists = [UInt8](repeating: 0x19, count: 1_000_000)
        #expect(thriftError(lists) { (r) throws(ParquetError) in try r.skip(.list) }?.kind == .corrupt)
    }

    @Test func hugeCountsAreErrorsBeforeAllocating() {
        // list of 2^32-1 structs
        let huge: [UInt8] = [0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]
        #expect(thriftError(huge) { (r) throws(ParquetError) in try r.skip(.list) }?.kind == .outOfBounds)
        // 1000 i32 in 10 bytes
        let short: [UInt8] = [0xF5, 0xE8, 0x07] + [UInt8](repeating: 0, count: 10)
        #expect(thriftError(short) { (r) throws(ParquetError) in
            try r.readList(of: .i32) { (r) throws(ParquetError) in try r.readI32() }
        }?.kind == .endOfData)
        // 2 doubles in 15 bytes
        let doubles: [UInt8] = [0x27] + [UInt8](repeating: 0, count: 15)
        #expect(thriftError(doubles) { (r) throws(ParquetError) in try r.skip(.list) }?.kind == .endOfData)
        // map of 2^31 entries
        let map: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x08, 0x55, 0x00]
        #expect(thriftError(map) { (r) throws(ParquetError) in try r.skip(.map) } != nil)
        // binary longer than the bytes left
        #expect(thriftError([0x05, 0x61]) { (r) throws(ParquetError) in try r.readBinary() }?.kind == .endOfData)
        // i32 varint beyond 32 bits
        #expect(thriftError([0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) { (r) throws(ParquetError) in try r.readI32() }?.kind == .corrupt)
    }

    @Test func badTypeCodesAreCorrupt() {
        #expect(thriftError([0x1D]) { (r) throws(ParquetError) in try r.readFieldHeader() }?.kind == .corrupt)
        #expect(thriftError([0x1E]) { (r) throws(ParquetError) in try r.readListHeader() }?.kind == .corrupt)
        #expect(thriftError([0x13]) { (r) throws(ParquetError) in try r.readBool() }?.kind == .corrupt)
    }

    @Test func everyTruncationAndByteFlipIsAnErrorNotATrap() throws {
        let bytes = sampleFileMetaData().footerBytes().dropLast(8)
        let full = Array(bytes)
        _ = try withThriftReader(full) { (r) throws(ParquetError) in try FileMetaData(from: &r) }
        for length in 0..<full.count {
            #expect(thriftError(Array(full.prefix(length))) { (r) throws(ParquetError) in
                try FileMetaData(from: &r)
            } != nil, "prefix of \(length) bytes")
        }
        for index in full.indices {
            for value: UInt8 in [0x00, 0x0F, 0x7F, 0xFF, full[index] ^ 0x10] {
                var flipped = full
                flipped[index] = value
                _ = thriftError(flipped) { (r) throws(ParquetError) in try FileMetaData(from: &r) }
            }
        }
    }
}
