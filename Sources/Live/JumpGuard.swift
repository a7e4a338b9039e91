import EventModel

/// With the event clock, one event far ahead of the rest (a broken clock, a year-2200 stamp)
/// must not move stream time — it would make every later event late and close days half full.
/// An event more than `maxJump` seconds ahead of stream time is held; it moves stream time only
/// when the events after it confirm the jump: `confirmations` events in a row, all that far
/// ahead (the stream goes on at the later time; they are then applied in order and nothing is
/// lost). An event at the old time breaks the run: the held events were outliers, counted as
/// `future` and left out. So does the end of the input.
///
/// Three in a row: a lone bad stamp in a stream never moves it, a real jump costs two events'
/// wait, and a sparse stream (an event an hour at night) still moves on.
struct JumpGuard {
    /// Events in a row, all far ahead, that confirm a jump.
    static let confirmations = 3

    let maxJump: Int64
    private(set) var held: [HeldEvent] = []
    /// Outliers left out.
    private(set) var rejected = 0

    struct HeldEvent {
        var tenant: [UInt8]
        var eventType: [UInt8]
        var session: [UInt8]
        var ts: Int64
        var isError: Bool
    }

    init(maxJump: Int64) { self.maxJump = maxJump }

    /// Passes `event` to `apply` unless it is held; releases the held events to `apply` (in
    /// their order) once the jump is confirmed.
    @inline(__always)
    mutating func offer(_ event: RawEvent, streamEnd: Int64?, apply: (RawEvent) -> Void) {
        guard let end = streamEnd, event.second >= end &+ maxJump else {
            if !held.isEmpty {
                rejected += held.count
                held.removeAll()
            }
            apply(event)
            return
        }
        held.append(HeldEvent(tenant: Array(event.tenant), eventType: Array(event.eventType),
                              session: Array(event.session), ts: event.ts, isError: event.isError))
        if held.count >= Self.confirmations { release(apply) }
    }

    /// The input ended: held events that nothing confirmed were outliers.
    mutating func finish() {
        rejected += held.count
        held.removeAll()
    }

    private mutating func release(_ apply: (RawEvent) -> Void) {
        let events = held
        held.removeAll()
        for e in events {
            e.tenant.withUnsafeBufferPointer { t in
                e.eventType.withUnsafeBufferPointer { y in
                    e.session.withUnsafeBufferPointer { s in apply(RawEvent(tenant: t, eventType: y, session: s, ts: e.ts, isError: e.isError)) }
                }
            }
        }
    }

    // MARK: checkpoint coding

    func encode(into w: inout BinaryWriter) {
        w.int(rejected)
        w.int(held.count)
        for e in held {
            w.data(e.tenant)
            w.data(e.eventType)
            w.data(e.session)
            w.int(e.ts)
            w.bool(e.isError)
        }
    }

    mutating func decode(from r: inout BinaryReader) throws(DataError) {
        rejected = try r.tally()
        held = []
        for _ in 0..<(try r.count(limit: Self.confirmations)) {
            held.append(HeldEvent(tenant: try r.data(), eventType: try r.data(), session: try r.data(), ts: try r.instant(),
                                  isError: try r.bool()))
        }
    }
}
