import CZlib

/// Reads the pages of one flat column chunk (dictionary page, data pages v1 and v2; index
/// pages skipped) into `ColumnData`, checking every size against the chunk's bytes.
struct ColumnChunkReader {
    let column: ColumnDescriptor
    let meta: ColumnMetaData
    let codec: PageCodec
    /// Rows of the row group: the chunk must hold exactly this many values.
    let rowCount: Int
    /// Keep dictionary-encoded values as dictionary + indices (see `ColumnData.dictionary`).
    var keepDictionary = false
    /// The decompression buffer, reused from page to page.
    private let scratch = PageScratch()

    /// The largest uncompressed page accepted: far above what writers produce (1 MiB by
    /// default), and a bound on what a corrupt header can make us allocate.
    static let maxPageBytes = 256 << 20

    init(column: ColumnDescriptor, meta: ColumnMetaData, rowCount: Int) throws(ParquetError) {
        self.column = column
        self.meta = meta
        self.rowCount = rowCount
        codec = try PageCodec(parquetCodec: meta.codec.rawValue)
    }

    /// Decodes the chunk held in `chunk` (its bytes from the first page to the end).
    func read(_ chunk: UnsafeRawBufferPointer) throws(ParquetError) -> ColumnData {
        var cursor = ByteCursor(chunk)
        var dictionary: ColumnValues?
        var values = try ColumnValues.empty(for: column.physicalType)
        var present: [Bool] = []
        var anyNull = false
        var rowsRead = 0
        // Indices of dictionary-encoded pages, while every page so far was one (keepDictionary).
        var keptIndices: [UInt32]? = keepDictionary ? [] : nil
        var pageNumber = 0
        while rowsRead < rowCount {
            guard !cursor.isAtEnd else {
                throw .endOfData("column chunk ended after \(rowsRead) of \(rowCount) values")
            }
            do throws(ParquetError) {
                var thrift = ThriftCompactReader(cursor)
                let header = try PageHeader(from: &thrift)
                cursor = thrift.cursor
                let compressedSize = Int(header.compressedPageSize)
                let uncompressedSize = Int(header.uncompressedPageSize)
                guard compressedSize >= 0, uncompressedSize >= 0 else { throw .corrupt("negative page size") }
                guard uncompressedSize <= Self.maxPageBytes else {
                    throw .outOfBounds("page of \(uncompressedSize) bytes uncompressed is over the \(Self.maxPageBytes)-byte limit")
                }
                let body = try cursor.readBytes(compressedSize)
                if let crc = header.crc {
                    let actual = body.isEmpty ? 0 : crc32(0, body.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(body.count))
                    guard UInt32(actual) == UInt32(bitPattern: crc) else {
                        throw ParquetError(.checksum, "page CRC \(String(UInt32(bitPattern: crc), radix: 16)) does not match the data's \(String(UInt32(actual), radix: 16))")
                    }
                }
                switch header.type {
                case .dictionaryPage:
                    guard let dictionaryHeader = header.dictionaryPageHeader else { throw .corrupt("dictionary page without its header") }
                    guard dictionary == nil else { throw .corrupt("a second dictionary page") }
                    let count = Int(dictionaryHeader.numValues)
                    guard count >= 0, count <= uncompressedSize * 8 + 1 else {
                        throw .outOfBounds("dictionary of \(count) values in \(uncompressedSize) bytes")
                    }
                    var dict = try ColumnValues.empty(for: column.physicalType)
                    try withDecompressed(body, size: uncompressedSize) { (bytes) throws(ParquetError) in
                        try ValueDecoding.append(count, encoding: .plain, from: bytes, column: column,
                                                 dictionary: nil, to: &dict)
                    }
                    dictionary = dict
                case .dataPage:
                    guard let dataHeader = header.dataPageHeader else { throw .corrupt("data page without its header") }
                    let count = try valueCount(dataHeader.numValues, rowsRead: rowsRead)
                    try withDecompressed(body, size: uncompressedSize) { (bytes) throws(ParquetError) in
                        var offset = 0
                        let defined = try definitionLevels(
                            bytes, count: count, encoding: dataHeader.definitionLevelEncoding, lengthPrefixed: true,
                            offset: &offset)
                        try appendPage(count: count, defined: defined, encoding: dataHeader.encoding,
                                       values: UnsafeRawBufferPointer(rebasing: bytes[offset...]),
                                       dictionary: dictionary, to: &values, kept: &keptIndices, present: &present,
                                       anyNull: &anyNull, rowsBefore: rowsRead)
                    }
                    rowsRead += count
                case .dataPageV2:
                    guard let v2 = header.dataPageHeaderV2 else { throw .corrupt("data page v2 without its header") }
                    let count = try valueCount(v2.numValues, rowsRead: rowsRead)
                    let repLength = Int(v2.repetitionLevelsByteLength), defLength = Int(v2.definitionLevelsByteLength)
                    guard repLength >= 0, defLength >= 0, repLength + defLength <= body.count,
                          repLength + defLength <= uncompressedSize
                    else { throw .outOfBounds("level lengths \(repLength) + \(defLength) outside the \(body.count)-byte page") }
                    let levels = UnsafeRawBufferPointer(rebasing: body[(repLength)..<(repLength + defLength)])
                    var offset = 0
                    let defined = try definitionLevels(levels, count: count, encoding: .rle, lengthPrefixed: false,
                                                       offset: &offset)
                    let compressedValues = UnsafeRawBufferPointer(rebasing: body[(repLength + defLength)...])
                    let valuesSize = uncompressedSize - repLength - defLength
                    let decompress = v2.isCompressed && codec != .uncompressed
                    try withDecompressed(compressedValues, size: valuesSize, codec: decompress ? codec : .uncompressed) {
                        (bytes) throws(ParquetError) in
                        try appendPage(count: count, defined: defined, encoding: v2.encoding, values: bytes,
                                       dictionary: dictionary, to: &values, kept: &keptIndices, present: &present,
                                       anyNull: &anyNull, rowsBefore: rowsRead)
                    }
                    rowsRead += count
                default:
                    break  // index pages and page types from newer writers: skipped
                }
            } catch {
                throw error.within("page \(pageNumber)")
            }
            pageNumber += 1
        }
        if let keptIndices, let dictionary {
            return ColumnData(descriptor: column, values: values, present: anyNull ? present : nil, rowCount: rowsRead,
                              dictionary: (dictionary, keptIndices))
        }
        if let keptIndices, !keptIndices.isEmpty {
            throw .corrupt("dictionary indices without a dictionary")
        }
        return ColumnData(descriptor: column, values: values, present: anyNull ? present : nil, rowCount: rowsRead)
    }

