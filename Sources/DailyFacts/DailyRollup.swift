#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// The daily rollup: per open UTC date, counts per (tenant, type), the distinct sessions of
/// each row and each session's first and last instant that date. Exact: memory grows with
/// the distinct keys and sessions of the open days, never with the event rate.
public struct DailyRollup {
    var tenants = ByteStringInterner()
    var types = ByteStringInterner()
    private var tenantCache = ShortNameCache()
    private var typeCache = ShortNameCache()
    /// Open days other than the current one.
    var days: [Int64: DayState] = [:]
    /// The day the last event fell on, kept out of the dictionary (events come mostly in order).
    var currentDay: Int64 = .min
    var current = DayState()

    public init() {}

    /// Dates with events not yet handed out, ascending.
    public var openDays: [CivilDate] {
        (Array(days.keys) + (currentDay == .min ? [] : [currentDay])).sorted().map(CivilDate.init(daysSinceEpoch:))
    }

    /// Rows, sessions and row-session pairs held, for memory reporting.
    public var heldEntries: Int { days.values.reduce(current.entryCount) { $0 + $1.entryCount } }

    private mutating func switchTo(_ day: Int64) {
        if currentDay != .min { days[currentDay] = current }
        current = days.removeValue(forKey: day) ?? DayState()
        currentDay = day
    }

    public mutating func add(_ event: RawEvent) {
        let day = CivilDate(instant: event.ts).daysSinceEpoch
        let tenant = Self.id(event.tenant, in: &tenants, cache: &tenantCache)
        let type = Self.id(event.eventType, in: &types, cache: &typeCache)
        if day != currentDay { switchTo(day) }
        let row = current.row(tenant: tenant, type: type)
        current.totals[row] += 1
        if event.isError { current.errors[row] += 1 }
        if !event.session.isEmpty {
            let session = current.sessions.add(tenant: tenant, event.session, ts: event.ts)
            current.pair(row: row, type: type, session: session)
        }
    }

    /// The interned id of a name, through the cache for short names.
    @inline(__always)
    private static func id(_ name: UnsafeBufferPointer<UInt8>, in names: inout ByteStringInterner,
                           cache: inout ShortNameCache) -> UInt32 {
        guard let words = ShortNameCache.words(name) else { return UInt32(names.intern(name).id) }
        if let id = cache.find(name.count, words) { return id }
        let id = UInt32(names.intern(name).id)
        cache.remember(name.count, words, id: id)
        return id
    }

    /// Hands out and forgets the rows of a day, sorted by tenant then type (UTF-8 bytes).
    public mutating func close(_ date: CivilDate) -> [DailyRow] {
        let day = date.daysSinceEpoch
        var state: DayState
        if day == currentDay {
            state = current
            current = DayState()
            currentDay = .min
        } else {
            guard let other = days.removeValue(forKey: day) else { return [] }
            state = other
        }
        let rowCount = state.rowKeys.count
        var unique = [Int64](repeating: 0, count: rowCount)
        var duration = [Double](repeating: 0, count: rowCount)
        state.forEachPair { row, session in
            unique[row] += 1
            duration[row] += Double(state.sessions.last[session] - state.sessions.first[session]) / 1e9
        }
        // What the rows no longer need goes before they are made (a flood of tenants is a
        // day of a million rows).
        state.sessions = SessionTable()
        state.extraPairs = UInt64Table(capacity: 0)
        state.rowIndex = UInt64Table(capacity: 0)
        // Order: the day's tenants and types ranked once by their bytes, then the rows sorted
        // by (tenant rank, type rank) as integers: no copies of names, no string comparisons.
        let tenantRank = Self.ranks(of: state.rowKeys.map { UInt32($0 >> 32) }, in: tenants)
        let typeRank = Self.ranks(of: state.rowKeys.map { UInt32($0 & 0xFFFF_FFFF) }, in: types)
        var order = [UInt64](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
            for i in 0..<rowCount {
                let key = state.rowKeys[i]
                // (tenant, type) is unique per row, so no two rows have the same key.
                buffer[i] = UInt64(tenantRank[Int(key >> 32)]) << 32 | UInt64(typeRank[Int(key & 0xFFFF_FFFF)])
            }
            initialized = rowCount
        }
        var index = Array(0..<rowCount)
        order.withUnsafeBufferPointer { keys in index.sort { keys[$0] < keys[$1] } }
        order = []
        var rows: [DailyRow] = []
        rows.reserveCapacity(rowCount)
        var typeNames: [UInt32: String] = [:]
        for i in index {
            let key = state.rowKeys[i]
            let type = UInt32(key & 0xFFFF_FFFF)
            let typeName: String
            if let name = typeNames[type] { typeName = name } else {
                typeName = types.string(Int(type))
                typeNames[type] = typeName
            }
            rows.append(DailyRow(
                tenant: tenants.string(Int(key >> 32)), eventType: typeName,
                totalEvents: state.totals[i], errorEvents: state.errors[i], uniqueSessions: unique[i],
                avgSessionDuration: unique[i] > 0 ? duration[i] / Double(unique[i]) : nil))
        }
        if currentDay == .min, days.isEmpty {
            // No open day refers to a name any more: forget them (the end of `rollup` writes
            // its largest day with this memory free).
            tenants = ByteStringInterner()
            types = ByteStringInterner()
            tenantCache.removeAll()
            typeCache.removeAll()
        }
        return rows
    }

