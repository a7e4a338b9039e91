@testable import DailyFacts
import EventModel
import Testing

/// Feeds (tenant, type, session, ts ns) events to a rollup; events of the error types are
/// errors (as the decoder marks them under `--error-types`).
func add(_ rollup: inout DailyRollup, errorTypes: Set<String> = ["error"], _ events: [(String, String, String, Int64)]) {
    for (tenant, type, session, ts) in events {
        Array(tenant.utf8).withUnsafeBufferPointer { t in
            Array(type.utf8).withUnsafeBufferPointer { e in
                Array(session.utf8).withUnsafeBufferPointer { s in
                    rollup.add(RawEvent(tenant: t, eventType: e, session: s, ts: ts, isError: errorTypes.contains(type)))
                }
            }
        }
    }
}

let second: Int64 = 1_000_000_000
/// 2026-11-26T00:00:00Z in ns.
let day26 = CivilDate(year: 2026, month: 11, day: 26)!
let midnight = day26.startSecond * second

@Suite struct DailyRollupTests {
    @Test func rowsAreExactAndSessionsAreSplitAtMidnight() {
        var rollup = DailyRollup()
        add(&rollup, errorTypes: ["error", "fatal"], [
            ("acme", "click", "s1", midnight - 100 * second),  // the 25th
            ("acme", "click", "s1", midnight + 10 * second),
            ("acme", "error", "s1", midnight + 70 * second),
            ("acme", "click", "s2", midnight + 20 * second),
            ("acme", "fatal", "", midnight + 30 * second),
            ("globex", "click", "s1", midnight + 5 * second),  // another tenant's s1
        ])
        #expect(rollup.openDays == [day26.adding(days: -1), day26])
        let rows = rollup.close(day26)
        #expect(rollup.openDays == [day26.adding(days: -1)])
        #expect(rows.map { "\($0.tenant)/\($0.eventType)" } == ["acme/click", "acme/error", "acme/fatal", "globex/click"])
        let click = rows[0]
        #expect(click.totalEvents == 2 && click.errorEvents == 0 && click.uniqueSessions == 2)
        // s1 spans 10 s … 70 s of the 26th (any type), s2 one instant: (60 + 0) / 2.
        #expect(click.avgSessionDuration == 30)
        #expect(rows[1].errorEvents == 1 && rows[1].avgSessionDuration == 60)
        #expect(rows[2].errorEvents == 1 && rows[2].uniqueSessions == 0 && rows[2].avgSessionDuration == nil)
        #expect(rows[3].uniqueSessions == 1 && rows[3].avgSessionDuration == 0)
        let before = rollup.close(day26.adding(days: -1))
        #expect(before.count == 1 && before[0].avgSessionDuration == 0, "s1's part on the 25th is its own")
        #expect(rollup.openDays.isEmpty && rollup.close(day26).isEmpty)
    }

    @Test func checkpointCodingRoundTripsAndRejectsEveryCutShort() throws {
        var rollup = DailyRollup()
        add(&rollup, (0..<50).map { i in ("t\(i % 4)", i % 5 == 0 ? "error" : "click", "s\(i % 7)", midnight + Int64(i) * 3_600 * second) })
        var w = BinaryWriter()
        rollup.encode(into: &w)
        var r = BinaryReader(w.bytes)
        var restored = try DailyRollup(decoding: &r)
        #expect(r.isAtEnd)
        #expect(restored.openDays == rollup.openDays)
        for date in rollup.openDays { #expect(restored.close(date) == rollup.close(date)) }
        for length in stride(from: 0, to: w.bytes.count, by: 7) {
            var cut = BinaryReader(Array(w.bytes.prefix(length)))
            #expect(throws: DataError.self) { _ = try DailyRollup(decoding: &cut) }
        }
    }
}

/// The rollup against a plain recount of the same events (dictionaries and sets), with more
/// than 64 event types (pairs beyond the per-session type bits), sessions shared by tenants,
/// days out of order, and a checkpoint in the middle.
@Suite struct DailyRollupReferenceTests {
    struct Event { var tenant: String, type: String, session: String, ts: Int64 }

