import EventModel

/// One tenant's sums for one date, the tenant as an id (of the decoder's `TenantNames`, or a
/// rank of `RankedTenants` once a query has merged its names). A sum never seen (every value
/// null, or no such column) is nil in the reports.
struct TenantSum: Sendable {
    var tenant: UInt32
    var totalSeen: Bool
    var errorsSeen: Bool
    var total: Int64
    var errors: Int64

    var totalEvents: Int64? { totalSeen ? total : nil }
    var errorEvents: Int64? { errorsSeen ? errors : nil }
}

/// A date's sums per tenant, one entry a tenant.
struct DaySums: Sendable {
    var date: CivilDate
    var tenants: [TenantSum]
}
