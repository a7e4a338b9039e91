import EventModel

/// An immutable picture of the processor's windows, safe to hand to another thread.
public struct MetricsSnapshot: Sendable {
    public struct KeyCounts: Sendable {
        public var tenant: Int32
        public var eventType: Int32
        /// These are the key's error events (a tenant's events of a type come in up to two
        /// keys: its errors, and the rest).
        public var isError: Bool
        /// One count per rolling preset (or one for a hopping window).
        public var counts: [Int64]
        public var lastSecond: Int64
        public var lastTs: Int64
    }

    public struct HoppingWindow: Sendable {
        public var spec: HoppingSpec
        public var start: Int64
        public var end: Int64
        public var keys: [KeyCounts]
    }

    /// Stream time E; nil before any event or clock tick.
    public var streamEnd: Int64?
    /// The earliest ts the windows hold (nanoseconds; within the longest window): rates divide
    /// by the time since then when it is shorter than the window.
    public var firstTs: Int64?
    public var presets: [Int64]
    public var tenantNames: [String]
    public var typeNames: [String]
    public var keys: [KeyCounts]
    public var hopping: HoppingWindow?
    public var stats: IngestStats
    /// Events a second per tenant and in all, seconds E − 60 … E − 1 (`sparkSeconds`).
    public var sparklines = TenantSparklines.empty
    /// The tenant the tenant view shows, second by second over the last hour (when asked for).
    public var detail: TenantDetail?

    /// The seconds the sparkline series span.
    public static let sparkSeconds = TenantSparklines.defaultSeconds

    /// Events of tenant `tenant` (an index into `tenantNames`) in each of seconds E − 60 … E − 1,
    /// oldest first; empty for an index the snapshot does not hold.
    public func series(ofTenant tenant: Int) -> ArraySlice<UInt32> { sparklines.series(ofTenant: tenant) }

    /// Events of all tenants in each of seconds E − 60 … E − 1, oldest first.
    public var totalSeries: [UInt32] { sparklines.totals }

    /// Rows of the rolling window of one preset length, sorted by tenant then type.
    public func rollingRows(window: Int64) -> [WindowRow] {
        guard let end = streamEnd, let p = presets.firstIndex(of: window) else { return [] }
        let rows = keys.compactMap { key -> WindowRow? in
            guard key.counts[p] > 0 else { return nil }
            return WindowRow(tenant: tenantNames[Int(key.tenant)], eventType: typeNames[Int(key.eventType)],
                             windowStart: end - window, windowEnd: end, occurrences: key.counts[p],
                             lastEventTs: key.lastTs)
        }
        return Self.merged(rows)
    }

    /// Rows of the latest complete hopping window, sorted by tenant then type.
    public func hoppingRows() -> [WindowRow] {
        guard let hopping else { return [] }
        let rows = hopping.keys.map { key in
            WindowRow(tenant: tenantNames[Int(key.tenant)], eventType: typeNames[Int(key.eventType)],
                      windowStart: hopping.start, windowEnd: hopping.end, occurrences: key.counts[0],
                      lastEventTs: key.lastTs)
        }
        return Self.merged(rows)
    }

    /// One row per (tenant, type), its error and other keys added up; sorted.
    static func merged(_ rows: [WindowRow]) -> [WindowRow] {
        var out: [WindowRow] = []
        out.reserveCapacity(rows.count)
        for row in sorted(rows) {
            if let last = out.last, last.tenant.utf8.elementsEqual(row.tenant.utf8),
               last.eventType.utf8.elementsEqual(row.eventType.utf8)
            {
                out[out.count - 1].occurrences += row.occurrences
                out[out.count - 1].lastEventTs = max(last.lastEventTs, row.lastEventTs)
            } else {
                out.append(row)
            }
        }
        return out
    }

    /// Byte order of the UTF-8 names (not String's Unicode ordering).
    static func sorted(_ rows: [WindowRow]) -> [WindowRow] {
        rows.sorted { a, b in
            if !a.tenant.utf8.elementsEqual(b.tenant.utf8) { return a.tenant.utf8.lexicographicallyPrecedes(b.tenant.utf8) }
            return a.eventType.utf8.lexicographicallyPrecedes(b.eventType.utf8)
        }
    }
}
