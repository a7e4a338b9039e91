#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Deterministic synthetic events (NDJSON): tenants of very different volumes, the seed's
/// 60/32/8 click/view/error mix plus rarer types, sessions of realistic length, a daily
/// rhythm, bursts and error spikes. The same settings and seed give the same bytes.
public struct EventGenerator {
    public struct Settings: Sendable {
        public var events = 1_000_000
        public var tenants = 50
        /// First instant, ns since the epoch.
        public var start: Int64
        public var days = 1
        public var seed: UInt64 = 1

        public init(start: Int64) { self.start = start }
    }

    /// The event types and their base shares (click 60 %, view 32 %, error 8 %, then rarer).
    static let types: [(name: String, share: Double)] = [
        ("click", 0.595), ("view", 0.317), ("error", 0.080), ("purchase", 0.004), ("signup", 0.002),
        ("logout", 0.002),
    ]
    static let errorType = 2
    static let tenantStems = [
        "acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "wonka", "tyrell", "cyberdyne",
        "soylent", "aperture", "oscorp", "vandelay", "pied-piper", "massive-dynamic", "gringotts", "monarch",
        "nakatomi", "dunder-mifflin",
    ]
    static let paths = ["/", "/home", "/search", "/products", "/cart", "/checkout", "/account", "/help", "/blog",
                        "/pricing"]

    public let settings: Settings
    private var rng: SplitMix64
    private let tenantNames: [[UInt8]]
    private let tenantWeights: [Double]
    private var sessions: [[Session]]
    private var out: [UInt8] = []

    private struct Session {
        var id: UInt64
        var remaining: Int
        var lastSecond: Int64
    }

    /// A stretch of minutes where one tenant's volume or error share is raised.
    private struct Incident {
        var tenant: Int
        var from: Int
        var to: Int
        var volume: Double
        var errorShare: Double
    }

    public init(_ settings: Settings) {
        self.settings = settings
        rng = SplitMix64(seed: settings.seed &* 0x2545_F491_4F6C_DD1D &+ 1)
        let count = max(1, settings.tenants)
        tenantNames = (0..<count).map { i in
            let stem = Self.tenantStems[i % Self.tenantStems.count]
            return Array((i < Self.tenantStems.count ? stem : "\(stem)-\(i / Self.tenantStems.count + 1)").utf8)
        }
        // Zipf-like volumes: the largest tenant sends ~count^1.1 times what the smallest does.
        tenantWeights = (0..<count).map { 1 / pow(Double($0 + 1), 1.1) }
        // Open sessions a tenant keeps: enough that a session of ~14 events spans minutes.
        let total = tenantWeights.reduce(0, +)
        let perMinute = Double(settings.events) / Double(max(1, settings.days) * 1440)
        sessions = tenantWeights.map { w in
            let slots = max(1, min(400, Int(perMinute * w / total * 4 / 14)))
            return [Session](repeating: Session(id: 0, remaining: 0, lastSecond: 0), count: slots)
        }
    }

