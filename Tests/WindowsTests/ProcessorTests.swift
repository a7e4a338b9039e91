import EventModel
import TestSupport
import Testing
@testable import Windows

/// The rows a brute-force reading of DESIGN §3 gives, for the event clock.
func referenceRows(_ events: [(String, String, Int64)], lookback: Int64, start: (Int64) -> Int64, size: Int64)
    -> (rows: [WindowRow], late: Int)
{
    var end: Int64?
    var kept: [(String, String, Int64)] = []
    var late = 0
    for event in events {
        let s = event.2 / 1_000_000_000
        if let e = end, s < e - lookback { late += 1; continue }
        end = max(end ?? s + 1, s + 1)
        kept.append(event)
    }
    guard let e = end else { return ([], late) }
    let lo = start(e), hi = lo + size
    var groups: [String: WindowRow] = [:]
    for (tenant, type, ts) in kept where ts / 1_000_000_000 >= lo && ts / 1_000_000_000 < hi {
        let key = tenant + "\u{0}" + type
        var row = groups[key] ?? WindowRow(tenant: tenant, eventType: type, windowStart: lo, windowEnd: hi,
                                           occurrences: 0, lastEventTs: .min)
        row.occurrences += 1
        row.lastEventTs = max(row.lastEventTs, ts)
        groups[key] = row
    }
    return (MetricsSnapshot.sorted(Array(groups.values)), late)
}

@Suite struct ProcessorTests {
    let second: Int64 = 1_000_000_000
    let base: Int64 = 1_795_707_000

    @Test func rollingWindowsOfEveryPreset() {
        var p = StreamProcessor(config: ProcessorConfig())
        let events: [(String, String, Int64)] = [
            ("a", "click", (base - 4000) * second),  // the first event: in no window at the end
            ("a", "click", (base - 100) * second + 5),
            ("a", "view", (base - 20) * second),
            ("b", "error", (base - 5) * second + 7),
            ("a", "click", base * second + 999_999_999),
        ]
        feed(&p, events)
        let snap = p.snapshot()
        #expect(snap.streamEnd == base + 1)
        for window in ProcessorConfig.defaultPresets {
            let expected = referenceRows(events, lookback: 3600, start: { $0 - window }, size: window).rows
            #expect(snap.rollingRows(window: window) == expected, "window \(window)")
        }
        #expect(snap.rollingRows(window: 10).map(\.occurrences) == [1, 1])
        #expect(snap.rollingRows(window: 3600).first?.occurrences == 2)
        #expect(snap.rollingRows(window: 3600).first?.lastEventTs == base * second + 999_999_999)
    }

    @Test func lateEventsAreCountedNotShown() {
        var p = StreamProcessor(config: ProcessorConfig())
        // E = base + 1: the 1 h window is [base − 3599, base + 1).
        feed(&p, [("a", "x", base * second), ("a", "x", (base - 3600) * second), ("a", "x", (base - 3599) * second)])
        let snap = p.snapshot()
        #expect(p.late == 1)
        #expect(p.accepted == 3)
        #expect(snap.rollingRows(window: 3600).first?.occurrences == 2)
    }

    @Test func randomStreamsMatchTheReference() {
        var rng = SplitMix64(seed: 42)
        for round in 0..<40 {
            var config = ProcessorConfig()
            config.maxHop = 3600
            var p = StreamProcessor(config: config)
            var events: [(String, String, Int64)] = []
            var t = base * second
            for _ in 0..<(200 + rng.below(2000)) {
                // Mostly forward, sometimes back a little, now and then far back (late).
                switch rng.below(20) {
                case 0: t -= Int64(rng.below(4000)) * second
                case 1, 2: t -= Int64(rng.below(30)) * second
                default: t += Int64(rng.below(Int(round % 5 == 0 ? 20 : 3))) * second + Int64(rng.below(1_000_000_000))
                }
                t = max(t, second)
                events.append(("t\(rng.below(4))", ["click", "view", "error"][rng.below(3)], t))
            }
            feed(&p, events)
            let hops: [HoppingSpec] = [.init(size: 60, hop: 10), .init(size: 300, hop: 300), .init(size: 3600, hop: 600)]
            for window in ProcessorConfig.defaultPresets {
                let expected = referenceRows(events, lookback: 3600, start: { $0 - window }, size: window)
                #expect(p.snapshot().rollingRows(window: window) == expected.rows, "round \(round) window \(window)")
                #expect(p.late == expected.late)
            }
            for hop in hops {
                let expected = referenceRows(events, lookback: 3600,
                                             start: { floorDiv($0 - hop.size, hop.hop) * hop.hop }, size: hop.size)
                #expect(p.snapshot(hopping: hop).hoppingRows() == expected.rows, "round \(round) hop \(hop)")
            }
        }
    }

