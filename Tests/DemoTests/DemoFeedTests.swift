#if canImport(Glibc)
import Glibc
#endif
@testable import Demo
import EventModel
import Ingest
import Live
import TestSupport
import Testing
import Windows

/// The decoded events of NDJSON text (every line must decode).
func decodeAll(_ bytes: [UInt8]) -> [(tenant: String, type: String, session: String, ts: Int64)] {
    var events: [(tenant: String, type: String, session: String, ts: Int64)] = []
    for line in bytes.split(separator: 0x0A) {
        if let e = decodeBytes(Array(line)).event { events.append(e) }
    }
    return events
}

@Suite struct DemoFeedTests {
    let wall0: Int64 = 1_795_707_000 * 1_000_000_000

    @Test func scheduleIsSeededAndWithinItsRanges() {
        func run(_ seed: UInt64) -> (bursts: [DemoSchedule.Burst], incidents: [DemoSchedule.ErrorIncident]) {
            var schedule = DemoSchedule(tenants: 24, seed: seed)
            var bursts: [DemoSchedule.Burst] = [], incidents: [DemoSchedule.ErrorIncident] = []
            var t = 0.0
            while t < 3600 {
                _ = schedule.advance(to: t)
                for b in schedule.bursts where !bursts.contains(b) { bursts.append(b) }
                for i in schedule.incidents where !incidents.contains(i) { incidents.append(i) }
                t += 0.25
            }
            return (bursts, incidents)
        }
        let (bursts, incidents) = run(3)
        #expect(bursts.count >= 3600 / 70 && bursts.count <= 3600 / 20 + 1)
        #expect(bursts.first!.start >= 15 && bursts.first!.start <= 65)
        for b in bursts {
            #expect(b.factor >= 5 && b.factor <= 10)
            #expect(b.end - b.start >= 10 && b.end - b.start <= 30)
            #expect(b.tenant >= 0 && b.tenant < 24)
        }
        #expect(incidents.first!.start >= 40 && incidents.first!.start <= 90)
        #expect(incidents.count >= 3600 / 300 && incidents.count <= 3600 / 120 + 1)
        for (i, incident) in incidents.enumerated() {
            #expect(incident.errorShare >= 0.4 && incident.errorShare <= 0.7)
            #expect(incident.end - incident.start >= 20 && incident.end - incident.start <= 60)
            #expect(incident.tenant < DemoSchedule.incidentTenants)
            if i > 0 {
                let gap = incident.start - incidents[i - 1].start
                #expect(gap >= 120 && gap <= 300)
            }
        }
        #expect(run(3).bursts == bursts && run(3).incidents == incidents)
        #expect(run(4).bursts != bursts)
        // One tenant only: everything falls on it, nothing out of range.
        var one = DemoSchedule(tenants: 1, seed: 9)
        _ = one.advance(to: 1000)
        #expect(one.volumeFactors().count == 1 && one.errorShares().count == 1)
    }

    /// Draws `seconds` of simulated time in 10 ms ticks.
    func simulate(rate: Double, tenants: Int = 24, seed: UInt64 = 1, from: Double = 0, seconds: Double,
                  source: inout DemoEventSource) -> [UInt8] {
        var t = from
        while t < from + seconds - 1e-9 {
            let wall = wall0 + Int64(t * 1e9)
            _ = source.draw(elapsed: t + 0.01, seconds: 0.01, fromWall: wall, toWall: wall + 10_000_000)
            t += 0.01
        }
        defer { source.synth.out.removeAll() }
        return source.synth.out
    }

    @Test func rateMixAndTimestampsBeforeAnyIncident() {
        var source = DemoEventSource(rate: 10_000, tenants: 24, seed: 5)
        let text = simulate(rate: 10_000, seconds: 14, source: &source)  // the first burst is ≥ 15 s in
        let events = decodeAll(text)
        #expect(events.count == text.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }, "every line decodes")
        #expect(abs(events.count - 140_000) <= 1)
        var byType: [String: Int] = [:], byTenant: [String: Int] = [:]
        for e in events {
            byType[e.type, default: 0] += 1
            byTenant[e.tenant, default: 0] += 1
        }
        let n = Double(events.count)
        #expect(abs(Double(byType["click"]!) / n - 0.595) < 0.01)
        #expect(abs(Double(byType["view"]!) / n - 0.317) < 0.01)
        #expect(abs(Double(byType["error"]!) / n - 0.080) < 0.005)
        #expect(byType.count == 6)
        #expect(byTenant.count == 24)
        // Zipf-like: the largest tenant sends many times what the smallest does.
        #expect(byTenant["acme"]! > 20 * byTenant["umbrella-2"]!)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.ts <= $1.ts })
        #expect(events.first!.ts > wall0 && events.last!.ts <= wall0 + 14_000_000_000)
        #expect(Set(events.map(\.session)).count > 1000)
    }

