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

    /// The windows and limits `live`'s options ask for: `--presets` (comma-separated
    /// durations), `--window`, `--hop`, `--max-tenants`, `--max-types`; a mistake is a usage
    /// error naming its option. Windows are kept per second in memory: a day is the longest.
    public init(presets text: String, window: Int64, hop: Int64?, maxTenants: Int, maxTypes: Int) throws(DataError) {
        let parts = text.split(separator: ",").map { DurationParsing.seconds(String($0)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
            throw DataError(.usage, "--presets: '\(text)' is not a list of durations such as 10s,1m,1h")
        }
        if let hop, hop > window {
            throw DataError(.usage, "--hop \(DurationParsing.format(hop)) is longer than --window \(DurationParsing.format(window))")
        }
        let longest = max(window, hop ?? 0, parts.map { $0! }.max() ?? 0)
        if longest > 86_400 {
            throw DataError(.usage, "windows longer than 24h are not kept live (got \(DurationParsing.format(longest))); use the history reports for days")
        }
        if maxTenants < 1 || maxTenants > 10_000_000 { throw DataError(.usage, "--max-tenants must be between 1 and 10000000") }
        if maxTypes < 1 || maxTypes > 10_000_000 { throw DataError(.usage, "--max-types must be between 1 and 10000000") }
        self.init(presets: parts.map { $0! }, extraWindows: [window])
        maxHop = max(lookback, hop ?? 0)
        self.maxTenants = maxTenants
        self.maxTypes = maxTypes
    }

    /// Chooses the clock for an input: `auto` is `event` on finite inputs, else both.
    public mutating func setClock(_ mode: ClockMode, finiteInput: Bool) {
        switch mode {
        case .event: usesEventClock = true; usesWallClock = false
        case .wall: usesEventClock = false; usesWallClock = true
        case .auto: usesEventClock = true; usesWallClock = !finiteInput
        }
    }
}
