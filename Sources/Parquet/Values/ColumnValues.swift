extension ParquetInt96 {
    /// As a legacy timestamp (nanoseconds of the day, then a Julian day): nanoseconds since
    /// the Unix epoch, or nil when that does not fit in 64 bits.
    public var epochNanos: Int64? {
        let days = Int64(high) - 2_440_588
        let (dayNanos, o1) = days.multipliedReportingOverflow(by: 86_400_000_000_000)
        guard !o1, low <= UInt64(Int64.max) else { return nil }
        let (sum, o2) = dayNanos.addingReportingOverflow(Int64(low))
        return o2 ? nil : sum
    }
}

/// Variable- or fixed-length byte strings stored back to back: value `i` is
/// `bytes[offsets[i]..<offsets[i + 1]]`.
public struct ByteArrayValues: Sendable, Equatable {
    public var offsets: [Int] = [0]
    public var bytes: [UInt8] = []

    public init() {}

    public var count: Int { offsets.count - 1 }

    public subscript(i: Int) -> ArraySlice<UInt8> { bytes[offsets[i]..<offsets[i + 1]] }

    public mutating func append<C: Collection>(_ value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }
}

/// The non-null values of a column, typed by physical type (no per-value boxing).
public enum ColumnValues: Sendable, Equatable {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    case int96([ParquetInt96])
    case float([Float])
    case double([Double])
    /// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY.
    case bytes(ByteArrayValues)

    public var count: Int {
        switch self {
        case .boolean(let v): v.count
        case .int32(let v): v.count
        case .int64(let v): v.count
        case .int96(let v): v.count
        case .float(let v): v.count
        case .double(let v): v.count
        case .bytes(let v): v.count
        }
    }
}

/// A column read from a file: its non-null values in row order, and which rows are null.
public struct ColumnData: Sendable {
    public var descriptor: ColumnDescriptor
    public var values: ColumnValues
    /// Per row, whether it holds a value; nil when every row does.
    public var present: [Bool]?
    public var rowCount: Int
    /// When read with `keepDictionary` and every page was dictionary-encoded: the chunk's
    /// dictionary and, per non-null value, its index (`values` is then empty). Aggregating by
    /// index and naming each dictionary entry once is far cheaper than per-row strings.
    public var dictionary: (values: ColumnValues, indices: [UInt32])?

    public init(descriptor: ColumnDescriptor, values: ColumnValues, present: [Bool]?, rowCount: Int,
                dictionary: (values: ColumnValues, indices: [UInt32])? = nil) {
        self.descriptor = descriptor
        self.values = values
        self.present = present
        self.rowCount = rowCount
        self.dictionary = dictionary
    }

    /// The values, materialised from the dictionary when they were kept encoded.
    public var materialized: ColumnValues {
        guard let dictionary else { return values }
        var out = values
        try? ValueDecoding.gather(dictionary.indices, from: dictionary.values, to: &out)
        return out
    }
}
