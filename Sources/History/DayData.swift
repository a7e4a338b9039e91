#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel
import Parquet

/// One tenant's sums for one date. Nil sums: every value was null (SQL's SUM of nulls).
public struct TenantCounts: Sendable, Equatable {
    /// Nil when `tenant_id` was null.
    public var tenant: String?
    public var totalEvents: Int64?
    public var errorEvents: Int64?

    public init(tenant: String?, totalEvents: Int64?, errorEvents: Int64?) {
        self.tenant = tenant
        self.totalEvents = totalEvents
        self.errorEvents = errorEvents
    }
}

/// A decoded date: its rows summed per tenant, one entry a tenant, in no particular order
/// (the reports sort).
public struct DayData: Sendable, Equatable {
    public var date: CivilDate
    public var tenants: [TenantCounts]

    /// An estimate of the memory held, for the cache's byte bound.
    public var byteSize: Int { 64 + tenants.reduce(0) { $0 + 48 + ($1.tenant?.utf8.count ?? 0) } }

    public init(date: CivilDate, tenants: [TenantCounts]) {
        self.date = date
        self.tenants = tenants
    }
}

/// UTF-8 byte order, nil last (as DuckDB's default ORDER BY … NULLS LAST).
func tenantPrecedes(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (var a?, var b?):
        // memcmp over the contiguous UTF-8 (the generic UTF8View comparison is far slower).
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
                return c != 0 ? c < 0 : x.count < y.count
            }
        }
    case (.some, .none): return true
    default: return false
    }
}

/// Reads one date's rows from its files: only `tenant_id`, `total_events` and `error_events`
/// (and `date` for non-partitioned files, to keep only that date's rows).
public enum DayDecoder {
    /// Decodes `date` from `files`. Any file that cannot be read fails the whole date.
    public static func decode(date: CivilDate, files: [CatalogFile], opener: ParquetOpener = defaultParquetOpener)
        throws(DataError) -> DayData
    {
        var summer = DaySummer()
        let sums = try decode(date: date, files: files, opener: opener, into: &summer)
        return DayData(date: date, tenants: sums.map {
            TenantCounts(tenant: summer.names.name($0.tenant), totalEvents: $0.totalEvents, errorEvents: $0.errorEvents)
        })
    }

    /// Decodes `date` from `files` into a decoding thread's summer: the date's sums, tenants as
    /// ids of `summer.names`. Any file that cannot be read fails the whole date (and the summer
    /// is left empty for the next date).
    static func decode(date: CivilDate, files: [CatalogFile], opener: ParquetOpener, into summer: inout DaySummer)
        throws(DataError) -> [TenantSum]
    {
        for file in files {
            do {
                try add(file, date: date, opener: opener, into: &summer)
            } catch {
                _ = summer.take()
                switch error {
                case let error as ParquetError: throw DataError(error)
                case let error as DataError: throw error
                default: throw DataError.corrupt("\(error)", file.path)
                }
            }
        }
        return summer.take()
    }

    struct Accumulator {
        var total: Int64 = 0
        var errors: Int64 = 0
        var totalSeen = false
        var errorsSeen = false
        /// In the summer: listed among the date's tenants.
        var touched = false
    }

    /// A count column's non-null values as Int64: INT32 or INT64, signed or unsigned, or a
    /// DECIMAL of scale 0 (on INT32 or INT64, or as big-endian bytes: Spark writes DECIMAL(38,0),
    /// and every DECIMAL in its legacy format, as FIXED_LEN_BYTE_ARRAY). A DECIMAL with a scale
    /// is refused: its stored integers are not the counts (DECIMAL(10,2) stores 14 as 1400).
    static func counts(_ data: ColumnData, path: String) throws(DataError) -> [Int64] {
        let kind = ValueKind(data.descriptor)
        let name = data.descriptor.name
        if case .decimal(let scale) = kind, scale != 0 {
            throw DataError(.unsupported, "\(name) is DECIMAL with scale \(scale), not a whole count", context: [path])
        }
        switch data.materialized {
        case .int64(let v):
            if kind == .unsigned, v.contains(where: { $0 < 0 }) {
                throw DataError.corrupt("\(name) value above 2^63-1", path)
            }
            return v
        case .int32(let v):
            return kind == .unsigned ? v.map { Int64(UInt32(bitPattern: $0)) } : v.map(Int64.init)
        case .bytes(let v) where kind == .decimal(scale: 0):
            var out: [Int64] = []
            out.reserveCapacity(v.count)
            for i in 0..<v.count {
                guard let value = integer(bigEndian: v[i]) else {
                    throw DataError(.overflow, "\(name) value beyond a 64-bit integer", context: [path])
                }
                out.append(value)
            }
            return out
        default:
            throw DataError.corrupt("\(name) is \(data.descriptor.physicalType), not an integer", path)
        }
    }

