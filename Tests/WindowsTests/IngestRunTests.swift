import EventModel
import TestSupport
import Testing
@testable import Windows

/// `ingestRun` takes a batch's common events with the counters reached once; every event it
/// leaves goes through `ingest(pair:ts:event:)`. Together they must give exactly what taking
/// each event alone gives: late and future events, folded tenants and types, new keys mid-run,
/// two decoders' interleaved pair ids, stream time moved inside a run or not, the event clock
/// and the wall clock.
@Suite struct IngestRunTests {
    struct Event {
        var tenant: [UInt8], type: [UInt8], ts: Int64, isError: Bool
    }

    static func events(seed: UInt64, count: Int) -> [Event] {
        var rng = SplitMix64(seed: seed)
        var second: Int64 = 1_795_700_000
        return (0..<count).map { _ in
            switch rng.next() % 100 {
            case 0..<60: break
            case 60..<85: second += 1
            case 85..<92: second += Int64(rng.next() % 20)
            default: break
            }
            // Mostly in order, some a little back, a few far back (late).
            var s = second
            let r = rng.next() % 100
            if r < 15 { s -= Int64(rng.next() % 8) } else if r < 19 { s -= 30 + Int64(rng.next() % 90) }
            let ts = s * 1_000_000_000 + Int64(rng.next() % 1_000_000_000)
            return Event(tenant: Array("t\(rng.next() % 30)".utf8), type: Array("e\(rng.next() % 9)".utf8), ts: ts,
                         isError: rng.next() % 7 == 0)
        }
    }

    static func withRaw<R>(_ e: Event, _ body: (RawEvent) -> R) -> R {
        e.tenant.withUnsafeBufferPointer { t in
            e.type.withUnsafeBufferPointer { y in
                body(RawEvent(tenant: t, eventType: y, session: UnsafeBufferPointer(start: nil, count: 0), ts: e.ts,
                              isError: e.isError))
            }
        }
    }

    static func compare(_ a: StreamProcessor, _ b: StreamProcessor, _ config: ProcessorConfig, _ label: String) {
        let x = a.snapshot(hopping: HoppingSpec(size: 10, hop: 5)), y = b.snapshot(hopping: HoppingSpec(size: 10, hop: 5))
        #expect(x.stats.accepted == y.stats.accepted && x.stats.late == y.stats.late && x.stats.future == y.stats.future, "\(label)")
        #expect(x.stats.folding == y.stats.folding, "\(label)")
        #expect(x.stats.maxTs == y.stats.maxTs, "\(label)")
        for window in config.presets { #expect(x.rollingRows(window: window) == y.rollingRows(window: window), "\(label) \(window)") }
        #expect(x.hoppingRows() == y.hoppingRows(), "\(label)")
    }

    func run(config: ProcessorConfig, wallClock: Bool, seed: UInt64, maxJump: Int64 = 3600) {
        let events = Self.events(seed: seed, count: 30_000)
        var alone = StreamProcessor(config: config)
        var batched = StreamProcessor(config: config)
        // Each decoder's pair ids, as its interner gives them.
        var pairIDs = [[String: UInt32]](repeating: [:], count: 2)
        var start = 0, batch = 0, runTaken = 0
        var rng = SplitMix64(seed: seed ^ 0xABC)
        while start < events.count {
            let end = min(events.count, start + 1 + Int(rng.next() % (wallClock ? 6 : 300)))
            if wallClock {
                let wall = events[start].ts / 1_000_000_000 + Int64(rng.next() % 6) - 1
                alone.setWallClock(second: wall)
                batched.setWallClock(second: wall)
            }
            let d = batch % 2
            let slice = Array(events[start..<end])
            for e in slice { _ = Self.withRaw(e) { alone.ingest($0) } }
            let ts = slice.map(\.ts)
            let pairs: [UInt32] = slice.map { e in
                let key = "\(e.tenant)|\(e.type)|\(e.isError)"
                if let id = pairIDs[d][key] { return id }
                let id = UInt32(pairIDs[d].count)
                pairIDs[d][key] = id
                return id
            }
            ts.withUnsafeBufferPointer { ts in
                pairs.withUnsafeBufferPointer { pairs in
                    var i = 0
                    while i < ts.count {
                        let next = batched.ingestRun(ts: ts, pairs: pairs, from: i, decoder: d, of: 2, maxJump: maxJump)
                        runTaken += next - i
                        i = next
                        if i == ts.count { break }
                        _ = batched.ingest(pair: Int(pairs[i]) * 2 + d, ts: ts[i]) { Self.withRaw(slice[i]) { $0 } }
                        i += 1
                    }
                }
            }
            start = end
            batch += 1
        }
        Self.compare(alone, batched, config, "seed \(seed), wall clock \(wallClock)")
        // The runs did take most events (the test would hold vacuously otherwise).
        #expect(runTaken > events.count / 2)
    }

    @Test func eventClock() {
        var config = ProcessorConfig(presets: [10, 60])
        config.maxTenants = 20
        config.maxTypes = 6
        for seed in 1...3 as ClosedRange<UInt64> {
            // Stream time moved inside runs, and (a small jump bound) left to the single path.
            run(config: config, wallClock: false, seed: seed)
            run(config: config, wallClock: false, seed: seed, maxJump: 5)
        }
    }

    @Test func wallClock() {
        var config = ProcessorConfig(presets: [5, 30, 60])
        config.usesEventClock = false
        config.usesWallClock = true
        config.maxFutureSkew = 3
        config.maxTenants = 25
        for seed in 4...6 as ClosedRange<UInt64> { run(config: config, wallClock: true, seed: seed) }
    }
}
