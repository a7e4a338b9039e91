import EventModel

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
