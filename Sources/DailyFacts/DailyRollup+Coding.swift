import EventModel

/// Saving and restoring a rollup's open days (for checkpoints).
extension DailyRollup {
    /// Everything the rollup holds, in the checkpoint format.
    public func encode(into w: inout BinaryWriter) {
        w.int(tenants.count)
        for id in 0..<tenants.count { w.data(tenants.bytes(id)) }
        w.int(types.count)
        for id in 0..<types.count { w.data(types.bytes(id)) }
        var all = days
        if currentDay != .min { all[currentDay] = current }
        w.int(all.count)
        for (day, state) in all.sorted(by: { $0.key < $1.key }) {
            w.int(day)
            w.int(state.rowKeys.count)
            for i in state.rowKeys.indices {
                w.int(Int64(bitPattern: state.rowKeys[i]))
                w.int(state.totals[i])
                w.int(state.errors[i])
            }
            let sessions = state.sessions
            w.int(sessions.count)
            for s in 0..<sessions.count {
                // A session's key as the checkpoint holds it: its tenant id (4 bytes, little
                // endian), then its id's bytes.
                var key: [UInt8] = []
                withUnsafeBytes(of: sessions.tenant[s].littleEndian) { key.append(contentsOf: $0) }
                key.append(contentsOf: sessions.bytes(s))
                w.data(key)
                w.int(sessions.first[s])
                w.int(sessions.last[s])
            }
            var pairs: [UInt64] = []
            state.forEachPair { row, session in pairs.append(UInt64(row) << 32 | UInt64(session)) }
            w.int(pairs.count)
            for key in pairs { w.int(Int64(bitPattern: key)) }
        }
    }

    /// A rollup restored from `encode(into:)`'s bytes; every id and count is checked.
    public init(decoding r: inout BinaryReader) throws(DataError) {
        self.init()
        let limit = 1 << 31
        for _ in 0..<(try r.count(limit: limit)) {
            let bytes = try r.data()
            _ = bytes.withUnsafeBufferPointer { tenants.intern($0) }
        }
        for _ in 0..<(try r.count(limit: limit)) {
            let bytes = try r.data()
            _ = bytes.withUnsafeBufferPointer { types.intern($0) }
        }
        for _ in 0..<(try r.count(limit: limit)) {
            let day = try r.dayOrNone()
            guard day != .min else { throw .corrupt("holds a day out of range") }
            var state = DayState()
            for _ in 0..<(try r.count(limit: limit)) {
                let key = UInt64(bitPattern: try r.int())
                guard Int(key >> 32) < tenants.count, Int(key & 0xFFFF_FFFF) < types.count else {
                    throw .corrupt("names a tenant or type it does not hold")
                }
                let row = state.row(tenant: UInt32(key >> 32), type: UInt32(key & 0xFFFF_FFFF))
                state.totals[row] = Int64(try r.tally())
                state.errors[row] = Int64(try r.tally())
                guard state.errors[row] <= state.totals[row] else { throw .corrupt("counts more errors than events") }
            }
            for _ in 0..<(try r.count(limit: limit)) {
                let bytes = try r.data()
                let low = try r.instant(), high = try r.instant()
                guard bytes.count >= 4 else { throw .corrupt("holds a session without its tenant") }
                let tenant = UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
                guard Int(tenant) < tenants.count else { throw .corrupt("names a tenant it does not hold") }
                let before = state.sessions.count
                let id = bytes.withUnsafeBufferPointer { key in
                    state.sessions.add(tenant: tenant, UnsafeBufferPointer(rebasing: key[4...]), ts: low)
                }
                guard id == before else { throw .corrupt("holds a session twice") }
                state.sessions.last[id] = max(high, low)
            }
            for _ in 0..<(try r.count(limit: limit)) {
                let key = UInt64(bitPattern: try r.int())
                let row = Int(key >> 32), session = Int(key & 0xFFFF_FFFF)
                guard row < state.rowKeys.count, session < state.sessions.count else {
                    throw .corrupt("pairs a row and a session it does not hold")
                }
                guard UInt32(state.rowKeys[row] >> 32) == state.sessions.tenant[session] else {
                    throw .corrupt("pairs a session with another tenant's row")
                }
                state.pair(row: row, type: UInt32(state.rowKeys[row] & 0xFFFF_FFFF), session: session)
            }
            days[day] = state
        }
    }
}
