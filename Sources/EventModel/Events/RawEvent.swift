/// One decoded event, as views into the decoder's line or scratch bytes. Valid only until
/// the decoder decodes the next line: the processor interns the bytes at once.
public struct RawEvent {
    public var tenant: UnsafeBufferPointer<UInt8>
    public var eventType: UnsafeBufferPointer<UInt8>
    /// Empty when the event has no session (absent, null or "").
    public var session: UnsafeBufferPointer<UInt8>
    /// Nanoseconds since the epoch, UTC.
    public var ts: Int64
    /// The mapping's error rules hold for this event (DESIGN §8; by default, type `error`).
    public var isError: Bool

    @inlinable
    public init(tenant: UnsafeBufferPointer<UInt8>, eventType: UnsafeBufferPointer<UInt8>,
                session: UnsafeBufferPointer<UInt8>, ts: Int64, isError: Bool)
    {
        self.tenant = tenant
        self.eventType = eventType
        self.session = session
        self.ts = ts
        self.isError = isError
    }

    public var second: Int64 { ts / Timestamp.nanosPerSecond }
}

/// What decoding one line gave.
public enum LineOutcome {
    case event(RawEvent)
    /// A line of whitespace only: neither an event nor a rejection.
    case blank
    case rejected(RejectReason)
}
