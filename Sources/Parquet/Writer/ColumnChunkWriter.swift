import CZlib

/// The values of one column for one row group handed to the writer: non-null values in row
/// order, and which rows hold a value (nil: all of them).
public struct ColumnBatch: Sendable {
    public var values: ColumnValues
    public var present: [Bool]?

    public init(values: ColumnValues, present: [Bool]? = nil) {
        self.values = values
        self.present = present
    }

    public var rowCount: Int { present?.count ?? values.count }
}

/// Encodes one column chunk: an optional dictionary page, then data pages v1 (RLE definition
/// levels, RLE_DICTIONARY or PLAIN values), compressed, each with a CRC.
struct ColumnChunkWriter {
    let column: WriterColumn
    let options: WriterOptions

    /// The chunk's bytes and its metadata, for a chunk starting at file offset `offset`.
    func write(_ batch: ColumnBatch, at offset: Int64) throws(ParquetError) -> (bytes: [UInt8], meta: ColumnMetaData) {
        let rowCount = batch.rowCount
        let nonNull = batch.values.count
        if let present = batch.present {
            guard present.reduce(0, { $0 + ($1 ? 1 : 0) }) == nonNull else {
                throw .corrupt("column \(column.name): \(nonNull) values for \(present.filter { $0 }.count) present rows")
            }
            guard column.isOptional || nonNull == rowCount else {
                throw .corrupt("column \(column.name) is required but has nulls")
            }
        }
        guard batch.values.isOfType(column.type.physicalType) else {
            throw .corrupt("column \(column.name): values are not of type \(column.type.physicalType)")
        }
        var out: [UInt8] = []
        var uncompressedTotal = 0
        var dictionaryOffset: Int64?
        var encodings: [Encoding] = [.rle]
        // The dictionary, when it pays and stays small.
        var indices: [UInt32]?
        var bitWidth = 0
        if options.useDictionary, let dictionary = DictionaryEncoding.build(batch.values, maxBytes: options.dictionaryPageBytes) {
            let page = try encodePage(dictionary.plain, type: .dictionaryPage, valueCount: dictionary.count,
                                      encoding: .plain, rowCount: 0)
            dictionaryOffset = offset
            out += page.bytes
            uncompressedTotal += page.uncompressedSize
            indices = dictionary.indices
            bitWidth = RLEHybridEncoder.bitWidth(forMaxValue: UInt32(max(dictionary.count - 1, 0)))
            encodings += [.plain, .rleDictionary]
        } else {
            encodings += [.plain]
        }
        let dataOffset = offset + Int64(out.count)
        // Data pages of about `pageBytes` each.
        let perRow = indices != nil ? max(1, (bitWidth + 7) / 8) : batch.values.averageValueBytes
        let rowsPerPage = max(1, options.pageBytes / max(1, perRow))
        var row = 0
        var valueIndex = 0
        while row < rowCount || (row == 0 && rowCount == 0 && out.isEmpty) {
            let end = min(rowCount, row + rowsPerPage)
            var body: [UInt8] = []
            var pageValues = end - row
            if column.isOptional {
                let flags = batch.present.map { Array($0[row..<end]) } ?? [Bool](repeating: true, count: end - row)
                pageValues = flags.reduce(0) { $0 + ($1 ? 1 : 0) }
                RLEHybridEncoder.encodeLengthPrefixed(flags.map { $0 ? 1 : 0 }, bitWidth: 1, into: &body)
            }
            let range = valueIndex..<valueIndex + pageValues
            if let indices {
                RLEHybridEncoder.encodeDictionaryIndices(Array(indices[range]), bitWidth: bitWidth, into: &body)
            } else {
                body += try batch.values.plain(range)
            }
            valueIndex += pageValues
            let page = try encodePage(body, type: .dataPage, valueCount: end - row,
                                      encoding: indices != nil ? .rleDictionary : .plain, rowCount: end - row)
            out += page.bytes
            uncompressedTotal += page.uncompressedSize
            row = end
            if rowCount == 0 { break }
        }
        var meta = ColumnMetaData(
            type: column.type.physicalType, encodings: encodings, pathInSchema: [column.name],
            codec: CompressionCodec(rawValue: options.codec.parquetCodec), numValues: Int64(rowCount),
            totalUncompressedSize: Int64(uncompressedTotal), totalCompressedSize: Int64(out.count),
            dataPageOffset: dataOffset)
        meta.dictionaryPageOffset = dictionaryOffset
        meta.statistics = ColumnStatistics.of(batch.values, nullCount: rowCount - nonNull).thrift
        return (out, meta)
    }