    @Test func burstsAndErrorIncidentsShowInTheEvents() {
        let rate = 5_000.0
        var probe = DemoSchedule(tenants: 24, seed: 11)
        var t = 0.0
        while probe.incidents.isEmpty { t += 0.01; _ = probe.advance(to: t) }
        let incident = probe.incidents[0]
        // 10 s into the incident (the schedule does not depend on what was drawn before).
        var source = DemoEventSource(rate: rate, tenants: 24, seed: 11)
        let during = decodeAll(simulate(rate: rate, from: incident.start + 1, seconds: 10, source: &source))
        let name = SyntheticEvents.tenantName(incident.tenant)
        let own = during.filter { $0.tenant == name }
        let share = Double(own.filter { $0.type == "error" }.count) / Double(own.count)
        #expect(own.count > 1000)
        #expect(abs(share - incident.errorShare) < 0.06, "error share \(share), incident \(incident.errorShare)")
        let others = during.filter { $0.tenant != name }
        #expect(Double(others.filter { $0.type == "error" }.count) / Double(others.count) < 0.11)

        // A burst multiplies its tenant's volume: rate × its weight share × the factor.
        var probe2 = DemoSchedule(tenants: 24, seed: 12)
        t = 0
        while probe2.bursts.isEmpty { t += 0.01; _ = probe2.advance(to: t) }
        let burst = probe2.bursts[0]
        var source2 = DemoEventSource(rate: rate, tenants: 24, seed: 12)
        let inside = decodeAll(simulate(rate: rate, from: burst.start + 0.01, seconds: 5, source: &source2))
        let burstName = SyntheticEvents.tenantName(burst.tenant)
        let weights = SyntheticEvents.tenantWeights(count: 24)
        let expected = rate * weights[burst.tenant] / weights.reduce(0, +) * burst.factor
        let measured = Double(inside.filter { $0.tenant == burstName }.count) / 5
        #expect(measured > expected * 0.8 && measured < expected * 1.25,
                "\(measured)/s in the burst, \(expected)/s expected (factor \(burst.factor))")
    }

    @Test func sameSeedSameEventsAndBacklogIsGivenUp() {
        var a = DemoEventSource(rate: 3_000, tenants: 7, seed: 2)
        var b = DemoEventSource(rate: 3_000, tenants: 7, seed: 2)
        #expect(simulate(rate: 3_000, seconds: 3, source: &a) == simulate(rate: 3_000, seconds: 3, source: &b))
        var c = DemoEventSource(rate: 3_000, tenants: 7, seed: 3)
        #expect(simulate(rate: 3_000, seconds: 3, source: &a) != simulate(rate: 3_000, seconds: 3, source: &c))
        // Ten seconds owed at once: a quarter second's worth is drawn, the rest given up.
        var d = DemoEventSource(rate: 1_000, tenants: 1, seed: 2)
        let (drawn, skipped) = d.draw(elapsed: 10, seconds: 10, fromWall: wall0, toWall: wall0 + 10_000_000_000)
        #expect(drawn <= 251 && drawn >= 250)
        #expect(drawn + skipped >= 9_999 && drawn + skipped <= 10_001 * 10)
        // Nonsense inputs are clamped, not trapped on.
        #expect(DemoFeed.Settings(rate: .nan, tenants: -3).rate == 0)
        #expect(DemoFeed.Settings(rate: 1e300, tenants: .max).tenants == DemoFeed.Settings.maxTenants)
        var zero = DemoEventSource(rate: 0, tenants: 1, seed: 1)
        #expect(zero.draw(elapsed: 1, seconds: .infinity, fromWall: wall0, toWall: wall0 - 5).drawn == 0)
    }

    @Test func liveEngineReadsTheFeedThroughItsPipe() throws {
        let (feed, readEnd) = try DemoFeed.start(DemoFeed.Settings(rate: 4_000, tenants: 24, seed: 1))
        let source = InputSource(fileDescriptor: readEnd, name: "demo")
        #expect(!source.isFinite)
        var config = ProcessorConfig()
        config.setClock(.auto, finiteInput: source.isFinite)
        let engine = LiveEngine(config: config, maxLineBytes: 1 << 20)
        engine.start(source, hopping: nil)
        usleep(1_500_000)
        let snap = try #require(engine.freshSnapshot(timeoutMs: 1000))
        #expect(snap.stats.accepted > 1_500, "\(snap.stats.accepted)")
        #expect(snap.stats.rejected.total == 0)
        #expect(snap.tenantNames.count >= 15)
        #expect(snap.totalSeries.reduce(0, +) > 1_500)
        // Stream time is the wall clock's (auto clock on a live input).
        #expect(abs(snap.streamEnd! - (WallClock.nowSecond() + 1)) <= 2)
        feed.stop()
        #expect(!feed.isRunning)
        // The pipe closed: the engine reads to its end and finishes without being stopped.
        var waited = 0
        while !engine.isFinished && waited < 5000 { usleep(1000); waited += 1 }
        #expect(engine.isFinished)
        #expect(engine.latest?.stats.accepted == feed.stats.events)
        #expect(engine.latest?.stats.rejected.total == 0, "no line cut when the feed stops")
        #expect(feed.stats.skipped == 0)
        #expect(feed.stats.bytes > 0)
    }

    @Test func feedEndsWhenTheReaderGoesAndStopsWhenNobodyReads() throws {
        // The reader closes: the feed sees EPIPE (no SIGPIPE kills the test) and ends.
        let (feed, readEnd) = try DemoFeed.start(DemoFeed.Settings(rate: 50_000, tenants: 3, seed: 1))
        close(readEnd)
        var waited = 0
        while feed.isRunning && waited < 3000 { usleep(1000); waited += 1 }
        #expect(!feed.isRunning)
        // Nobody reads and the pipe is full: stop still returns at once.
        let (stalled, unread) = try DemoFeed.start(DemoFeed.Settings(rate: 1_000_000, tenants: 3, seed: 1))
        usleep(300_000)
        let before = WallClock.monotonicNanos()
        stalled.stop()
        #expect(WallClock.monotonicNanos() - before < 500_000_000)
        #expect(!stalled.isRunning)
        close(unread)
    }
}
