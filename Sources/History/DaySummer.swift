import EventModel

/// A decoding thread's sums for the date it is decoding: dense per tenant id (no hashing per
/// row or per merge), the ids touched listed so that handing the date out costs only them.
struct DaySummer {
    var names = TenantNames()
    private var sums: [DayDecoder.Accumulator] = []
    private var touched: [UInt32] = []
    /// Per tenant id, its index in the current row group (`local(_:)`), valid when its stamp
    /// is the row group's.
    private var localIndex: [UInt32] = []
    private var localStamp: [UInt32] = []
    private var stamp: UInt32 = 0
    private var localCount: UInt32 = 0

    /// Starts numbering a row group's tenants from 0 (`local(_:)`).
    mutating func beginLocal() {
        stamp &+= 1
        if stamp == 0 {
            // Wrapped: forget every old stamp.
            localStamp = [UInt32](repeating: 0, count: localStamp.count)
            stamp = 1
        }
        localCount = 0
    }

    /// The row group's index of tenant `id`, in order of first sight since `beginLocal()`,
    /// and whether this is its first sight: no hashing, one array look-up.
    mutating func local(_ id: UInt32) -> (index: UInt32, isNew: Bool) {
        let i = Int(id)
        if i >= localStamp.count {
            let grown = max(i + 1, names.count, localStamp.count * 2)
            localStamp.append(contentsOf: repeatElement(0, count: grown - localStamp.count))
            localIndex.append(contentsOf: repeatElement(0, count: grown - localIndex.count))
        }
        if localStamp[i] == stamp { return (localIndex[i], false) }
        localStamp[i] = stamp
        localIndex[i] = localCount
        localCount += 1
        return (localCount - 1, true)
    }

    /// Adds a row group's sums for tenant `id` to the date's.
    mutating func merge(_ id: UInt32, _ a: DayDecoder.Accumulator, path: String) throws(DataError) {
        let i = Int(id)
        if i >= sums.count {
            sums.append(contentsOf: repeatElement(DayDecoder.Accumulator(), count: max(i + 1, names.count) - sums.count))
        }
        var acc = sums[i]
        if !acc.touched {
            acc.touched = true
            touched.append(id)
        }
        let (t, o1) = acc.total.addingReportingOverflow(a.total)
        let (e, o2) = acc.errors.addingReportingOverflow(a.errors)
        guard !o1, !o2 else {
            throw DataError(.overflow, "sum of counts for tenant '\(names.name(id) ?? "NULL")' overflows a 64-bit integer",
                            context: [path])
        }
        acc.total = t
        acc.errors = e
        acc.totalSeen = acc.totalSeen || a.totalSeen
        acc.errorsSeen = acc.errorsSeen || a.errorsSeen
        sums[i] = acc
    }

    /// The date's sums, one entry a tenant in order of first sight; the summer is then empty
    /// (its names stay).
    mutating func take() -> [TenantSum] {
        var out: [TenantSum] = []
        out.reserveCapacity(touched.count)
        for id in touched {
            let a = sums[Int(id)]
            out.append(TenantSum(tenant: id, totalSeen: a.totalSeen, errorsSeen: a.errorsSeen, total: a.total, errors: a.errors))
            sums[Int(id)] = DayDecoder.Accumulator()
        }
        touched.removeAll(keepingCapacity: true)
        return out
    }
}