    /// A page: its header (with CRC) and compressed body. `uncompressedSize` counts the header
    /// and the uncompressed body, as `total_uncompressed_size` does.
    private func encodePage(_ body: [UInt8], type: PageType, valueCount: Int, encoding: Encoding, rowCount: Int)
        throws(ParquetError) -> (bytes: [UInt8], uncompressedSize: Int)
    {
        guard body.count <= Int(Int32.max) else { throw .outOfBounds("page of \(body.count) bytes") }
        let compressed = try body.withParquetBytes { (raw) throws(ParquetError) in
            try PageCodec.compress(options.codec, input: raw)
        }
        var header = PageHeader(type: type, uncompressedPageSize: Int32(body.count),
                                compressedPageSize: Int32(compressed.count))
        let crc = compressed.withUnsafeBufferPointer { b in
            b.isEmpty ? 0 : crc32(0, b.baseAddress!, UInt32(b.count))
        }
        header.crc = Int32(bitPattern: UInt32(crc))
        if type == .dictionaryPage {
            header.dictionaryPageHeader = DictionaryPageHeader(numValues: Int32(valueCount), encoding: .plain)
        } else {
            header.dataPageHeader = DataPageHeader(numValues: Int32(valueCount), encoding: encoding,
                                                   definitionLevelEncoding: .rle, repetitionLevelEncoding: .rle)
        }
        var writer = ThriftCompactWriter()
        header.write(to: &writer)
        return (writer.bytes + compressed, writer.bytes.count + body.count)
    }
}

extension ColumnValues {
    func isOfType(_ type: PhysicalType) -> Bool {
        switch self {
        case .boolean: type == .boolean
        case .int32: type == .int32
        case .int64: type == .int64
        case .int96: type == .int96
        case .float: type == .float
        case .double: type == .double
        case .bytes: type == .byteArray || type == .fixedLenByteArray
        }
    }

    /// Bytes a PLAIN value takes on average (for sizing pages).
    var averageValueBytes: Int {
        switch self {
        case .boolean: 1
        case .int32, .float: 4
        case .int64, .double: 8
        case .int96: 12
        case .bytes(let v): v.count == 0 ? 4 : 4 + v.bytes.count / v.count
        }
    }

    /// PLAIN encoding of the values in `range`.
    func plain(_ range: Range<Int>) throws(ParquetError) -> [UInt8] {
        var encoder = PlainEncoder()
        switch self {
        case .boolean(let v): encoder.appendBooleans(v[range])
        case .int32(let v): encoder.append(Array(v[range]))
        case .int64(let v): encoder.append(Array(v[range]))
        case .int96(let v): encoder.append(Array(v[range]))
        case .float(let v): encoder.append(Array(v[range]))
        case .double(let v): encoder.append(Array(v[range]))
        case .bytes(let v): for i in range { try encoder.appendByteArray(v[i]) }
        }
        return encoder.bytes
    }
}

/// A chunk's dictionary: its distinct values in first-seen order (PLAIN encoded) and, per
/// value, its index.
enum DictionaryEncoding {
    struct Result {
        var plain: [UInt8]
        var count: Int
        var indices: [UInt32]
    }

    static func build(_ values: ColumnValues, maxBytes: Int) -> Result? {
        switch values {
        case .boolean, .int96: return nil
        case .int32(let v): return fixed(v, key: { UInt64(UInt32(bitPattern: $0)) }, maxBytes: maxBytes)
        case .int64(let v): return fixed(v, key: { UInt64(bitPattern: $0) }, maxBytes: maxBytes)
        case .float(let v): return fixed(v, key: { UInt64($0.bitPattern) }, maxBytes: maxBytes)
        case .double(let v): return fixed(v, key: { $0.bitPattern }, maxBytes: maxBytes)
        case .bytes(let v):
            var index: [ArraySlice<UInt8>: UInt32] = [:]
            var encoder = PlainEncoder()
            var indices: [UInt32] = []
            indices.reserveCapacity(v.count)
            for i in 0..<v.count {
                let value = v[i]
                if let k = index[value] {
                    indices.append(k)
                } else {
                    let k = UInt32(index.count)
                    index[value] = k
                    guard (try? encoder.appendByteArray(value)) != nil, encoder.bytes.count <= maxBytes else { return nil }
                    indices.append(k)
                }
            }
            return Result(plain: encoder.bytes, count: index.count, indices: indices)
        }
    }

    private static func fixed<T: PlainFixedWidthValue>(_ values: [T], key: (T) -> UInt64, maxBytes: Int) -> Result? {
        var index: [UInt64: UInt32] = [:]
        var distinct: [T] = []
        var indices: [UInt32] = []
        indices.reserveCapacity(values.count)
        for value in values {
            let k = key(value)
            if let i = index[k] {
                indices.append(i)
            } else {
                let i = UInt32(distinct.count)
                index[k] = i
                distinct.append(value)
                guard distinct.count * MemoryLayout<T>.size <= maxBytes else { return nil }
                indices.append(i)
            }
        }
        // Not worth it when nearly every value is distinct.
        if values.count > 64 && distinct.count * 10 > values.count * 9 { return nil }
        var encoder = PlainEncoder()
        encoder.append(distinct)
        return Result(plain: encoder.bytes, count: distinct.count, indices: indices)
    }
}
