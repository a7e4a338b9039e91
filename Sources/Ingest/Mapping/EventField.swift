import EventModel

/// The four fields eventtop reads from each line, by the names `--field` and `--error` use.
public enum EventField: Int, CaseIterable, Sendable, Hashable {
    case tenant, eventType, ts, session

    public var name: String {
        switch self {
        case .tenant: "tenant_id"
        case .eventType: "event_type"
        case .ts: "ts"
        case .session: "session_id"
        }
    }

    public init?(name: String) {
        guard let field = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = field
    }

    /// Where the field is read when `--field` does not map it: its name, then its aliases, the
    /// first present winning.
    public var defaultPaths: [FieldPath] {
        switch self {
        case .ts: ["ts", "timestamp", "event_ts"].map(FieldPath.init(key:))
        default: [FieldPath(key: name)]
        }
    }
}
