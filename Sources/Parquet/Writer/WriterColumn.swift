/// What a written column holds, as the writer declares it in the schema.
public enum WriterType: Sendable, Equatable {
    case boolean
    case int32
    case int64
    case float
    case double
    /// BYTE_ARRAY annotated STRING.
    case string
    /// INT32 annotated DATE (days since 1970-01-01).
    case date
    /// INT64 annotated TIMESTAMP.
    case timestamp(unit: TimeUnit, isAdjustedToUTC: Bool)

    var physicalType: PhysicalType {
        switch self {
        case .boolean: .boolean
        case .int32, .date: .int32
        case .int64, .timestamp: .int64
        case .float: .float
        case .double: .double
        case .string: .byteArray
        }
    }
}

/// One column of a file being written.
public struct WriterColumn: Sendable, Equatable {
    public var name: String
    public var type: WriterType
    public var isOptional: Bool

    public init(_ name: String, _ type: WriterType, optional: Bool = false) {
        self.name = name
        self.type = type
        isOptional = optional
    }

    /// The schema element the writer declares.
    var schemaElement: SchemaElement {
        var e = SchemaElement(name: name)
        e.type = type.physicalType
        e.repetition = isOptional ? .optional : .required
        switch type {
        case .string:
            e.logicalType = .string
            e.convertedType = .utf8
        case .date:
            e.logicalType = .date
            e.convertedType = .date
        case .timestamp(let unit, let utc):
            e.logicalType = .timestamp(isAdjustedToUTC: utc, unit: unit)
            if utc, unit == .millis { e.convertedType = .timestampMillis }
            if utc, unit == .micros { e.convertedType = .timestampMicros }
        default:
            break
        }
        return e
    }
}

/// Settings of a file being written.
public struct WriterOptions: Sendable {
    /// Page compression: SNAPPY by default; ZSTD or none also.
    public var codec: PageCodec = .snappy
    /// Rows a row group holds at most.
    public var rowGroupRows = 1 << 20
    /// Bytes (uncompressed) a data page holds at most, roughly.
    public var pageBytes = 1 << 20
    /// Dictionary-encode columns (not booleans) while the dictionary stays under this many
    /// bytes; PLAIN beyond.
    public var dictionaryPageBytes = 1 << 20
    public var useDictionary = true
    /// `created_by` in the footer.
    public var createdBy = "eventtop"
    public var keyValueMetadata: [KeyValue] = []

    public init() {}
}
