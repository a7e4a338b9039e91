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
