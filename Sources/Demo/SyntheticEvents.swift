#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// The pieces synthetic events are made of, shared by `EventGenerator` (a span of past time at
/// once) and `DemoFeed` (live, at a rate): tenant names and their Zipf-like volumes, the seed's
/// 60/32/8 click/view/error mix plus rarer types, per-tenant session slots, and the NDJSON
/// text of one event.
struct SyntheticEvents {
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

    /// The name of tenant `i`: the stems, then `acme-2`, `globex-2`, …
    static func tenantName(_ i: Int) -> String {
        let stem = tenantStems[i % tenantStems.count]
        return i < tenantStems.count ? stem : "\(stem)-\(i / tenantStems.count + 1)"
    }

    /// Zipf-like volumes: the largest tenant sends ~count^1.1 times what the smallest does.
    static func tenantWeights(count: Int) -> [Double] {
        (0..<count).map { 1 / pow(Double($0 + 1), 1.1) }
    }

    var rng: SplitMix64
    let tenantNames: [[UInt8]]
    let tenantWeights: [Double]
    private var sessions: [[Session]]
    /// The NDJSON text appended so far; the owner hands it out and empties it.
    var out: [UInt8] = []

    private struct Session {
        var id: UInt64
        var remaining: Int
        var lastSecond: Int64
    }

    /// `tenants` tenants (at least one); `eventsPerMinute` sizes each tenant's open session
    /// slots so that a session of ~14 events spans minutes.
    init(tenants: Int, eventsPerMinute: Double, rng: SplitMix64) {
        self.rng = rng
        let count = max(1, tenants)
        tenantNames = (0..<count).map { Array(Self.tenantName($0).utf8) }
        tenantWeights = Self.tenantWeights(count: count)
        let total = tenantWeights.reduce(0, +)
        sessions = tenantWeights.map { w in
            let wanted = eventsPerMinute * w / total * 4 / 14
            let slots = wanted.isFinite ? Int(min(400, max(1, wanted))) : 1
            return [Session](repeating: Session(id: 0, remaining: 0, lastSecond: 0), count: slots)
        }
    }

    /// An index into `cumulative` (ascending partial sums ending at `total`), drawn by weight.
    @inline(__always)
    mutating func pick(_ cumulative: [Double], _ total: Double) -> Int {
        let x = rng.unit() * total
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > x { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// A type index: `errorShare` of errors when given, the base mix otherwise (and for the rest).
    mutating func pickType(errorShare: Double?) -> Int {
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

    /// Appends one event line to `out`.
    mutating func appendEvent(ts: Int64, tenant: Int, errorShare: Double?) {
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
        // A field eventtop does not read, as real events carry: the user behind the session.
        out.append(contentsOf: #"","user_id":"u"#.utf8)
        appendDecimal(Int(sessionID % 1_000_003))
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
