import EventModel

/// The daily rollup: per open UTC date, counts per (tenant, type), the distinct sessions of
/// each row and each session's first and last instant that date. Exact: memory grows with
/// the distinct keys and sessions of the open days, never with the event rate.
public struct DailyRollup {
    var tenants = ByteStringInterner()
    var types = ByteStringInterner()
    /// Open days other than the current one.
    var days: [Int64: DayState] = [:]
    /// The day the last event fell on, kept out of the dictionary (events come mostly in order).
    var currentDay: Int64 = .min
    var current = DayState()
    private var scratch: [UInt8] = []

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
        let tenant = UInt32(tenants.intern(event.tenant).id)
        let type = UInt32(types.intern(event.eventType).id)
        if day != currentDay { switchTo(day) }
        let row = current.row(tenant: tenant, type: type)
        current.totals[row] += 1
        if event.isError { current.errors[row] += 1 }
        if !event.session.isEmpty {
            // A session belongs to its tenant: key it by tenant id + session bytes.
            scratch.removeAll(keepingCapacity: true)
            withUnsafeBytes(of: tenant.littleEndian) { scratch.append(contentsOf: $0) }
            scratch.append(contentsOf: event.session)
            let session = scratch.withUnsafeBufferPointer { current.session($0, ts: event.ts) }
            current.pair(row: row, session: session)
        }
    }

    /// Hands out and forgets the rows of a day, sorted by tenant then type (UTF-8 bytes).
    public mutating func close(_ date: CivilDate) -> [DailyRow] {
        let day = date.daysSinceEpoch
        let state: DayState
        if day == currentDay {
            state = current
            current = DayState()
            currentDay = .min
        } else {
            guard let other = days.removeValue(forKey: day) else { return [] }
            state = other
        }
        var unique = [Int64](repeating: 0, count: state.rowKeys.count)
        var duration = [Double](repeating: 0, count: state.rowKeys.count)
        state.pairs.forEach { key, _ in
            let row = Int(key >> 32), session = Int(key & 0xFFFF_FFFF)
            unique[row] += 1
            duration[row] += Double(state.sessionMax[session] - state.sessionMin[session]) / 1e9
        }
        var rows: [(tenant: [UInt8], type: [UInt8], row: DailyRow)] = []
        rows.reserveCapacity(state.rowKeys.count)
        for (i, key) in state.rowKeys.enumerated() {
            let tenant = Array(tenants.bytes(Int(key >> 32))), type = Array(types.bytes(Int(key & 0xFFFF_FFFF)))
            rows.append((tenant, type, DailyRow(
                tenant: String(decoding: tenant, as: UTF8.self), eventType: String(decoding: type, as: UTF8.self),
                totalEvents: state.totals[i], errorEvents: state.errors[i], uniqueSessions: unique[i],
                avgSessionDuration: unique[i] > 0 ? duration[i] / Double(unique[i]) : nil)))
        }
        rows.sort { a, b in
            a.tenant != b.tenant ? a.tenant.lexicographicallyPrecedes(b.tenant) : a.type.lexicographicallyPrecedes(b.type)
        }
        return rows.map(\.row)
    }

    /// One open day.
    struct DayState {
        var rowIndex = UInt64Table()
        var rowKeys: [UInt64] = []
        var totals: [Int64] = []
        var errors: [Int64] = []
        var sessions = ByteStringInterner()
        var sessionMin: [Int64] = []
        var sessionMax: [Int64] = []
        /// (row << 32 | session) for each distinct session of each row.
        var pairs = UInt64Table()

        var entryCount: Int { rowKeys.count + sessionMin.count + pairs.count }

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

        mutating func session(_ key: UnsafeBufferPointer<UInt8>, ts: Int64) -> Int {
            let (id, isNew) = sessions.intern(key)
            if isNew {
                sessionMin.append(ts)
                sessionMax.append(ts)
            } else {
                if ts < sessionMin[id] { sessionMin[id] = ts }
                if ts > sessionMax[id] { sessionMax[id] = ts }
            }
            return id
        }

        mutating func pair(row: Int, session: Int) {
            let key = UInt64(row) << 32 | UInt64(session)
            if pairs.find(key) == nil { pairs.insert(key, 0) }
        }
    }
}
