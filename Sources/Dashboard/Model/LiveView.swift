import EventModel
import Windows

/// One row of the "Events per tenant" pane.
public struct TenantRow: Sendable, Equatable {
    public var name: String
    public var events: Int64
    public var errors: Int64
    /// Events a second over the part of the window the stream covers.
    public var perSecond: Double
    /// errors / events, nil with no events.
    public var errorShare: Double?
    /// The tenant's own error share over its baseline span (the longest window; the history
    /// weeks when they are loaded), nil when there is none to compare with.
    public var baselineShare: Double?
    /// errorShare − baselineShare (0.05 is five points above), nil without a baseline.
    public var delta: Double?
    /// The baseline is the median daily rate of the history weeks in view, not the last hour.
    public var baselineFromHistory = false
    /// Events in each second before the current one (still filling, so left out) back to a
    /// minute ago, oldest first: a view into the snapshot's series.
    public var recent: ArraySlice<UInt32>
}

/// One bar of the "Event type distribution" pane.
public struct TypeShare: Sendable, Equatable {
    public var name: String
    public var count: Int64
    public var share: Double
    public var isError: Bool
}

/// What the live panes show, built from one processor snapshot: per-tenant totals of the
/// chosen window and the event-type distribution (for all tenants or one).
public struct LiveView: Sendable {
    public var tenants: [TenantRow]
    public var types: [TypeShare]
    /// Events of the window (all tenants, or the chosen tenant for `types`).
    public var typeTotal: Int64
    public var windowStart: Int64?
    public var windowEnd: Int64?
    public var windowLength: Int64
    /// Seconds of the window the stream actually covers, rounded: the window, or the time since
    /// the first event the windows hold when that is shorter (rates divide by the exact time).
    public var coveredSeconds: Int64
    /// The stream began after the window's start: the title says how long it has run.
    public var isYoung = false
    /// Stream time E in seconds.
    public var streamEnd: Int64?
    /// The hopping window asked for is not in this snapshot yet (it comes with the next).
    public var pending = false
    /// The span tenants' baselines cover (`1h`), nil when the window shown is that span.
    public var baselineLabel: String?
    public var stats: IngestStats
    /// The tenant view's tenant, second by second over the last hour (when the feed was asked).
    public var detail: TenantDetail?

    public static let empty = LiveView(tenants: [], types: [], typeTotal: 0, windowStart: nil, windowEnd: nil,
                                       windowLength: 60, streamEnd: nil, stats: IngestStats())