    /// Per id of `names` (indexed by id), the rank among the distinct `ids` by bytes (UTF-8
    /// byte order); ids not among them rank 0.
    static func ranks(of ids: [UInt32], in names: ByteStringInterner) -> [UInt32] {
        var seen = [Bool](repeating: false, count: names.count)
        var distinct: [UInt32] = []
        for id in ids where !seen[Int(id)] {
            seen[Int(id)] = true
            distinct.append(id)
        }
        seen = []
        // Their bytes copied into one arena once, then sorted with memcmp.
        var arena: [UInt8] = []
        var starts: [Int] = [0]
        starts.reserveCapacity(distinct.count + 1)
        for id in distinct {
            arena.append(contentsOf: names.bytes(Int(id)))
            starts.append(arena.count)
        }
        var order = Array(0..<distinct.count)
        arena.withUnsafeBufferPointer { bytes in
            order.sort { a, b in
                let a0 = starts[a], a1 = starts[a + 1], b0 = starts[b], b1 = starts[b + 1]
                let n = min(a1 - a0, b1 - b0)
                // SAFETY: both ranges lie inside the arena built above.
                let c = n == 0 ? 0 : memcmp(bytes.baseAddress! + a0, bytes.baseAddress! + b0, n)
                return c != 0 ? c < 0 : a1 - a0 < b1 - b0
            }
        }
        var rank = [UInt32](repeating: 0, count: names.count)
        for (r, k) in order.enumerated() { rank[Int(distinct[k])] = UInt32(r) }
        return rank
    }

    /// One open day.
    struct DayState {
        var rowIndex = UInt64Table()
        var rowKeys: [UInt64] = []
        var totals: [Int64] = []
        var errors: [Int64] = []
        var sessions = SessionTable()
        /// (row << 32 | session) for the pairs whose type id is 64 or more (the others are
        /// bits of `sessions.types`).
        var extraPairs = UInt64Table(capacity: 0)
        /// Distinct (row, session) pairs.
        var pairCount = 0

        var entryCount: Int { rowKeys.count + sessions.count + pairCount }

        mutating func row(tenant: UInt32, type: UInt32) -> Int {
            let key = UInt64(tenant) << 32 | UInt64(type)
            if let row = rowIndex.find(key) { return Int(row) }
            let row = rowKeys.count
            rowIndex.insert(key, UInt32(row))
            rowKeys.append(key)
            totals.append(0)
            errors.append(0)
            return row
        }

        /// Notes that `session` (of the row's tenant) has an event of `row` (of `type`).
        @inline(__always)
        mutating func pair(row: Int, type: UInt32, session: Int) {
            if type < 64 {
                let bit = UInt64(1) << UInt64(type)
                if sessions.types[session] & bit == 0 {
                    sessions.types[session] |= bit
                    pairCount += 1
                }
            } else {
                let key = UInt64(row) << 32 | UInt64(session)
                if extraPairs.find(key) == nil {
                    extraPairs.insert(key, 0)
                    pairCount += 1
                }
            }
        }

        /// Calls `body` with every distinct (row, session) pair.
        func forEachPair(_ body: (Int, Int) -> Void) {
            for s in 0..<sessions.count {
                var bits = sessions.types[s]
                let tenant = UInt64(sessions.tenant[s]) << 32
                while bits != 0 {
                    let type = UInt64(bits.trailingZeroBitCount)
                    bits &= bits - 1
                    // Every (tenant, type) paired with a session has its row (added first).
                    if let row = rowIndex.find(tenant | type) { body(Int(row), s) }
                }
            }
            extraPairs.forEach { key, _ in body(Int(key >> 32), Int(key & 0xFFFF_FFFF)) }
        }
    }
}
