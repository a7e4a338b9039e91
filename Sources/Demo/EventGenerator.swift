#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

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

        public init(start: Int64, events: Int = 1_000_000, tenants: Int = 50, days: Int = 1, seed: UInt64 = 1) {
            self.start = start
            self.events = events
            self.tenants = tenants
            self.days = days
            self.seed = seed
        }
    }

    public let settings: Settings
    private var synth: SyntheticEvents
    private var tenantWeights: [Double] { synth.tenantWeights }

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
        let perMinute = Double(settings.events) / Double(max(1, settings.days) * 1440)
        synth = SyntheticEvents(tenants: settings.tenants, eventsPerMinute: perMinute,
                                rng: SplitMix64(seed: settings.seed &* 0x2545_F491_4F6C_DD1D &+ 1))
    }

    /// Generates every event, handing out NDJSON text in chunks of about `chunkBytes`, until
    /// `write` returns false (the reader went away) or throws.
    public mutating func run(chunkBytes: Int = 1 << 20, write: ([UInt8]) throws(DataError) -> Bool) throws(DataError) {
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
        synth.out.reserveCapacity(chunkBytes + 4096)
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
            for _ in 0..<count { offsets.append(Int64(synth.rng.below(60_000))) }
            offsets.sort()
            let minuteNanos = (startMinute + Int64(m)) * 60 * Timestamp.nanosPerSecond
            for offset in offsets {
                let tenant = synth.pick(cumulativeWeights, sum)
                let errorShare = active.first { $0.tenant == tenant && $0.errorShare > 0 }?.errorShare
                synth.appendEvent(ts: minuteNanos + offset * 1_000_000, tenant: tenant, errorShare: errorShare)
                if synth.out.count >= chunkBytes {
                    guard try write(synth.out) else { return }
                    synth.out.removeAll(keepingCapacity: true)
                }
            }
        }
        if !synth.out.isEmpty { _ = try write(synth.out) }
        synth.out.removeAll()
    }

    private mutating func makeIncidents(minutes: Int) -> [Incident] {
        var incidents = [Incident]()
        let days = max(1, settings.days)
        for _ in 0..<(3 * days) {  // bursts: a tenant sends 4–10× its volume for 2–10 minutes
            let from = synth.rng.below(minutes)
            incidents.append(Incident(tenant: synth.rng.below(tenantWeights.count), from: from,
                                      to: min(minutes, from + 2 + synth.rng.below(9)), volume: 4 + synth.rng.unit() * 6,
                                      errorShare: 0))
        }
        for _ in 0..<(2 * days) {  // error spikes: 30–60 % errors on one tenant for 5–20 minutes
            let from = synth.rng.below(minutes)
            incidents.append(Incident(tenant: synth.rng.below(min(10, tenantWeights.count)), from: from,
                                      to: min(minutes, from + 5 + synth.rng.below(16)), volume: 1.5,
                                      errorShare: 0.3 + synth.rng.unit() * 0.3))
        }
        return incidents
    }
}