    /// A big-endian two's complement integer of any width, or nil when it does not fit in 64 bits.
    static func integer(bigEndian bytes: ArraySlice<UInt8>) -> Int64? {
        guard let first = bytes.first else { return nil }
        let fill: UInt8 = first & 0x80 != 0 ? 0xFF : 0
        // Leading bytes beyond eight must be sign extension, and the sign must survive the cut.
        let extra = max(0, bytes.count - 8)
        guard bytes.prefix(extra).allSatisfy({ $0 == fill }) else { return nil }
        let kept = bytes.dropFirst(extra)
        if extra > 0, (kept.first! & 0x80 != 0) != (fill == 0xFF) { return nil }
        var value: UInt64 = fill == 0xFF ? .max : 0
        for b in kept { value = value << 8 | UInt64(b) }
        return Int64(bitPattern: value)
    }

    /// Per row: the value, or nil for null rows (only built when the column has nulls).
    static func perRow(_ values: [Int64], present: [Bool]?) -> [Int64?]? {
        guard let present else { return nil }
        var out = [Int64?](repeating: nil, count: present.count)
        var k = 0
        for i in 0..<present.count where present[i] {
            out[i] = values[k]
            k += 1
        }
        return out
    }

    static func add(_ file: CatalogFile, date: CivilDate, opener: ParquetOpener, into summer: inout DaySummer) throws {
        let path = file.path
        let reader = try opener(file)
        let columns = reader.flatColumns
        guard let tenantColumn = columns.first(where: { $0.name == FactEventsDaily.tenantID }) else {
            throw DataError.corrupt("no tenant_id column", path)
        }
        guard tenantColumn.physicalType == .byteArray else {
            throw DataError.corrupt("tenant_id is \(tenantColumn.physicalType), not a string", path)
        }
        let totalColumn = columns.first { $0.name == FactEventsDaily.totalEvents }
        let errorColumn = columns.first { $0.name == FactEventsDaily.errorEvents }
        var dateFilter: (column: ColumnDescriptor, kind: DateColumn.Kind)?
        if file.partitionDate == nil {
            guard let column = columns.first(where: { $0.name == FactEventsDaily.date }) else { throw DataError.corrupt("no date column", path) }
            dateFilter = (column, try DateColumn.Kind(column, path: path))
        }
        for group in 0..<reader.rowGroupCount {
            if let (column, kind) = dateFilter, let stats = reader.statistics(of: column, rowGroup: group),
               let lo = stats.min.flatMap({ kind.date(of: $0) }), let hi = stats.max.flatMap({ kind.date(of: $0) }),
               date < lo || hi < date {
                continue  // no row of this date in this row group
            }
            let tenants = try reader.readColumn(tenantColumn, rowGroup: group, keepDictionary: true)
            let rows = tenants.rowCount
            if rows == 0 { continue }
            let totalData = try totalColumn.map { c throws in try reader.readColumn(c, rowGroup: group) }
            let errorData = try errorColumn.map { c throws in try reader.readColumn(c, rowGroup: group) }
            let totals = try totalData.map { d throws in try counts(d, path: path) } ?? []
            let errors = try errorData.map { d throws in try counts(d, path: path) } ?? []
            guard totalData.map({ $0.rowCount == rows }) ?? true, errorData.map({ $0.rowCount == rows }) ?? true else {
                throw DataError.corrupt("row group \(group): columns of different lengths", path)
            }
            // Per row, whether it belongs to `date` (non-partitioned files only).
            var keep: [Bool]?
            if let (column, kind) = dateFilter {
                let data = try reader.readColumn(column, rowGroup: group)
                let dates = try kind.dates(of: data.values, path: path)
                var mask = [Bool](repeating: false, count: rows)
                var k = 0
                for i in 0..<rows where data.present?[i] ?? true {
                    mask[i] = dates[k] == date
                    k += 1
                }
                keep = mask
            }
            // Tenant of each row as a small local index; ids[index] is its tenant id (the
            // dictionary's entries, or the distinct plain values, named once each).
            var ids: [UInt32] = []
            var index: [UInt32]
            if let (dictionary, indices) = tenants.dictionary, case .bytes(let dict) = dictionary {
                ids.reserveCapacity(dict.count + 1)
                dict.bytes.withUnsafeBytes { raw in
                    for k in 0..<dict.count {
                        // SAFETY: the reader built offsets ascending within `bytes`.
                        ids.append(summer.names.id(UnsafeRawBufferPointer(rebasing: raw[dict.offsets[k]..<dict.offsets[k + 1]])))
                    }
                }
                index = indices
            } else if case .bytes(let plain) = tenants.values {
                summer.beginLocal()
                index = []
                index.reserveCapacity(plain.count)
                plain.bytes.withUnsafeBytes { raw in
                    for i in 0..<plain.count {
                        let id = summer.names.id(UnsafeRawBufferPointer(rebasing: raw[plain.offsets[i]..<plain.offsets[i + 1]]))
                        let (k, isNew) = summer.local(id)
                        if isNew { ids.append(id) }
                        index.append(k)
                    }
                }
            } else {
                throw DataError.corrupt("tenant_id values of an unexpected type", path)
            }
            if let present = tenants.present {
                // Spread the non-null tenants over the rows; null rows get their own index.
                let n = UInt32(ids.count)
                ids.append(TenantNames.null)
                var spread = [UInt32](repeating: n, count: rows)
                var k = 0
                for i in 0..<rows where present[i] {
                    spread[i] = index[k]
                    k += 1
                }
                index = spread
            }
            var local = [Accumulator](repeating: Accumulator(), count: ids.count)
            var seen = [Bool](repeating: false, count: ids.count)
            var overflow = false
            let totalRows = perRow(totals, present: totalData?.present)
            let errorRows = perRow(errors, present: errorData?.present)
            if keep == nil, totalRows == nil, errorRows == nil, totalData != nil, errorData != nil {
                // The common case: every row counts, no nulls. Sum per index.
                local.withUnsafeMutableBufferPointer { acc in
                    index.withUnsafeBufferPointer { idx in
                        totals.withUnsafeBufferPointer { t in
                            errors.withUnsafeBufferPointer { e in
                                for i in 0..<rows {
                                    let g = Int(idx[i])
                                    let (a, o1) = acc[g].total.addingReportingOverflow(t[i])
                                    let (b, o2) = acc[g].errors.addingReportingOverflow(e[i])
                                    acc[g].total = a
                                    acc[g].errors = b
                                    overflow = overflow || o1 || o2
                                }
                            }
                        }
                    }
                }
                for i in index { seen[Int(i)] = true }
                for g in 0..<ids.count where seen[g] {
                    local[g].totalSeen = true
                    local[g].errorsSeen = true
                }
            } else {
                for i in 0..<rows where keep?[i] ?? true {
                    let g = Int(index[i])
                    seen[g] = true
                    let t: Int64? = totalData == nil ? nil : totalRows != nil ? totalRows![i] : totals[i]
                    let e: Int64? = errorData == nil ? nil : errorRows != nil ? errorRows![i] : errors[i]
                    if let t {
                        let (a, o) = local[g].total.addingReportingOverflow(t)
                        local[g].total = a
                        local[g].totalSeen = true
                        overflow = overflow || o
                    }
                    if let e {
                        let (a, o) = local[g].errors.addingReportingOverflow(e)
                        local[g].errors = a
                        local[g].errorsSeen = true
                        overflow = overflow || o
                    }
                }
            }
            if overflow { throw DataError(.overflow, "row group \(group): sum of counts overflows a 64-bit integer", context: [path]) }
            for g in 0..<ids.count where seen[g] {
                try summer.merge(ids[g], local[g], path: path)
            }
        }
    }
}
