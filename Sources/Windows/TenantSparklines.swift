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

/// One tenant's events and errors in each second of the last hour (or of the longest window,
/// when shorter), for the tenant view's charts: seconds `start` … `start + events.count − 1`,
/// the last being E − 1 (still filling).
public struct TenantDetail: Sendable, Equatable {
    public var tenant: String
    public var start: Int64
    public var events: [UInt32]
    public var errors: [UInt32]

    public init(tenant: String, start: Int64, events: [UInt32], errors: [UInt32]) {
        self.tenant = tenant
        self.start = start
        self.events = events
        self.errors = errors
    }

    /// The seconds the tenant view charts.
    public static let seconds = 3600
}
