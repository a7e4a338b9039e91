import EventModel
import Parquet

/// A non-partitioned file's `date` column: DATE, a `YYYY-MM-DD` string, or a timestamp
/// (its UTC date).
enum DateColumn {
    enum Kind {
        case date
        case string
        /// INT64 timestamp with this many units a day.
        case timestamp(unitsPerDay: Int64)
        case int96

        init(_ column: ColumnDescriptor, path: String) throws(DataError) {
            switch (ValueKind(column), column.physicalType) {
            case (.date, .int32): self = .date
            case (.text, .byteArray): self = .string
            case (.timestamp(let digits, _), .int64):
                self = .timestamp(unitsPerDay: digits == 3 ? 86_400_000 : digits == 6 ? 86_400_000_000 : 86_400_000_000_000)
            case (.int96Timestamp, .int96): self = .int96
            default:
                throw DataError.corrupt("'date' column is \(column.physicalType), not a DATE, string or timestamp", path)
            }
        }

        func date(ofInteger v: Int64) -> CivilDate {
            switch self {
            case .timestamp(let perDay):
                let (q, r) = v.quotientAndRemainder(dividingBy: perDay)
                return CivilDate(daysSinceEpoch: r < 0 ? q - 1 : q)
            default: return CivilDate(daysSinceEpoch: v)
            }
        }

        func date(of stat: StatisticValue) -> CivilDate? {
            switch (self, stat) {
            case (.date, .integer(let v)), (.timestamp, .integer(let v)): return date(ofInteger: v)
            case (.string, .bytes(let b)): return CivilDate(String(decoding: b, as: UTF8.self))
            default: return nil
            }
        }

        /// The non-null values' dates, in order.
        func dates(of values: ColumnValues, path: String) throws(DataError) -> [CivilDate] {
            switch (self, values) {
            case (.date, .int32(let v)): return v.map { CivilDate(daysSinceEpoch: Int64($0)) }
            case (.timestamp, .int64(let v)): return v.map { date(ofInteger: $0) }
            case (.int96, .int96(let v)):
                var out: [CivilDate] = []
                out.reserveCapacity(v.count)
                for x in v {
                    guard let nanos = x.epochNanos else { throw DataError.corrupt("'date' INT96 timestamp out of range", path) }
                    out.append(Kind.timestamp(unitsPerDay: 86_400_000_000_000).date(ofInteger: nanos))
                }
                return out
            case (.string, .bytes(let b)):
                var out: [CivilDate] = []
                out.reserveCapacity(b.count)
                for i in 0..<b.count {
                    guard let d = CivilDate(String(decoding: b[i], as: UTF8.self)) else {
                        throw DataError.corrupt("'date' value '\(String(decoding: b[i], as: UTF8.self))' is not YYYY-MM-DD", path)
                    }
                    out.append(d)
                }
                return out
            default:
                throw DataError.corrupt("'date' column values of an unexpected type", path)
            }
        }
    }
}
