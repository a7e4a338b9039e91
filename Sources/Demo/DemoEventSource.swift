import EventModel

/// The live demo's events, drawn a stretch of time at a time: the base rate split over the
/// tenants by their Zipf-like volumes, raised by bursts, with error incidents — NDJSON text
/// stamped with the wall-clock instants it is given. No threads or clocks of its own:
/// `DemoFeed` drives it; tests drive it directly.
struct DemoEventSource {
    /// Events a second without bursts.
    let rate: Double
    var synth: SyntheticEvents
    var schedule: DemoSchedule
    /// Cumulative effective weights of the tenants (volume × burst factor) and their sum.
    private var cumulative: [Double] = []
    private var weightSum = 0.0
    private var baseWeightSum = 0.0
    private var errorShares: [Double?] = []
    /// Events owed to the rate but not yet drawn (a fraction of one, or a backlog).
    private var owed = 0.0

    init(rate: Double, tenants: Int, seed: UInt64) {
        self.rate = rate
        synth = SyntheticEvents(tenants: tenants, eventsPerMinute: rate * 60,
                                rng: SplitMix64(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 7))
        schedule = DemoSchedule(tenants: synth.tenantNames.count, seed: seed)
        baseWeightSum = synth.tenantWeights.reduce(0, +)
        refreshWeights()
    }

    private mutating func refreshWeights() {
        let factors = schedule.volumeFactors()
        cumulative.removeAll(keepingCapacity: true)
        var sum = 0.0
        for (t, w) in synth.tenantWeights.enumerated() {
            sum += w * factors[t]
            cumulative.append(sum)
        }
        weightSum = sum
        errorShares = schedule.errorShares()
    }

    /// Events a second now: the base rate plus what bursts add.
    var currentRate: Double { baseWeightSum > 0 ? rate * weightSum / baseWeightSum : 0 }

    /// Draws the events due between the previous call and `elapsed` seconds since the start
    /// (at most `maxBacklog` seconds' worth: older ones are given up and counted), stamped
    /// evenly over the wall-clock nanoseconds (`fromWall`, `toWall`], into `synth.out`.
    /// Returns how many were drawn and how many given up.
    mutating func draw(elapsed: Double, seconds: Double, fromWall: Int64, toWall: Int64, maxBacklog: Double = 0.25)
        -> (drawn: Int, skipped: Int)
    {
        if schedule.advance(to: elapsed) { refreshWeights() }
        let perSecond = currentRate
        owed += perSecond * max(0, seconds)
        if !owed.isFinite { owed = 0 }
        var skipped = 0
        let cap = perSecond * maxBacklog + 1
        if owed > cap {
            skipped = Int(owed - cap)
            owed -= Double(skipped)
        }
        let count = Int(owed)
        owed -= Double(count)
        guard count > 0 else { return (0, skipped) }
        let span = max(0, toWall - fromWall)
        for i in 0..<count {
            let ts = fromWall + Int64((Double(span) * Double(i + 1) / Double(count)).rounded(.down))
            let tenant = synth.pick(cumulative, weightSum)
            synth.appendEvent(ts: ts, tenant: tenant, errorShare: errorShares[tenant])
        }
        return (count, skipped)
    }
}
