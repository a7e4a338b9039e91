import EventModel

/// How the processor keeps time.
public enum ClockMode: String, CaseIterable, Sendable {
    /// Stream time is the largest event second + 1.
    case event
    /// Stream time is the wall clock's second + 1; events are bucketed by their own ts.
    case wall
    /// `event` for finite inputs, `max(event, wall)` for live ones.
    case auto
}

/// Settings of the stream processor (DESIGN §3).
public struct ProcessorConfig: Sendable {
    public static let defaultPresets: [Int64] = [10, 30, 60, 300, 900, 3600]

    /// Rolling window lengths kept at once, in seconds, ascending and distinct.
    public private(set) var presets: [Int64]
    /// The longest hop of a hopping window the processor must be able to show.
    public var maxHop: Int64
    /// Whether stream time follows the event clock (largest event second + 1).
    public var usesEventClock = true
    /// Whether stream time follows the wall clock (and future events are checked).
    public var usesWallClock = false
    /// Events more than this many seconds ahead of the wall clock are rejected (wall clock only).
    public var maxFutureSkew: Int64 = 300
    /// With the event clock, an event more than this many seconds ahead of stream time moves it
    /// only when later events confirm the jump (the jump guard of `Live`).
    public var maxJump: Int64 = 3600
    /// Distinct tenants kept; later ones are folded into `(other)`.
    public var maxTenants = 10_000
    /// Distinct event types kept; later ones are folded into `(other)`.
    public var maxTypes = 1000

    public init(presets: [Int64] = Self.defaultPresets, extraWindows: [Int64] = []) {
        let all = Set(presets + extraWindows).filter { $0 > 0 }.sorted()
        self.presets = all.isEmpty ? Self.defaultPresets : all
        maxHop = self.presets.last!
    }

    /// The longest retained window: events older than `E − lookback` are late.
    public var lookback: Int64 { presets.last! }

    /// Seconds the ring of per-second buckets spans: the longest window, a hop before it for
    /// hopping windows, the future skew after it, and a margin.
    public var ringSeconds: Int { Int(lookback + maxHop + maxFutureSkew + 2) }

    /// Chooses the clock for an input: `auto` is `event` on finite inputs, else both.
    public mutating func setClock(_ mode: ClockMode, finiteInput: Bool) {
        switch mode {
        case .event: usesEventClock = true; usesWallClock = false
        case .wall: usesEventClock = false; usesWallClock = true
        case .auto: usesEventClock = true; usesWallClock = !finiteInput
        }
    }
}