    /// Generates every event, handing out NDJSON text in chunks of about `chunkBytes`.
    public mutating func run(chunkBytes: Int = 1 << 20, write: ([UInt8]) -> Void) {
        let minutes = max(1, settings.days) * 1440
        let startMinute = floorDiv(settings.start, 60 * Timestamp.nanosPerSecond)
        let incidents = makeIncidents(minutes: minutes)
        // Daily rhythm: quiet at night (UTC), busiest mid-afternoon.
        var weights = [Double](repeating: 0, count: minutes)
        for m in 0..<minutes {
            let minuteOfDay = Double((startMinute + Int64(m)) % 1440)
            let phase = (minuteOfDay / 1440 - 15.0 / 24) * 2 * Double.pi
            weights[m] = 0.35 + 0.65 * (0.5 + 0.5 * cos(phase))
            for incident in incidents where m >= incident.from && m < incident.to {
                weights[m] *= 1 + (incident.volume - 1) * tenantWeights[incident.tenant] / tenantWeights.reduce(0, +)
            }
        }
        let totalWeight = weights.reduce(0, +)
        var emitted = 0
        var cumulative = 0.0
        var offsets: [Int64] = []
        out.reserveCapacity(chunkBytes + 4096)
        for m in 0..<minutes {
            cumulative += weights[m]
            let target = m == minutes - 1 ? settings.events : Int((Double(settings.events) * cumulative / totalWeight).rounded())
            let count = target - emitted
            guard count > 0 else { continue }
            emitted = target
            let active = incidents.filter { m >= $0.from && m < $0.to }
            var cumulativeWeights = [Double]()
            cumulativeWeights.reserveCapacity(tenantWeights.count)
            var sum = 0.0
            for (t, w) in tenantWeights.enumerated() {
                sum += w * (active.first { $0.tenant == t }?.volume ?? 1)
                cumulativeWeights.append(sum)
            }
            offsets.removeAll(keepingCapacity: true)
            for _ in 0..<count { offsets.append(Int64(rng.below(60_000))) }
            offsets.sort()
            let minuteNanos = (startMinute + Int64(m)) * 60 * Timestamp.nanosPerSecond
            for offset in offsets {
                let tenant = pick(cumulativeWeights, sum)
                let errorShare = active.first { $0.tenant == tenant && $0.errorShare > 0 }?.errorShare
                appendEvent(ts: minuteNanos + offset * 1_000_000, tenant: tenant, errorShare: errorShare)
                if out.count >= chunkBytes {
                    write(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        if !out.isEmpty { write(out) }
        out.removeAll()
    }

    private mutating func makeIncidents(minutes: Int) -> [Incident] {
        var incidents = [Incident]()
        let days = max(1, settings.days)
        for _ in 0..<(3 * days) {  // bursts: a tenant sends 4–10× its volume for 2–10 minutes
            let from = rng.below(minutes)
            incidents.append(Incident(tenant: rng.below(tenantWeights.count), from: from,
                                      to: min(minutes, from + 2 + rng.below(9)), volume: 4 + rng.unit() * 6,
                                      errorShare: 0))
        }
        for _ in 0..<(2 * days) {  // error spikes: 30–60 % errors on one tenant for 5–20 minutes
            let from = rng.below(minutes)
            incidents.append(Incident(tenant: rng.below(min(10, tenantWeights.count)), from: from,
                                      to: min(minutes, from + 5 + rng.below(16)), volume: 1.5,
                                      errorShare: 0.3 + rng.unit() * 0.3))
        }
        return incidents
    }

    @inline(__always)
    private mutating func pick(_ cumulative: [Double], _ total: Double) -> Int {
        let x = rng.unit() * total
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    private mutating func pickType(errorShare: Double?) -> Int {
        var x = rng.unit()
        if let errorShare {
            if x < errorShare { return Self.errorType }
            x = (x - errorShare) / (1 - errorShare)
        }
        for (i, type) in Self.types.enumerated() {
            if x < type.share { return i }
            x -= type.share
        }
        return 0
    }

    /// The session an event of this tenant belongs to: one of the tenant's open session slots,
    /// renewed when its session has run its course (1–28 events) or sat idle 30 minutes.
    private mutating func session(tenant: Int, second: Int64) -> UInt64 {
        let i = rng.below(sessions[tenant].count)
        if sessions[tenant][i].remaining <= 0 || second - sessions[tenant][i].lastSecond > 1800 {
            sessions[tenant][i] = Session(id: rng.next(), remaining: 1 + rng.below(28), lastSecond: second)
        }
        sessions[tenant][i].remaining -= 1
        sessions[tenant][i].lastSecond = second
        return sessions[tenant][i].id
    }

    private mutating func appendEvent(ts: Int64, tenant: Int, errorShare: Double?) {
        let type = pickType(errorShare: errorShare)
        let sessionID = session(tenant: tenant, second: ts / Timestamp.nanosPerSecond)
        out.append(contentsOf: #"{"ts":""#.utf8)
        Timestamp.appendNanos(ts, to: &out)
        out.append(contentsOf: #"","tenant_id":""#.utf8)
        out.append(contentsOf: tenantNames[tenant])
        out.append(contentsOf: #"","event_type":""#.utf8)
        out.append(contentsOf: Self.types[type].name.utf8)
        out.append(contentsOf: #"","session_id":""#.utf8)
        appendHex(sessionID)
        out.append(contentsOf: #"","props":{"path":""#.utf8)
        out.append(contentsOf: Self.paths[rng.below(Self.paths.count)].utf8)
        out.append(0x2F)
        appendDecimal(rng.below(10_000))
        out.append(contentsOf: #"","ms":"#.utf8)
        appendDecimal(5 + rng.below(900))
        out.append(contentsOf: rng.below(4) == 0 ? #","tags":["web","eu"],"ref":null}}"#.utf8 : #","tags":["app"]}}"#.utf8)
        out.append(0x0A)
    }

    private mutating func appendHex(_ value: UInt64) {
        let digits = Array("0123456789abcdef".utf8)
        var shift: UInt64 = 60
        while true {
            out.append(digits[Int((value >> shift) & 0xF)])
            if shift == 0 { break }
            shift -= 4
        }
    }

    private mutating func appendDecimal(_ value: Int) {
        if value >= 10 { appendDecimal(value / 10) }
        out.append(UInt8(0x30 + value % 10))
    }
}