    func reference(_ events: [Event], day: Int64) -> [DailyRow] {
        struct Acc { var total: Int64 = 0, errors: Int64 = 0, sessions = Set<String>() }
        var rows: [String: [String: Acc]] = [:]
        var span: [String: [String: (Int64, Int64)]] = [:]
        for e in events where CivilDate(instant: e.ts).daysSinceEpoch == day {
            rows[e.tenant, default: [:]][e.type, default: Acc()].total += 1
            if e.type == "error" { rows[e.tenant]![e.type]!.errors += 1 }
            if !e.session.isEmpty {
                rows[e.tenant]![e.type]!.sessions.insert(e.session)
                let old = span[e.tenant, default: [:]][e.session] ?? (e.ts, e.ts)
                span[e.tenant, default: [:]][e.session] = (min(old.0, e.ts), max(old.1, e.ts))
            }
        }
        var out: [DailyRow] = []
        for (tenant, types) in rows {
            for (type, acc) in types {
                let durations = acc.sessions.map { Double(span[tenant]![$0]!.1 - span[tenant]![$0]!.0) / 1e9 }
                out.append(DailyRow(tenant: tenant, eventType: type, totalEvents: acc.total, errorEvents: acc.errors,
                                    uniqueSessions: Int64(acc.sessions.count),
                                    avgSessionDuration: durations.isEmpty ? nil : durations.reduce(0, +) / Double(durations.count)))
            }
        }
        return DailyRow.sorted(out)
    }

    func same(_ a: [DailyRow], _ b: [DailyRow]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.tenant == y.tenant && x.eventType == y.eventType && x.totalEvents == y.totalEvents
                && x.errorEvents == y.errorEvents && x.uniqueSessions == y.uniqueSessions
                && (x.avgSessionDuration == nil) == (y.avgSessionDuration == nil)
                && abs((x.avgSessionDuration ?? 0) - (y.avgSessionDuration ?? 0)) <= 1e-9 * max(1, abs(y.avgSessionDuration ?? 0))
        }
    }

    @Test(arguments: [false, true])
    func rowsEqualARecount(checkpointHalfway: Bool) throws {
        var rng = SplitMix64(seed: 42)
        let types = (0..<80).map { $0 == 3 ? "error" : "type-\($0)" } + ["", "é"]
        let events = (0..<6000).map { _ in
            Event(tenant: ["acme", "globex", "", "ünï", "tenant-with-a-long-name-\(rng.below(3))"][rng.below(5)],
                  type: types[rng.below(rng.below(2) == 0 ? 6 : types.count)],
                  session: rng.below(7) == 0 ? "" : "s\(rng.below(300))",
                  ts: midnight + Int64(rng.below(3 * 86_400)) * second - 86_400 * second)
        }
        var rollup = DailyRollup()
        let half = events.count / 2
        let feed = { (rollup: inout DailyRollup, part: ArraySlice<Event>) in
            add(&rollup, part.map { ($0.tenant, $0.type, $0.session, $0.ts) })
        }
        feed(&rollup, events[..<half])
        if checkpointHalfway {
            var w = BinaryWriter()
            rollup.encode(into: &w)
            var r = BinaryReader(w.bytes)
            rollup = try DailyRollup(decoding: &r)
        }
        feed(&rollup, events[half...])
        let days = rollup.openDays
        #expect(days.count == 3)
        for date in days.reversed() {
            let rows = rollup.close(date)
            #expect(same(rows, reference(events, day: date.daysSinceEpoch)), "\(date)")
        }
        // Every day closed: the names are forgotten, and a new day starts afresh.
        #expect(rollup.openDays.isEmpty && rollup.tenants.count == 0)
        add(&rollup, [("zeta", "click", "s", midnight), ("acme", "click", "s", midnight + second)])
        #expect(rollup.close(day26).map(\.tenant) == ["acme", "zeta"])
    }
}

@Suite struct ShortNameCacheTests {
    @Test func namesDifferingOnlyInLengthOrZeroBytesStayApart() {
        var rollup = DailyRollup()
        let names = ["a", "a\u{0}", "", "\u{0}", "abcdefgh", "abcdefgh\u{0}", "abcdefghijklmnop", "abcdefghijklmnopq"]
            + (0..<600).map { "t\($0)" }
        add(&rollup, names.enumerated().map { ($0.element, "click", "", midnight + Int64($0.offset)) })
        add(&rollup, names.map { ($0, "click", "", midnight) })
        let rows = rollup.close(day26)
        #expect(rows.count == names.count)
        #expect(rows.allSatisfy { $0.totalEvents == 2 })
        #expect(Set(rows.map(\.tenant)) == Set(names))
    }
}
