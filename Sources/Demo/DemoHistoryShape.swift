#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventModel

/// The demo's past: the `fact_events_daily` rows of one day, synthesized directly (no raw
/// events) yet keeping the rollup's invariants — error_events is total_events on `error`
/// rows and 0 elsewhere; 1 ≤ unique_sessions ≤ total_events; a session's mean duration
/// within one day. Every number is a function of (seed, day, tenant) and of `origin`, the
/// first day of the history, so any day can be written on its own, in any run, and comes
/// out the same: gaps filled later agree with their neighbours.
///
/// Shape: tenants of Zipf-like volumes (as in the live feed) around `dailyEvents` in all;
/// a weekday/weekend rhythm, deeper for some tenants than others; slow growth (or decline)
/// per tenant; ±10 % day-to-day noise; error shares of 5–11 % per tenant; now and then an
/// incident day when one of the larger tenants has 15–45 % errors; and one tenant that
/// only starts halfway through, ramping up over two weeks.
struct DemoHistoryShape {
    let tenants: Int
    let seed: UInt64
    /// The first day of the history (days since 1970-01-01): growth and the late starter
    /// count from it.
    let origin: Int64
    /// Days from `origin` to the late starter's first day.
    let lateStartOffset: Int64
    /// Events a day over all tenants, before rhythm, growth and noise.
    let dailyEvents: Double
    private let weights: [Double]
    private let weightSum: Double

    /// The tenant that starts late: a mid-sized one (none with a single tenant).
    var lateTenant: Int? { tenants > 1 ? min(5, tenants - 1) : nil }

    init(tenants: Int, seed: UInt64, origin: Int64, lateStartOffset: Int64, dailyEvents: Double) {
        self.tenants = max(1, tenants)
        self.seed = seed
        self.origin = origin
        self.lateStartOffset = lateStartOffset
        self.dailyEvents = dailyEvents.isFinite ? max(0, dailyEvents) : 0
        weights = SyntheticEvents.tenantWeights(count: self.tenants)
        weightSum = weights.reduce(0, +)
    }

    /// A uniform number in [0, 1) fixed by the seed and the parts.
    private func unit(_ parts: [UInt64]) -> Double {
        var state = seed ^ 0x6A09_E667_F3BC_C908
        for part in parts {
            var rng = SplitMix64(seed: state ^ part)
            state = rng.next()
        }
        return Double(state >> 11) * 0x1p-53
    }

    private func noise(_ parts: UInt64...) -> Double { unit(parts) }

    private func between(_ low: Double, _ high: Double, _ parts: UInt64...) -> Double { low + (high - low) * unit(parts) }


    /// Whether `day` is an incident day, and for which tenant at what error share.
    func incident(on day: Int64) -> (tenant: Int, errorShare: Double)? {
        let d = UInt64(bitPattern: day)
        guard noise(1, d) < 0.05 else { return nil }
        return (Int(noise(2, d) * Double(min(8, tenants))), between(0.15, 0.45, 3, d))
    }

    /// Events of a tenant on a day, all types.
    func volume(tenant t: Int, day: Int64) -> Double {
        let d = UInt64(bitPattern: day), tt = UInt64(t)
        var v = dailyEvents * weights[t] / weightSum
        let weekday = CivilDate(daysSinceEpoch: day).weekday
        let weekendDepth = between(0.4, 0.85, 10, tt)
        v *= [1.0, 1.05, 1.06, 1.02, 0.95, weekendDepth, weekendDepth * 0.9][weekday]
        let growth = between(-0.001, 0.008, 11, tt)
        v *= exp(min(3, max(-3, growth * Double(day - origin))))
        v *= between(0.9, 1.1, 12, tt, d)
        if t == lateTenant {
            let since = day - (origin + lateStartOffset)
            guard since >= 0 else { return 0 }
            v *= min(1, 0.15 + Double(since) / 14)
        }
        if let incident = incident(on: day), incident.tenant == t { v *= 1.15 }
        return v
    }

    /// The rows of one day, sorted by tenant then type (UTF-8 bytes), as the rollup hands
    /// them out.
    func rows(day: Int64) -> [DailyRow] {
        let d = UInt64(bitPattern: day)
        let types = SyntheticEvents.types
        let incident = incident(on: day)
        var rows: [DailyRow] = []
        for t in 0..<tenants {
            let tt = UInt64(t)
            let total = volume(tenant: t, day: day)
            guard total >= 1 else { continue }
            var errorShare = between(0.05, 0.11, 20, tt) * between(0.85, 1.15, 21, tt, d)
            if let incident, incident.tenant == t { errorShare = incident.errorShare }
            // Events a session, and the mean session's length in seconds, that day.
            let perSession = between(8, 20, 22, tt)
            let sessions = max(1, total / perSession)
            let duration = between(90, 600, 23, tt) * between(0.85, 1.15, 24, tt, d)
            let otherShare = types.enumerated().reduce(0.0) { $0 + ($1.offset == SyntheticEvents.errorType ? 0 : $1.element.share) }
            let name = SyntheticEvents.tenantName(t)
            for (i, type) in types.enumerated() {
                let share = i == SyntheticEvents.errorType ? errorShare : type.share / otherShare * (1 - errorShare)
                let count = Int64((total * share).rounded())
                guard count > 0 else { continue }
                // Sessions with at least one event of this type: 1 − (1 − share)^events.
                let reach = 1 - pow(1 - share, perSession)
                let unique = min(count, max(1, Int64((sessions * reach).rounded())))
                // Sessions with a rare type tend to be the longer ones.
                let stretch = 1 + 0.6 * (1 - reach) * between(0.8, 1.2, 25, tt, d, UInt64(i))
                rows.append(DailyRow(tenant: name, eventType: type.name, totalEvents: count,
                                     errorEvents: i == SyntheticEvents.errorType ? count : 0,
                                     uniqueSessions: unique, avgSessionDuration: min(86_399, duration * stretch)))
            }
        }
        return DailyRow.sorted(rows)
    }
}
