import Testing
@testable import Parquet

@Suite struct MetadataTests {
    private func roundTrip<T: Equatable>(
        _ value: T, write: (T, inout ThriftCompactWriter) -> Void,
        read: (inout ThriftCompactReader) throws(ParquetError) -> T
    ) throws {
        var writer = ThriftCompactWriter()
        write(value, &writer)
        let back = try withThriftReader(writer.bytes) { (r) throws(ParquetError) in
            let value = try read(&r)
            #expect(r.cursor.isAtEnd)
            return value
        }
        #expect(back == value)
    }

    @Test func fileMetaDataRoundTrips() throws {
        try roundTrip(sampleFileMetaData(), write: { $0.write(to: &$1) }, read: { (r) throws(ParquetError) in try FileMetaData(from: &r) })
    }

    @Test func everyLogicalTypeRoundTrips() throws {
        for logical in sampleLogicalTypes {
            try roundTrip(logical, write: { $0.write(to: &$1) }, read: { (r) throws(ParquetError) in try LogicalType(from: &r) })
        }
    }

    @Test func pageHeadersRoundTrip() throws {
        var stats = Statistics()
        stats.nullCount = 3
        var v1 = PageHeader(type: .dataPage, uncompressedPageSize: 100, compressedPageSize: 80)
        v1.crc = -123
        var data = DataPageHeader(numValues: 10, encoding: .plain, definitionLevelEncoding: .rle, repetitionLevelEncoding: .bitPacked)
        data.statistics = stats
        v1.dataPageHeader = data
        var dictionary = PageHeader(type: .dictionaryPage, uncompressedPageSize: 8, compressedPageSize: 8)
        dictionary.dictionaryPageHeader = DictionaryPageHeader(numValues: 2, encoding: .plainDictionary, isSorted: true)
        var v2 = PageHeader(type: .dataPageV2, uncompressedPageSize: 50, compressedPageSize: 40)
        var body = DataPageHeaderV2(
            numValues: 10, numNulls: 2, numRows: 9, encoding: .deltaBinaryPacked,
            definitionLevelsByteLength: 3, repetitionLevelsByteLength: 0, isCompressed: false)
        body.statistics = stats
        v2.dataPageHeaderV2 = body
        var index = PageHeader(type: .indexPage, uncompressedPageSize: 0, compressedPageSize: 0)
        index.hasIndexPageHeader = true
        for header in [v1, dictionary, v2, index] {
            try roundTrip(header, write: { $0.write(to: &$1) }, read: { (r) throws(ParquetError) in try PageHeader(from: &r) })
        }
    }

    @Test func isCompressedDefaultsToTrue() throws {
        // DataPageHeaderV2 without field 7
        let bytes: [UInt8] = [0x15, 0x02, 0x15, 0x00, 0x15, 0x02, 0x15, 0x00, 0x15, 0x00, 0x15, 0x00, 0x00]
        let header = try withThriftReader(bytes) { (r) throws(ParquetError) in try DataPageHeaderV2(from: &r) }
        #expect(header.isCompressed)
        #expect(header.numValues == 1 && header.numRows == 1)
    }

    @Test func footerChecksMagicAndLength() throws {
        let read = footerError
        let footer = sampleFileMetaData().footerBytes()
        let file = Array("PAR1".utf8) + footer
        #expect(read(file) == nil)
        let parsed = try withExactBytes(file) { (raw) throws(ParquetError) in try FileMetaData.read(fileBytes: raw) }
        #expect(parsed == sampleFileMetaData())

        #expect(read(Array("PAR1PAR1".utf8))?.kind == .corrupt)
        #expect(read(Array("PAR1".utf8) + [0, 0, 0, 0] + Array("PARE".utf8))?.kind == .unsupported)
        #expect(read(Array("PAR0".utf8) + footer)?.kind == .corrupt)
        var tooLong = file
        tooLong[tooLong.count - 8] = 0xFF
        tooLong[tooLong.count - 5] = 0x7F
        #expect(read(tooLong)?.kind == .outOfBounds)
        var cut = file
        cut.remove(at: 10)  // one byte fewer than the length says: still in bounds, but corrupt
        #expect(read(cut) != nil)
    }
}