    @Test func wallClockDecaysAndHoldsFutureEvents() {
        var config = ProcessorConfig()
        config.setClock(.wall, finiteInput: false)
        var p = StreamProcessor(config: config)
        p.setWallClock(second: base)
        feed(&p, [("a", "x", base * second), ("a", "x", (base + 30) * second), ("a", "x", (base + 301) * second)])
        #expect(p.future == 1)
        #expect(p.snapshot().rollingRows(window: 10).map(\.occurrences) == [1])
        p.setWallClock(second: base + 31)
        // The event at base+30 has entered the windows; the one at base has left the 10 s one.
        #expect(p.snapshot().rollingRows(window: 10).map(\.occurrences) == [1])
        #expect(p.snapshot().rollingRows(window: 60).map(\.occurrences) == [2])
        p.setWallClock(second: base + 100)
        #expect(p.snapshot().rollingRows(window: 60).isEmpty)
        #expect(p.snapshot().rollingRows(window: 300).map(\.occurrences) == [2])
        p.setWallClock(second: base + 100_000)
        #expect(p.snapshot().rollingRows(window: 3600).isEmpty)
    }

    @Test func autoClockOnLiveInputsTakesTheLaterOfBoth() {
        var config = ProcessorConfig()
        config.setClock(.auto, finiteInput: false)
        var p = StreamProcessor(config: config)
        p.setWallClock(second: base)
        feed(&p, [("a", "x", (base + 100) * second)])
        #expect(p.streamEnd == base + 101)
        p.setWallClock(second: base + 200)
        #expect(p.streamEnd == base + 201)
    }

    @Test func tenantsBeyondTheLimitAreFolded() {
        var config = ProcessorConfig()
        config.maxTenants = 2
        var p = StreamProcessor(config: config)
        feed(&p, [("a", "x", base * second), ("b", "x", base * second), ("c", "x", base * second),
                  ("d", "x", base * second), ("a", "x", base * second)])
        let rows = p.snapshot().rollingRows(window: 60)
        #expect(rows.map(\.tenant) == ["(other)", "a", "b"])
        #expect(rows.map(\.occurrences) == [2, 2, 1])
        #expect(p.foldedTenants.events == 2 && p.foldedTenants.names == 2)
    }

    @Test func typesBeyondTheLimitAreFoldedAndCounted() {
        var config = ProcessorConfig()
        config.maxTypes = 2
        var p = StreamProcessor(config: config)
        feed(&p, [("a", "click", base * second), ("a", "view", base * second), ("a", "t3", base * second),
                  ("b", "t4", base * second), ("b", "t3", base * second), ("b", "click", base * second)])
        let rows = p.snapshot().rollingRows(window: 60)
        #expect(rows.map { "\($0.tenant)/\($0.eventType)/\($0.occurrences)" }
            == ["a/(other)/1", "a/click/1", "a/view/1", "b/(other)/2", "b/click/1"])
        let folding = p.snapshot().stats.folding
        #expect(folding.typeEvents == 3 && folding.types == 2 && folding.maxTypes == 2)
        #expect(folding.tenantEvents == 0)
    }

    @Test func memoryIsBoundedByKeysAndWindowNotByRate() {
        var p = StreamProcessor(config: ProcessorConfig())
        // 200 000 events over 2 hours for 10 keys: the ring keeps at most keys × ring seconds.
        var events: [(String, String, Int64)] = []
        for i in 0..<200_000 { events.append(("t\(i % 5)", i % 2 == 0 ? "a" : "b", base * second + Int64(i) * 36_000_000)) }
        feed(&p, events)
        let stats = p.snapshot().stats
        #expect(stats.keys == 10)
        #expect(stats.bucketEntries <= 10 * ProcessorConfig().ringSeconds)
    }
}
