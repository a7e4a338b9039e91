import EventModel

/// When the live demo's tenants misbehave, in seconds since the feed started: **bursts** (a
/// tenant sends 5–10× its volume for 10–30 s, one starting every 20–70 s) and **error
/// incidents** (one of the larger tenants has 40–70 % errors for 20–60 s, the first within
/// 40–90 s, then one every 2–5 minutes). Each kind comes from its own seeded stream, so the
/// schedule is the same for a seed however fast events are drawn.
struct DemoSchedule {
    struct Burst: Equatable {
        var tenant: Int
        var start: Double
        var end: Double
        /// Volume multiplier, 5–10.
        var factor: Double
    }

    struct ErrorIncident: Equatable {
        var tenant: Int
        var start: Double
        var end: Double
        /// Share of the tenant's events that are errors, 0.4–0.7.
        var errorShare: Double
    }

    /// The tenants error incidents pick from: the largest ones, whose rows the dashboard shows.
    static let incidentTenants = 8

    let tenants: Int
    private var burstRng: SplitMix64
    private var incidentRng: SplitMix64
    private var nextBurst: Burst
    private var nextIncident: ErrorIncident
    /// Bursts and incidents under way at the time last given to `advance`.
    private(set) var bursts: [Burst] = []
    private(set) var incidents: [ErrorIncident] = []

    init(tenants: Int, seed: UInt64) {
        self.tenants = max(1, tenants)
        burstRng = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 0xB0B5)
        incidentRng = SplitMix64(seed: seed &* 0xD1B5_4A32_D192_ED03 &+ 0xE44)
        nextBurst = Burst(tenant: 0, start: 0, end: 0, factor: 1)
        nextIncident = ErrorIncident(tenant: 0, start: 0, end: 0, errorShare: 0)
        nextBurst = makeBurst(after: -5)  // the first one 15–65 s in
        nextIncident = makeIncident(startingAt: 40 + incidentRng.unit() * 50)
    }

    private mutating func makeBurst(after previousStart: Double) -> Burst {
        let start = previousStart + 20 + burstRng.unit() * 50
        return Burst(tenant: burstRng.below(tenants), start: start, end: start + 10 + burstRng.unit() * 20,
                     factor: 5 + burstRng.unit() * 5)
    }

    private mutating func makeIncident(startingAt start: Double) -> ErrorIncident {
        ErrorIncident(tenant: incidentRng.below(min(Self.incidentTenants, tenants)), start: start,
                      end: start + 20 + incidentRng.unit() * 40, errorShare: 0.4 + incidentRng.unit() * 0.3)
    }

    /// Moves to `elapsed` seconds; true when the bursts or incidents under way changed.
    mutating func advance(to elapsed: Double) -> Bool {
        var changed = false
        let before = (bursts.count, incidents.count)
        bursts.removeAll { $0.end <= elapsed }
        incidents.removeAll { $0.end <= elapsed }
        if (bursts.count, incidents.count) != before { changed = true }
        while nextBurst.start <= elapsed {
            if nextBurst.end > elapsed { bursts.append(nextBurst); changed = true }
            nextBurst = makeBurst(after: nextBurst.start)
        }
        while nextIncident.start <= elapsed {
            if nextIncident.end > elapsed { incidents.append(nextIncident); changed = true }
            nextIncident = makeIncident(startingAt: nextIncident.start + 120 + incidentRng.unit() * 180)
        }
        return changed
    }

    /// Each tenant's volume multiplier now (bursts on one tenant multiply).
    func volumeFactors() -> [Double] {
        var factors = [Double](repeating: 1, count: tenants)
        for burst in bursts where burst.tenant < tenants { factors[burst.tenant] *= burst.factor }
        return factors
    }

    /// Each tenant's error share now, nil for the usual mix (the largest incident wins).
    func errorShares() -> [Double?] {
        var shares = [Double?](repeating: nil, count: tenants)
        for incident in incidents where incident.tenant < tenants {
            shares[incident.tenant] = max(shares[incident.tenant] ?? 0, incident.errorShare)
        }
        return shares
    }
}
