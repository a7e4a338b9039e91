import EventModel
@testable import Live
import Testing

/// The jump guard: a lone far-ahead stamp moves nothing; a real jump loses nothing.
@Suite struct JumpGuardTests {
    let second: Int64 = 1_000_000_000
    let base: Int64 = 1_795_694_400

    /// Offers events at these seconds (stream time following what passes), and returns the
    /// seconds that passed, in order, and the guard.
    func run(_ seconds: [Int64], finish: Bool = false) -> ([Int64], JumpGuard) {
        var guarding = JumpGuard(maxJump: 3600)
        var end: Int64?
        var passed: [Int64] = []
        let name = Array("t".utf8)
        for s in seconds {
            name.withUnsafeBufferPointer { t in
                let event = RawEvent(tenant: t, eventType: t, session: UnsafeBufferPointer(start: nil, count: 0), ts: s * second,
                                     isError: false)
                guarding.offer(event, streamEnd: end) { e in
                    passed.append(e.second)
                    end = max(end ?? .min, e.second + 1)
                }
            }
        }
        if finish { guarding.finish() }
        return (passed, guarding)
    }

    @Test func aLoneOutlierIsLeftOutAndCounted() {
        let (passed, g) = run([base, base + 1, base + 86_400 * 365, base + 2, base + 3])
        #expect(passed == [base, base + 1, base + 2, base + 3])
        #expect(g.rejected == 1 && g.held.isEmpty)
    }

    @Test func threeInARowConfirmAJumpAndNothingIsLost() {
        let later = base + 2 * 86_400
        let (passed, g) = run([base, base + 1, later, later + 1, later + 2, later + 3, base + 2])
        #expect(passed == [base, base + 1, later, later + 1, later + 2, later + 3, base + 2])
        #expect(g.rejected == 0)
    }

    @Test func justUnderTheLimitIsNoJump() {
        let (passed, g) = run([base, base + 3600, base + 3601 + 3599])
        #expect(passed == [base, base + 3600, base + 7200] && g.rejected == 0)
    }

    @Test func aRunHeldAtTheEndIsCountedAndItsStateIsKept() throws {
        let far = base + 86_400
        let (passed, g) = run([base, far, far + 1])
        #expect(passed == [base] && g.held.count == 2)
        var w = BinaryWriter()
        g.encode(into: &w)
        var r = BinaryReader(w.bytes)
        var restored = JumpGuard(maxJump: 3600)
        try restored.decode(from: &r)
        #expect(restored.held.map(\.ts) == [far * second, (far + 1) * second] && r.isAtEnd)
        restored.finish()
        #expect(restored.rejected == 2 && restored.held.isEmpty)
    }
}
