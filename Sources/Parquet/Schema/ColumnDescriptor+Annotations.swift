extension ColumnDescriptor {
    /// Why this leaf's logical or converted type cannot annotate its physical type (as pyarrow
    /// and DuckDB refuse: an INT_64 or TIMESTAMP_MICROS annotation on INT32, UINT_32 on INT64, a
    /// STRING on an integer, …), or nil when they agree. The column is refused when read; the
    /// others of the file still read.
    public var annotationProblem: String? {
        let physical = physicalType
        let e = element
        func fixed(_ length: Int32) -> Bool { physical == .fixedLenByteArray && e.typeLength == length }
        if let logical = e.logicalType {
            let fits: Bool
            switch logical {
            case .string, .enum, .json, .bson: fits = physical == .byteArray
            case .uuid: fits = fixed(16)
            case .float16: fits = fixed(2)
            case .decimal(_, let precision):
                switch physical {
                case .int32: fits = precision >= 1 && precision <= 9
                case .int64: fits = precision >= 1 && precision <= 18
                case .byteArray, .fixedLenByteArray: fits = precision >= 1
                default: fits = false
                }
            case .date: fits = physical == .int32
            case .time(_, let unit): fits = unit == .millis ? physical == .int32 : physical == .int64
            case .timestamp: fits = physical == .int64
            case .integer(let bits, _):
                fits = bits == 64 ? physical == .int64 : [8, 16, 32].contains(bits) && physical == .int32
            case .map, .list: fits = false  // annotations of groups, not of values
            case .null, .other: fits = true
            }
            if !fits { return "logical type \(logical.name) cannot annotate \(physical)\(lengthNote)" }
        }
        if let converted = e.convertedType {
            let fits: Bool
            switch converted {
            case .utf8, .enum, .json, .bson: fits = physical == .byteArray
            case .decimal: fits = [.int32, .int64, .byteArray, .fixedLenByteArray].contains(physical)
            case .date, .timeMillis, .uint8, .uint16, .uint32, .int8, .int16, .int32: fits = physical == .int32
            case .timeMicros, .timestampMillis, .timestampMicros, .uint64, .int64: fits = physical == .int64
            case .interval: fits = fixed(12)
            case .map, .mapKeyValue, .list: fits = false
            default: fits = true  // a converted type from a newer writer: not ours to judge
            }
            if !fits {
                let name = ConvertedType.names[converted.rawValue] ?? "\(converted.rawValue)"
                return "converted type \(name) cannot annotate \(physical)\(lengthNote)"
            }
        }
        return nil
    }

    private var lengthNote: String {
        physicalType == .fixedLenByteArray ? "(\(element.typeLength ?? 0))" : ""
    }
}
