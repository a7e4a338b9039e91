/// One row of `realtime_event_metrics`.
public struct WindowRow: Sendable, Equatable {
    public var tenant: String
    public var eventType: String
    /// Window bounds in whole epoch seconds, [start, end).
    public var windowStart: Int64
    public var windowEnd: Int64
    public var occurrences: Int64
    /// Nanoseconds since the epoch.
    public var lastEventTs: Int64

    public init(tenant: String, eventType: String, windowStart: Int64, windowEnd: Int64, occurrences: Int64,
                lastEventTs: Int64)
    {
        self.tenant = tenant
        self.eventType = eventType
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.occurrences = occurrences
        self.lastEventTs = lastEventTs
    }
}
