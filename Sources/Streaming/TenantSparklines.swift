/// Events a second per tenant over the last seconds before stream time E — seconds
/// E − `seconds` … E − 1 — for the dashboard's sparklines, plus the same for all tenants
/// together. Flat and tenant-major: one allocation, whatever the number of tenants.
public struct TenantSparklines: Sendable, Equatable {
    /// The seconds a series spans by default (the dashboard's sparkline).
    public static let defaultSeconds = 60

    /// The first second of every series (E − `seconds`); 0 before stream time exists.
    public var start: Int64
    /// Values in each series.
    public var seconds: Int
    /// Tenants held: indexes into the snapshot's `tenantNames`.
    public var tenantCount: Int
    /// `counts[t * seconds + i]`: events of tenant t in second `start + i` (saturating at
    /// `UInt32.max`).
    public var counts: [UInt32]
    /// `totals[i]`: events of all tenants in second `start + i` (saturating).
    public var totals: [UInt32]

    public init(start: Int64, seconds: Int, tenantCount: Int, counts: [UInt32], totals: [UInt32]) {
        self.start = start
        self.seconds = seconds
        self.tenantCount = tenantCount
        self.counts = counts
        self.totals = totals
    }

    /// No series (before stream time exists).
    public static let empty = TenantSparklines(start: 0, seconds: 0, tenantCount: 0, counts: [], totals: [])

    /// The series of one tenant, oldest second first; empty for an index it does not hold.
    public func series(ofTenant tenant: Int) -> ArraySlice<UInt32> {
        guard tenant >= 0, tenant < tenantCount, seconds > 0, (tenant + 1) * seconds <= counts.count else { return [] }
        return counts[tenant * seconds..<(tenant + 1) * seconds]
    }
}

@inline(__always)
private func saturatingAdd(_ a: UInt32, _ b: UInt32) -> UInt32 {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? .max : sum
}

extension StreamProcessor {
    /// The per-second series of the last `seconds` seconds before stream time, read from the
    /// ring: one pass over the entries of those seconds. Seconds before `E − lookback` stay
    /// zero: events that old are late, never bucketed, so they would be only partly there.
    func sparklines(seconds: Int = TenantSparklines.defaultSeconds) -> TenantSparklines {
        guard let end = streamEnd, seconds > 0 else { return .empty }
        let tenantCount = tenants.count
        let start = end - Int64(seconds)
        var counts = [UInt32](repeating: 0, count: tenantCount * seconds)
        var totals = [UInt32](repeating: 0, count: seconds)
        let first = max(start, end - config.lookback)
        guard first < end else {
            return TenantSparklines(start: start, seconds: seconds, tenantCount: tenantCount, counts: counts,
                                    totals: totals)
        }
        counts.withUnsafeMutableBufferPointer { perTenant in
            keyTenant.withUnsafeBufferPointer { tenantOfKey in
                for second in first..<end {
                    let i = Int(second - start)
                    var total: UInt32 = 0
                    ring.forEachEntry(of: second) { entry in
                        let key = Int(entry.key)
                        guard key < tenantOfKey.count else { return }
                        let tenant = Int(tenantOfKey[key])
                        guard tenant >= 0, tenant < tenantCount else { return }
                        let at = tenant * seconds + i
                        perTenant[at] = saturatingAdd(perTenant[at], entry.count)
                        total = saturatingAdd(total, entry.count)
                    }
                    totals[i] = total
                }
            }
        }
        return TenantSparklines(start: start, seconds: seconds, tenantCount: tenantCount, counts: counts,
                                totals: totals)
    }
}
