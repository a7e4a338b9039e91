/// The name of the row that tenants and event types beyond their limits are folded into.
public enum Folded {
    public static let name = "(other)"
}

/// Counters of an ingest run, for the summary line and the status bar: filled by the
/// processor (accepted, late, future, folded, sizes), the engine (lines, bytes, rejects) and
/// the live rollup (history).
public struct IngestStats: Sendable, Equatable {
    public var accepted = 0
    public var rejected = RejectCounts()
    public var late = 0
    public var future = 0
    /// What was folded into `(other)`, and the limits it was folded beyond.
    public struct Folding: Sendable, Equatable {
        public var tenantEvents = 0
        /// Distinct tenants folded.
        public var tenants = 0
        public var maxTenants = 0
        public var typeEvents = 0
        /// Distinct event types folded.
        public var types = 0
        public var maxTypes = 0

        public init(tenantEvents: Int = 0, tenants: Int = 0, maxTenants: Int = 0, typeEvents: Int = 0, types: Int = 0,
                    maxTypes: Int = 0)
        {
            self.tenantEvents = tenantEvents
            self.tenants = tenants
            self.maxTenants = maxTenants
            self.typeEvents = typeEvents
            self.types = types
            self.maxTypes = maxTypes
        }

        /// Events folded, tenants and types together.
        public var events: Int { tenantEvents + typeEvents }
    }
    public var folding = Folding()
    public var lines = 0
    public var bytes: Int64 = 0
    public var tenants = 0
    public var eventTypes = 0
    public var keys = 0
    public var bucketEntries = 0
    public var maxTs: Int64?
    /// Numeric timestamps read under `--ts-unit auto`, by the unit taken (`EpochUnit` order).
    public var autoUnits = [Int](repeating: 0, count: EpochUnit.allCases.count)
    /// The live daily rollup, with `live --history`.
    public struct History: Sendable, Equatable {
        public var dropped: Int
        /// Days that reached the disk.
        public var daysWritten: Int
        public var openDays: Int
        public var heldEntries: Int
        /// Closed days that could not be written yet (kept and retried), and why.
        public var unwrittenDays: Int
        public var lastError: String?
        /// Why the last checkpoint could not be saved, while it could not.
        public var checkpointError: String?

        public init(dropped: Int, daysWritten: Int, openDays: Int, heldEntries: Int, unwrittenDays: Int = 0,
                    lastError: String?, checkpointError: String? = nil)
        {
            self.dropped = dropped
            self.daysWritten = daysWritten
            self.openDays = openDays
            self.heldEntries = heldEntries
            self.unwrittenDays = unwrittenDays
            self.lastError = lastError
            self.checkpointError = checkpointError
        }
    }
    public var history: History?
    /// What the source says of itself (a Kafka input's lag and broker warning), if anything.
    public var input: InputStatus?
    /// Line number and reason of the most recent rejected line.
    public var lastReject: (line: Int, reason: RejectReason)? {
        get { lastRejectLine.map { ($0, lastRejectReason) } }
        set {
            lastRejectLine = newValue?.line
            lastRejectReason = newValue?.reason ?? .invalidJSON
        }
    }
    private var lastRejectLine: Int?
    private var lastRejectReason = RejectReason.invalidJSON

    public init() {}
}
