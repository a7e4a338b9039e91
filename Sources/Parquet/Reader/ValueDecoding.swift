/// Decoding the values section of a data page (or a dictionary page) into a column's typed
/// storage, for every encoding the reader supports.
enum ValueDecoding {
    /// Decodes `count` values of `encoding` from `bytes` and appends them to `values`.
    /// `dictionary` holds the column chunk's dictionary for the dictionary encodings.
    static func append(
        _ count: Int, encoding: Encoding, from bytes: UnsafeRawBufferPointer, column: ColumnDescriptor,
        dictionary: ColumnValues?, to values: inout ColumnValues
    ) throws(ParquetError) {
        guard count > 0 else { return }
        if isDictionary(encoding) {
            guard let dictionary else { throw .corrupt("dictionary-encoded page without a dictionary page") }
            try gather(try indices(count, from: bytes, dictionarySize: dictionary.count), from: dictionary, to: &values)
            return
        }
        switch values {
        case .boolean(var array):
            values = .boolean([])
            switch encoding {
            case .plain:
                var decoder = try PlainDecoder(bytes, valueCount: count)
                array += try collect(count, Bool.self) { (b) throws(ParquetError) in try decoder.decodeBooleans(into: b) }
            case .rle:
                var decoder = try RLEHybridDecoder(lengthPrefixed: bytes, bitWidth: 1, valueCount: count)
                array += try collect(count, Bool.self) { (b) throws(ParquetError) in try decoder.decodeBooleans(into: b) }
            default:
                throw unsupported(encoding, column)
            }
            values = .boolean(array)
        case .int32(var array):
            values = .int32([])
            array += try fixedWidth(count, encoding, bytes, column, Int32.self, delta: true)
            values = .int32(array)
        case .int64(var array):
            values = .int64([])
            array += try fixedWidth(count, encoding, bytes, column, Int64.self, delta: true)
            values = .int64(array)
        case .int96(var array):
            values = .int96([])
            guard encoding == .plain else { throw unsupported(encoding, column) }
            array += try fixedWidth(count, encoding, bytes, column, ParquetInt96.self, delta: false)
            values = .int96(array)
        case .float(var array):
            values = .float([])
            array += try fixedWidth(count, encoding, bytes, column, Float.self, delta: false)
            values = .float(array)
        case .double(var array):
            values = .double([])
            array += try fixedWidth(count, encoding, bytes, column, Double.self, delta: false)
            values = .double(array)
        case .bytes(var array):
            values = .bytes(ByteArrayValues())
            try appendBytes(count, encoding, bytes, column, to: &array)
            values = .bytes(array)
        }
    }

    static func isDictionary(_ encoding: Encoding) -> Bool {
        encoding == .plainDictionary || encoding == .rleDictionary
    }

    /// The dictionary indices of a dictionary-encoded page, each checked against the size.
    static func indices(_ count: Int, from bytes: UnsafeRawBufferPointer, dictionarySize: Int) throws(ParquetError)
        -> [UInt32]
    {
        var decoder = try RLEHybridDecoder(dictionaryIndices: bytes, valueCount: count)
        return try collect(count, UInt32.self) { (buffer) throws(ParquetError) in
            try decoder.decodeIndices(into: buffer, dictionarySize: dictionarySize)
        }
    }

    private static func unsupported(_ encoding: Encoding, _ column: ColumnDescriptor) -> ParquetError {
        .unsupported("encoding \(encoding) for a \(column.physicalType) column")
    }

