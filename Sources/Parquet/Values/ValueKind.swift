/// What a column's values mean, from its physical, logical and converted types: how readers
/// interpret them (signed or unsigned counts, dates, timestamps at their unit) and how
/// `Output` prints them.
public enum ValueKind: Sendable, Equatable {
    case boolean
    case signed
    case unsigned
    case float
    case float16
    case date
    case time(unitDigits: Int, utc: Bool)
    case timestamp(unitDigits: Int, utc: Bool)
    case int96Timestamp
    case decimal(scale: Int)
    case text
    case uuid
    case binary

    /// What the column's values mean, from its physical, logical and converted types.
    public init(_ column: ColumnDescriptor) {
        let e = column.element
        let physical = column.physicalType
        func digits(_ unit: TimeUnit) -> Int? {
            switch unit {
            case .millis: 3
            case .micros: 6
            case .nanos: 9
            case .other: nil
            }
        }
        if let logical = e.logicalType {
            switch logical {
            case .string, .enum, .json: self = .text; return
            case .decimal(let scale, _): self = .decimal(scale: Int(scale)); return
            case .date: self = .date; return
            case .time(let utc, let unit):
                // A unit from a newer writer: show the raw integers rather than guess.
                self = digits(unit).map { .time(unitDigits: $0, utc: utc) } ?? .signed
                return
            case .timestamp(let utc, let unit):
                self = digits(unit).map { .timestamp(unitDigits: $0, utc: utc) } ?? .signed
                return
            case .integer(_, let signed): self = signed ? .signed : .unsigned; return
            case .uuid: self = physical == .fixedLenByteArray ? .uuid : .binary; return
            case .float16: self = physical == .fixedLenByteArray ? .float16 : .binary; return
            default: break
            }
        }
        if let converted = e.convertedType {
            switch converted {
            case .utf8, .enum, .json: self = .text; return
            case .decimal: self = .decimal(scale: Int(e.scale ?? 0)); return
            case .date: self = .date; return
            case .timeMillis: self = .time(unitDigits: 3, utc: true); return
            case .timeMicros: self = .time(unitDigits: 6, utc: true); return
            case .timestampMillis: self = .timestamp(unitDigits: 3, utc: true); return
            case .timestampMicros: self = .timestamp(unitDigits: 6, utc: true); return
            case .uint8, .uint16, .uint32, .uint64: self = .unsigned; return
            case .int8, .int16, .int32, .int64: self = .signed; return
            default: break
            }
        }
        switch physical {
        case .boolean: self = .boolean
        case .int32, .int64: self = .signed
        case .int96: self = .int96Timestamp
        case .float, .double: self = .float
        default: self = .binary
        }
    }
}
