/// When a tenant's error rate is "off": red means off its own baseline, not "has errors". A
/// tenant with fewer events than `minEvents` in the window is never flagged (5 events, 2 errors
/// is 40 %, and says nothing). Thresholds are points of error % above the baseline.
public struct Alerting: Sendable, Equatable {
    public var minEvents: Int64
    /// Points above the baseline that make a warning, and an alert.
    public var warnPoints: Double
    public var alertPoints: Double

    public static let standard = Alerting(minEvents: 50, warnPoints: 2, alertPoints: 5)

    public init(minEvents: Int64, warnPoints: Double, alertPoints: Double) {
        self.minEvents = minEvents
        self.warnPoints = warnPoints
        self.alertPoints = alertPoints
    }

    public enum Level: Sendable, Equatable {
        /// Too few events to say.
        case quiet
        case normal
        case warning
        case alert
    }

    public func level(_ row: TenantRow) -> Level { level(events: row.events, delta: row.delta) }

    /// `delta`: the share less the baseline (0.05 is five points above).
    public func level(events: Int64, delta: Double?) -> Level {
        guard events >= minEvents else { return .quiet }
        guard let delta else { return .normal }
        if delta * 100 >= alertPoints { return .alert }
        if delta * 100 >= warnPoints { return .warning }
        return .normal
    }
}