    /// Runs a batch decoder into a temporary buffer of `count` values; the decoder must fill it.
    private static func collect<T>(
        _ count: Int, _: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws(ParquetError) -> Int
    ) throws(ParquetError) -> [T] {
        var failure: ParquetError?
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(ParquetError) {
                let produced = try body(buffer)
                if produced != count { failure = .endOfData("expected \(count) values, the page holds \(produced)") }
                // SAFETY: the decoder initialised the first `produced` elements.
                initialized = produced
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return values
    }

    private static func fixedWidth<T: PlainFixedWidthValue>(
        _ count: Int, _ encoding: Encoding, _ bytes: UnsafeRawBufferPointer, _ column: ColumnDescriptor,
        _: T.Type, delta: Bool
    ) throws(ParquetError) -> [T] {
        switch encoding {
        case .plain:
            var decoder = try PlainDecoder(bytes, valueCount: count)
            return try collect(count, T.self) { (b) throws(ParquetError) in try decoder.decode(into: b) }
        case .byteStreamSplit:
            var decoder = try ByteStreamSplitDecoder(bytes, width: MemoryLayout<T>.size, valueCount: count)
            return try collect(count, T.self) { (b) throws(ParquetError) in try decoder.decode(into: b) }
        case .deltaBinaryPacked where delta:
            if T.self == Int32.self {
                var decoder = try DeltaBinaryPackedDecoder<Int32>(bytes, maxValueCount: count)
                let out = try collect(count, Int32.self) { (b) throws(ParquetError) in try decoder.decode(into: b) }
                return out as! [T]
            } else {
                var decoder = try DeltaBinaryPackedDecoder<Int64>(bytes, maxValueCount: count)
                let out = try collect(count, Int64.self) { (b) throws(ParquetError) in try decoder.decode(into: b) }
                return out as! [T]
            }
        default:
            throw unsupported(encoding, column)
        }
    }

    private static func appendBytes(
        _ count: Int, _ encoding: Encoding, _ bytes: UnsafeRawBufferPointer, _ column: ColumnDescriptor,
        to values: inout ByteArrayValues
    ) throws(ParquetError) {
        let fixedLength = column.physicalType == .fixedLenByteArray ? Int(column.element.typeLength ?? 0) : nil
        var produced = 0
        switch encoding {
        case .plain:
            var decoder = try PlainDecoder(bytes, valueCount: count)
            if let fixedLength {
                produced = try decoder.decodeFixedLengthByteArrays(count: count, length: fixedLength, into: &values.bytes)
                values.appendFixedOffsets(produced, length: fixedLength)
            } else {
                produced = try decoder.decodeByteArrays(count: count, offsets: &values.offsets, bytes: &values.bytes)
            }
        case .deltaLengthByteArray where fixedLength == nil:
            var decoder = try DeltaLengthByteArrayDecoder(bytes, maxValueCount: count)
            produced = try decoder.decode(count: count, offsets: &values.offsets, bytes: &values.bytes)
        case .deltaByteArray:
            var decoder = try DeltaByteArrayDecoder(bytes, maxValueCount: count)
            produced = try decoder.decode(count: count, offsets: &values.offsets, bytes: &values.bytes)
        case .byteStreamSplit where fixedLength != nil:
            var decoder = try ByteStreamSplitDecoder(bytes, width: fixedLength!, valueCount: count)
            produced = decoder.decodeFixedLengthByteArrays(count: count, into: &values.bytes)
            values.appendFixedOffsets(produced, length: fixedLength!)
        default:
            throw unsupported(encoding, column)
        }
        guard produced == count else { throw .endOfData("expected \(count) values, the page holds \(produced)") }
    }

    /// Appends `dictionary[i]` for each index (already checked against the dictionary size).
    static func gather(_ indices: [UInt32], from dictionary: ColumnValues, to values: inout ColumnValues)
        throws(ParquetError)
    {
        /// Appends in place: the caller has released `values`' copy, so `v` is unique.
        func pick<T>(_ d: [T], _ v: inout [T]) {
            v.reserveCapacity(v.count + indices.count)
            d.withUnsafeBufferPointer { source in
                // SAFETY: every index was checked against the dictionary size when decoded.
                for i in indices { v.append(source[Int(i)]) }
            }
        }
        switch (dictionary, values) {
        case (.boolean(let d), .boolean(var v)): values = .boolean([]); pick(d, &v); values = .boolean(v)
        case (.int32(let d), .int32(var v)): values = .int32([]); pick(d, &v); values = .int32(v)
        case (.int64(let d), .int64(var v)): values = .int64([]); pick(d, &v); values = .int64(v)
        case (.int96(let d), .int96(var v)): values = .int96([]); pick(d, &v); values = .int96(v)
        case (.float(let d), .float(var v)): values = .float([]); pick(d, &v); values = .float(v)
        case (.double(let d), .double(var v)): values = .double([]); pick(d, &v); values = .double(v)
        case (.bytes(let d), .bytes(var v)):
            values = .bytes(ByteArrayValues())
            var total = 0
            for i in indices { total += d.offsets[Int(i) + 1] - d.offsets[Int(i)] }
            v.bytes.reserveCapacity(v.bytes.count + total)
            v.offsets.reserveCapacity(v.offsets.count + indices.count)
            d.bytes.withUnsafeBufferPointer { source in
                for i in indices {
                    let start = d.offsets[Int(i)], end = d.offsets[Int(i) + 1]
                    v.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<end]))
                    v.offsets.append(v.bytes.count)
                }
            }
            values = .bytes(v)
        default:
            throw .corrupt("dictionary values of another type than the column")
        }
    }
}

extension ByteArrayValues {
    /// Offsets for `count` fixed-length values just appended to `bytes`.
    mutating func appendFixedOffsets(_ count: Int, length: Int) {
        var end = offsets.last ?? 0
        for _ in 0..<count {
            end += length
            offsets.append(end)
        }
    }
}

extension ColumnValues {
    /// No values yet, of the column's physical type.
    static func empty(for type: PhysicalType) throws(ParquetError) -> ColumnValues {
        switch type {
        case .boolean: .boolean([])
        case .int32: .int32([])
        case .int64: .int64([])
        case .int96: .int96([])
        case .float: .float([])
        case .double: .double([])
        case .byteArray, .fixedLenByteArray: .bytes(ByteArrayValues())
        default: throw .unsupported("physical type \(type)")
        }
    }
}