    private func valueCount(_ declared: Int32, rowsRead: Int) throws(ParquetError) -> Int {
        let count = Int(declared)
        guard count >= 0, count <= rowCount - rowsRead else {
            throw .outOfBounds("page of \(count) values where \(rowCount - rowsRead) remain in the chunk")
        }
        return count
    }

    /// Decompresses a page body into a buffer of the declared size for the duration of `body`.
    private func withDecompressed(
        _ input: UnsafeRawBufferPointer, size: Int, codec: PageCodec? = nil,
        _ body: (UnsafeRawBufferPointer) throws(ParquetError) -> Void
    ) throws(ParquetError) {
        let codec = codec ?? self.codec
        if size == 0 {
            // An empty page (v2 pages of nulls only have no values at all): nothing to inflate.
            try body(UnsafeRawBufferPointer(start: nil, count: 0))
            return
        }
        if codec == .uncompressed {
            guard input.count == size else { throw .corrupt("uncompressed page holds \(input.count) bytes, declares \(size)") }
            try body(input)
            return
        }
        let exact = UnsafeMutableRawBufferPointer(rebasing: scratch.buffer(atLeast: size)[0..<size])
        try PageCodec.decompress(codec, input: input, into: exact)
        try body(UnsafeRawBufferPointer(exact))
    }

    /// The definition levels of a flat column as "has a value" flags (nil: every value is
    /// present, as in a required column); advances `offset` past them.
    private func definitionLevels(
        _ bytes: UnsafeRawBufferPointer, count: Int, encoding: Encoding, lengthPrefixed: Bool, offset: inout Int
    ) throws(ParquetError) -> [Bool]? {
        guard column.maxDefinitionLevel > 0 else { return nil }
        let width = 1  // flat columns: levels 0 or 1
        let levels = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: max(count, 1))
        defer { levels.deallocate() }
        var produced: Int
        switch encoding {
        case .rle:
            var decoder = lengthPrefixed
                ? try RLEHybridDecoder(lengthPrefixed: bytes, bitWidth: width, valueCount: count)
                : try RLEHybridDecoder(bytes, bitWidth: width, valueCount: count)
            produced = try decoder.decode(into: UnsafeMutableBufferPointer(rebasing: levels[0..<count]))
            offset = decoder.encodedByteCount
        case .bitPacked:
            var decoder = try BitPackedLevelDecoder(bytes, bitWidth: width, valueCount: count)
            produced = try decoder.decode(into: UnsafeMutableBufferPointer(rebasing: levels[0..<count]))
            offset = (count * width + 7) / 8
        default:
            throw .unsupported("definition level encoding \(encoding)")
        }
        guard produced == count else { throw .endOfData("\(produced) definition levels for \(count) values") }
        var any: UInt32 = 0, all: UInt32 = 1
        for i in 0..<count {
            any |= levels[i]
            all &= levels[i]
        }
        guard any <= 1 else { throw .corrupt("definition level above the column's maximum 1") }
        // Every value present (the common case): no flags to keep.
        if all == 1 { return nil }
        return (0..<count).map { levels[$0] == 1 }
    }

    private func appendPage(
        count: Int, defined: [Bool]?, encoding: Encoding, values bytes: UnsafeRawBufferPointer,
        dictionary: ColumnValues?, to values: inout ColumnValues, kept: inout [UInt32]?, present: inout [Bool],
        anyNull: inout Bool, rowsBefore: Int
    ) throws(ParquetError) {
        let nonNull = defined.map { $0.reduce(0) { $0 + ($1 ? 1 : 0) } } ?? count
        if kept != nil, let dictionary, ValueDecoding.isDictionary(encoding) {
            kept! += try ValueDecoding.indices(nonNull, from: bytes, dictionarySize: dictionary.count)
        } else {
            if let indices = kept, let dictionary {
                // A page in another encoding (a writer's fallback): materialise what was kept.
                try ValueDecoding.gather(indices, from: dictionary, to: &values)
            }
            kept = nil
            try ValueDecoding.append(nonNull, encoding: encoding, from: bytes, column: column, dictionary: dictionary,
                                     to: &values)
        }
        // Flags are kept only once a null is seen (earlier rows are then all present).
        if let defined, nonNull < count {
            if !anyNull {
                anyNull = true
                present = [Bool](repeating: true, count: rowsBefore)
            }
            present += defined
        } else if anyNull {
            present += repeatElement(true, count: count)
        }
    }
}

/// A growable buffer reused for every page of a chunk (pages are decoded one at a time).
final class PageScratch {
    private var storage = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    func buffer(atLeast size: Int) -> UnsafeMutableRawBufferPointer {
        if storage.count < size {
            storage.deallocate()
            storage = .allocate(byteCount: max(size, 4096), alignment: 16)
        }
        return storage
    }

    deinit { storage.deallocate() }
}
