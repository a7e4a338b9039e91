/// Why an input line was not turned into an event. The order is the order of the checks
/// (the first that applies is counted) and the order of the summary line.
public enum RejectReason: Int, CaseIterable, Sendable {
    case tooLong
    case invalidUTF8
    case invalidJSON
    case missingField
    case badField
    case badTimestamp

    /// The stable name used in summaries, CSV and logs.
    public var name: String {
        switch self {
        case .tooLong: "too_long"
        case .invalidUTF8: "invalid_utf8"
        case .invalidJSON: "invalid_json"
        case .missingField: "missing_field"
        case .badField: "bad_field"
        case .badTimestamp: "bad_timestamp"
        }
    }
}

/// Counts of rejected lines, one per reason.
public struct RejectCounts: Sendable, Equatable {
    private var counts = [Int](repeating: 0, count: RejectReason.allCases.count)

    public init() {}

    public subscript(reason: RejectReason) -> Int {
        get { counts[reason.rawValue] }
        set { counts[reason.rawValue] = newValue }
    }

    public var total: Int { counts.reduce(0, +) }

    /// Adds another set of counts to these.
    public mutating func add(_ other: RejectCounts) {
        for i in counts.indices { counts[i] += other.counts[i] }
    }

    /// `invalid_json 2, bad_timestamp 3`: the non-zero reasons in check order.
    public var description: String {
        RejectReason.allCases.compactMap { reason in
            self[reason] == 0 ? nil : "\(reason.name) \(self[reason])"
        }.joined(separator: ", ")
    }
}
