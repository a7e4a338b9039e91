/// A single statistics value decoded by physical type.
public enum StatisticValue: Sendable, Equatable {
    case boolean(Bool)
    case integer(Int64)
    case real(Double)
    case bytes([UInt8])
}

/// The statistics of one column chunk, typed, for pruning row groups and files.
public struct ChunkStatistics: Sendable, Equatable {
    public var min: StatisticValue?
    public var max: StatisticValue?
    public var nullCount: Int64?
    public var valueCount: Int64
}

extension ParquetFileReader {
    /// The typed statistics of a column chunk, when the file has them. `min_value`/`max_value`
    /// are used; the legacy `min`/`max` only for numbers and booleans, whose legacy (signed)
    /// order is the type's own.
    public func statistics(of column: ColumnDescriptor, rowGroup index: Int) -> ChunkStatistics? {
        guard index >= 0, index < metadata.rowGroups.count, column.index < metadata.rowGroups[index].columns.count,
              let meta = metadata.rowGroups[index].columns[column.index].metaData, let stats = meta.statistics
        else { return nil }
        let legacyOK = column.physicalType != .byteArray && column.physicalType != .fixedLenByteArray
        func decode(_ bytes: [UInt8]?) -> StatisticValue? {
            guard let bytes else { return nil }
            func little<T: FixedWidthInteger>(_: T.Type) -> T? {
                guard bytes.count == MemoryLayout<T>.size else { return nil }
                return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
            }
            switch column.physicalType {
            case .boolean: return bytes.count == 1 ? .boolean(bytes[0] != 0) : nil
            case .int32: return little(Int32.self).map { .integer(Int64($0)) }
            case .int64: return little(Int64.self).map { .integer($0) }
            case .float: return little(UInt32.self).map { .real(Double(Float(bitPattern: $0))) }
            case .double: return little(UInt64.self).map { .real(Double(bitPattern: $0)) }
            case .byteArray, .fixedLenByteArray: return .bytes(bytes)
            default: return nil
            }
        }
        return ChunkStatistics(min: decode(stats.minValue ?? (legacyOK ? stats.min : nil)),
                               max: decode(stats.maxValue ?? (legacyOK ? stats.max : nil)),
                               nullCount: stats.nullCount, valueCount: meta.numValues)
    }
}
