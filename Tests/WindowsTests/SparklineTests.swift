import EventModel
import TestSupport
import Testing
@testable import Windows

/// Per tenant, the events of each second E − 60 … E − 1 by brute force over the events that
/// were not late when they came (event clock), counting only seconds ≥ E − lookback.
func referenceSparklines(_ events: [(String, String, Int64)], lookback: Int64, seconds: Int = 60)
    -> (end: Int64, perTenant: [String: [UInt32]], totals: [UInt32])?
{
    var end: Int64?
    var kept: [(String, Int64)] = []
    for (tenant, _, ts) in events {
        let s = floorDiv(ts, 1_000_000_000)
        if let e = end, s < e - lookback { continue }
        end = max(end ?? s + 1, s + 1)
        kept.append((tenant, s))
    }
    guard let e = end else { return nil }
    let start = e - Int64(seconds)
    var perTenant: [String: [UInt32]] = [:]
    var totals = [UInt32](repeating: 0, count: seconds)
    for (tenant, s) in kept {
        if perTenant[tenant] == nil { perTenant[tenant] = [UInt32](repeating: 0, count: seconds) }
        guard s >= start, s < e, s >= e - lookback else { continue }
        perTenant[tenant]![Int(s - start)] += 1
        totals[Int(s - start)] += 1
    }
    return (e, perTenant, totals)
}

@Suite struct SparklineTests {
    let second: Int64 = 1_000_000_000
    let base: Int64 = 1_795_707_000

    @Test func randomOutOfOrderStreamsMatchBruteForce() {
        var rng = SplitMix64(seed: 7)
        for round in 0..<60 {
            let presets: [Int64] = [[10, 30, 60, 300], [10], [30, 45], ProcessorConfig.defaultPresets][round % 4]
            var p = StreamProcessor(config: ProcessorConfig(presets: presets))
            var events: [(String, String, Int64)] = []
            var t = base * second
            for _ in 0..<(100 + rng.below(3000)) {
                // Mostly forward, often back a little, now and then far back (late).
                switch rng.below(20) {
                case 0: t -= Int64(rng.below(400)) * second
                case 1, 2, 3: t -= Int64(rng.below(70)) * second
                default: t += Int64(rng.below(round % 3 == 0 ? 8 : 2)) * second + Int64(rng.below(1_000_000_000))
                }
                t = max(t, second)
                events.append(("t\(rng.below(1 + round % 9))", ["click", "view", "error"][rng.below(3)], t))
            }
            feed(&p, events)
            let snap = p.snapshot()
            let expected = referenceSparklines(events, lookback: p.config.lookback)!
            #expect(snap.streamEnd == expected.end)
            #expect(snap.sparklines.start == expected.end - 60)
            #expect(snap.sparklines.tenantCount == snap.tenantNames.count)
            #expect(snap.totalSeries == expected.totals, "round \(round)")
            for (index, name) in snap.tenantNames.enumerated() {
                #expect(Array(snap.series(ofTenant: index)) == expected.perTenant[name], "round \(round) tenant \(name)")
            }
            #expect(snap.tenantNames.count == expected.perTenant.count)
        }
    }

    @Test func seriesFollowTheWallClockAndLeaveFutureSecondsOut() {
        var config = ProcessorConfig()
        config.setClock(.wall, finiteInput: false)
        var p = StreamProcessor(config: config)
        p.setWallClock(second: base)
        feed(&p, [("a", "x", base * second), ("a", "y", base * second + 5), ("b", "x", (base - 59) * second),
                  ("b", "x", (base - 60) * second), ("a", "x", (base + 30) * second)])
        var snap = p.snapshot()
        // E = base + 1: seconds base − 59 … base.
        #expect(snap.sparklines.start == base - 59)
        #expect(snap.series(ofTenant: 0).last == 2)
        #expect(snap.series(ofTenant: 1).first == 1)
        #expect(snap.series(ofTenant: 1).reduce(0, +) == 1)
        #expect(snap.totalSeries.reduce(0, +) == 3, "the event 30 s ahead is not shown yet")
        p.setWallClock(second: base + 31)
        snap = p.snapshot()
        // E = base + 32: seconds base − 28 … base + 31.
        #expect(Array(snap.series(ofTenant: 0).suffix(32)) == [2] + [UInt32](repeating: 0, count: 29) + [1, 0])
        #expect(snap.series(ofTenant: 1).reduce(0, +) == 0)
        p.setWallClock(second: base + 1000)
        #expect(p.snapshot().totalSeries == [UInt32](repeating: 0, count: 60))
    }

    @Test func foldedTenantsHaveTheirOwnSeries() {
        var config = ProcessorConfig()
        config.maxTenants = 2
        var p = StreamProcessor(config: config)
        feed(&p, [("a", "x", base * second), ("b", "x", base * second), ("c", "x", base * second),
                  ("d", "x", (base - 1) * second)])
        let snap = p.snapshot()
        let other = snap.tenantNames.firstIndex(of: StreamProcessor.otherName)!
        #expect(Array(snap.series(ofTenant: other).suffix(2)) == [1, 1])
        #expect(snap.totalSeries.suffix(2) == [1, 3])
    }

    @Test func outOfRangeTenantsAndEmptySnapshotsGiveEmptySeries() {
        var p = StreamProcessor(config: ProcessorConfig())
        #expect(p.snapshot().series(ofTenant: 0).isEmpty)
        #expect(p.snapshot().totalSeries.isEmpty)
        feed(&p, [("a", "x", base * second)])
        let snap = p.snapshot()
        #expect(snap.series(ofTenant: 0).count == 60)
        #expect(snap.series(ofTenant: -1).isEmpty)
        #expect(snap.series(ofTenant: 1).isEmpty)
        #expect(snap.series(ofTenant: .max).isEmpty)
        #expect(TenantSparklines(start: 0, seconds: 60, tenantCount: 3, counts: [1], totals: []).series(ofTenant: 2)
            .isEmpty)
    }
}

/// The tenant view's detail, kept between snapshots and recounted only at its end, equals a
/// whole recount second by second while stream time moves, events arrive late, and the
/// tenant changes.
@Suite struct TenantDetailTests {
    @Test func keptDetailEqualsAWholeRecount() {
        var p = StreamProcessor(config: ProcessorConfig())
        var rng = SplitMix64(seed: 7)
        let t0: Int64 = 1_795_694_400
        for step in 0..<120 {
            let second = t0 + Int64(step)
            var events: [(String, String, Int64)] = []
            for _ in 0..<50 {
                let tenant = ["acme", "globex"][Int(rng.next() % 2)]
                let type = rng.next() % 5 == 0 ? "error" : "click"
                // Mostly now; some a few seconds late; now and then a minute late.
                let lag: Int64 = rng.next() % 10 == 0 ? Int64(rng.next() % 12) : (rng.next() % 40 == 0 ? 60 : 0)
                events.append((tenant, type, (second - lag) * 1_000_000_000 + Int64(rng.next() % 1_000_000_000)))
            }
            feed(&p, events)
            let name = step < 80 ? "acme" : "globex"
            let kept = p.detail(of: name)
            let counted: TenantDetail? = {
                var copy = p
                copy.detailCache = DetailCache()
                return copy.detail(of: name)
            }()
            // Late events further back than the recount show within the whole pass's interval.
            if step % Int(DetailCache.fullEvery) == 0 { #expect(kept == counted, "step \(step)") }
            #expect(kept?.events.suffix(Int(DetailCache.recount)) == counted?.events.suffix(Int(DetailCache.recount)))
        }
    }
}
