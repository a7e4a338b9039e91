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
            w.int(state.sessionMin.count)
            for id in 0..<state.sessionMin.count {
                w.data(state.sessions.bytes(id))
                w.int(state.sessionMin[id])
                w.int(state.sessionMax[id])
            }
            var pairs: [UInt64] = []
            state.pairs.forEach { key, _ in pairs.append(key) }
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
                let id = bytes.withUnsafeBufferPointer { state.session($0, ts: low) }
                state.sessionMax[id] = max(high, low)
            }
            for _ in 0..<(try r.count(limit: limit)) {
                let key = UInt64(bitPattern: try r.int())
                guard Int(key >> 32) < state.rowKeys.count, Int(key & 0xFFFF_FFFF) < state.sessionMin.count else {
                    throw .corrupt("pairs a row and a session it does not hold")
                }
                state.pair(row: Int(key >> 32), session: Int(key & 0xFFFF_FFFF))
            }
            days[day] = state
        }
    }
}
