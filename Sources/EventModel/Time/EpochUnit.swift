/// The unit of an epoch timestamp (a number, or a string holding one).
public enum EpochUnit: Int, CaseIterable, Sendable, Equatable {
    case seconds, milliseconds, microseconds, nanoseconds

    /// How `--ts-unit` and the summary spell it.
    public var name: String {
        switch self {
        case .seconds: "s"
        case .milliseconds: "ms"
        case .microseconds: "us"
        case .nanoseconds: "ns"
        }
    }

    public init?(name: String) {
        guard let unit = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = unit
    }

    /// ns = value × 10^nanosExponent.
    var nanosExponent: Int { 9 - 3 * rawValue }

    /// The unit `auto` takes for a value below 10^`digits` (its integer part has `digits`
    /// digits): below 1e11 seconds, below 1e14 ms, below 1e17 µs, else ns.
    static func auto(magnitude digits: Int) -> EpochUnit {
        digits <= 11 ? .seconds : digits <= 14 ? .milliseconds : digits <= 17 ? .microseconds : .nanoseconds
    }
}

/// `--ts-unit`: a fixed unit, or `auto` (by magnitude, per value).
public enum EpochUnitChoice: Sendable, Equatable, CustomStringConvertible {
    case auto
    case fixed(EpochUnit)

    public init?(name: String) {
        if name == "auto" {
            self = .auto
        } else if let unit = EpochUnit(name: name) {
            self = .fixed(unit)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .fixed(let unit): unit.name
        }
    }

    public static let names = ["auto"] + EpochUnit.allCases.map(\.name)
}