    /// Builds the panes' rows for a window. `typesOf` restricts the distribution to one tenant.
    /// Errors are the events the mapping's error rules held for; a type is shown as an error
    /// type when all its events in the window are errors.
    public init(snapshot: MetricsSnapshot, window: WindowChoice, typesOf tenant: String? = nil) {
        let keys: [MetricsSnapshot.KeyCounts]
        let slot: Int
        let length: Int64
        if let hopping = snapshot.hopping, window.mode == .hopping, hopping.spec == window.hopping {
            keys = hopping.keys
            slot = 0
            length = hopping.spec.size
            windowStart = hopping.start
            windowEnd = hopping.end
        } else {
            slot = snapshot.presets.firstIndex(of: window.length) ?? 0
            keys = window.mode == .rolling ? snapshot.keys : []
            pending = window.mode == .hopping
            length = window.length
            windowStart = snapshot.streamEnd.map { $0 - window.length }
            windowEnd = snapshot.streamEnd
        }
        windowLength = length
        // Rates count only whole seconds: E's own second is still filling. A rolling window's
        // events/s is its events less those of second E − 1, over the time from the window's
        // start (or the first event, when the stream is younger, to the nanosecond) to E − 1.
        // A hopping window is over: its events over its length.
        var covered = Double(length)
        var complete = Double(length)
        var dropsLastSecond = false
        let nanos = Double(Timestamp.nanosPerSecond)
        if !(window.mode == .hopping), let start = windowStart, let end = windowEnd {
            let from = max(Double(start) * nanos, Double(snapshot.firstTs ?? start * Timestamp.nanosPerSecond))
            covered = max(0, Double(end) * nanos - from) / nanos
            complete = (Double(end - 1) * nanos - from) / nanos
            isYoung = from > Double(start) * nanos
            dropsLastSecond = complete >= 1 && snapshot.sparklines.start + Int64(snapshot.sparklines.seconds) == end
        }
        coveredSeconds = max(1, Int64(covered.rounded()))
        streamEnd = snapshot.streamEnd
        stats = snapshot.stats
        detail = snapshot.detail
        var events = [Int64](repeating: 0, count: snapshot.tenantNames.count)
        var errors = events
        var typeCounts = [Int64](repeating: 0, count: snapshot.typeNames.count)
        var typeErrors = typeCounts
        let chosen = tenant.flatMap { snapshot.tenantNames.firstIndex(of: $0) }
        // The baseline: each tenant over the longest rolling window, unless that is the window shown.
        let baseSlot = snapshot.presets.count - 1
        let hasBaseline = baseSlot >= 0 && (window.mode == .hopping || slot != baseSlot)
            && snapshot.presets[max(0, baseSlot)] > length
        var baseEvents = [Int64](repeating: 0, count: hasBaseline ? snapshot.tenantNames.count : 0)
        var baseErrors = baseEvents
        if hasBaseline {
            for key in snapshot.keys where baseSlot < key.counts.count {
                let t = Int(key.tenant)
                guard t >= 0, t < baseEvents.count else { continue }
                baseEvents[t] += key.counts[baseSlot]
                if key.isError { baseErrors[t] += key.counts[baseSlot] }
            }
        }
        baselineLabel = hasBaseline ? DurationParsing.format(snapshot.presets[baseSlot]) : nil
        for key in keys where slot < key.counts.count {
            let count = key.counts[slot]
            let t = Int(key.tenant), e = Int(key.eventType)
            guard count > 0, t >= 0, t < events.count, e >= 0, e < typeCounts.count else { continue }
            events[t] += count
            if key.isError { errors[t] += count }
            if tenant == nil || chosen == t {
                typeCounts[e] += count
                if key.isError { typeErrors[e] += count }
            }
        }
        var rows: [TenantRow] = []
        for t in events.indices where events[t] > 0 {
            let share = Double(errors[t]) / Double(events[t])
            let series = snapshot.series(ofTenant: t)
            let perSecond = dropsLastSecond ? Double(events[t] - Int64(series.last ?? 0)) / complete
                : Double(events[t]) / max(1, covered)
            // A baseline that holds nothing beyond the window itself says nothing.
            let base = hasBaseline && baseEvents[t] > events[t] ? Double(baseErrors[t]) / Double(baseEvents[t]) : nil
            rows.append(TenantRow(
                name: snapshot.tenantNames[t], events: events[t], errors: errors[t],
                perSecond: max(0, perSecond), errorShare: share,
                baselineShare: base, delta: base.map { share - $0 },
                recent: series.dropLast()))
        }
        tenants = rows
        let total = typeCounts.reduce(0, +)
        typeTotal = total
        types = typeCounts.indices.filter { typeCounts[$0] > 0 }.map { e in
            TypeShare(name: snapshot.typeNames[e], count: typeCounts[e],
                      share: Double(typeCounts[e]) / Double(total), isError: typeErrors[e] == typeCounts[e])
        }.sorted { a, b in a.count != b.count ? a.count > b.count : a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
    }

    init(tenants: [TenantRow], types: [TypeShare], typeTotal: Int64, windowStart: Int64?, windowEnd: Int64?,
         windowLength: Int64, streamEnd: Int64?, stats: IngestStats)
    {
        self.tenants = tenants
        self.types = types
        self.typeTotal = typeTotal
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.windowLength = windowLength
        coveredSeconds = max(1, windowLength)
        self.streamEnd = streamEnd
        self.stats = stats
    }
}
