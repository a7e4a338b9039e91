import EventModel

/// One open day's sessions: a session is its tenant and its id's bytes (the same id under two
/// tenants is two sessions). Kept column-wise, no object per session: the bytes in one arena,
/// per session its tenant, first and last instant, and the event types it was seen with (a bit
/// per type id below 64; the rollup keeps rarer pairs aside). Found by an open-addressing
/// table keyed by a hash of tenant and bytes, so adding an event copies nothing.
struct SessionTable {
    private(set) var arena: [UInt8] = []
    /// Session `s`'s bytes are `arena[offsets[s]..<offsets[s + 1]]`.
    private(set) var offsets: [Int] = [0]
    private(set) var tenant: [UInt32] = []
    private(set) var hashes: [UInt32] = []
    var first: [Int64] = []
    var last: [Int64] = []
    /// Bit t: seen with type id t (t < 64).
    var types: [UInt64] = []
    /// Slot → session + 1 (0 = empty); a power of two, at most half full.
    private var slots = [UInt32](repeating: 0, count: 16)

    var count: Int { tenant.count }

    @inline(__always)
    static func hash(tenant: UInt32, _ key: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let h = key.isEmpty ? 0x9E37_79B9 : ByteStringInterner.hash(key.baseAddress!, key.count)
        let mixed = (h ^ UInt64(tenant)) &* 0x9E37_79B9_7F4A_7C15
        return UInt32(truncatingIfNeeded: mixed >> 32)
    }

    /// The session of `tenant` with these id bytes, added (first = last = `ts`) when new,
    /// else its first and last instants widened to `ts`.
    @inline(__always)
    mutating func add(tenant t: UInt32, _ key: UnsafeBufferPointer<UInt8>, ts: Int64) -> Int {
        let h = Self.hash(tenant: t, key)
        let mask = slots.count - 1
        var slot = Int(h) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let s = Int(entry) - 1
            if hashes[s] == h, tenant[s] == t, equal(s, key) {
                if ts < first[s] { first[s] = ts }
                if ts > last[s] { last[s] = ts }
                return s
            }
            slot = (slot + 1) & mask
        }
        let s = tenant.count
        precondition(s < Int(UInt32.max) - 1, "more than 2^32 sessions in a day")
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        tenant.append(t)
        hashes.append(h)
        first.append(ts)
        last.append(ts)
        types.append(0)
        if (s + 1) * 2 > slots.count {
            grow()
        } else {
            slots[slot] = UInt32(s + 1)
        }
        return s
    }

    @inline(__always)
    private func equal(_ s: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = offsets[s], hi = offsets[s + 1]
        guard hi - lo == key.count else { return false }
        if key.isEmpty { return true }
        return arena.withUnsafeBufferPointer { a in
            // SAFETY: lo..<hi lies inside the arena (offsets only grow with it) and holds
            // key.count bytes; 8-byte loads only while i + 8 <= key.count.
            let p = UnsafeRawPointer(a.baseAddress! + lo), q = UnsafeRawPointer(key.baseAddress!)
            var i = 0
            while i + 8 <= key.count {
                if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) != q.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                    return false
                }
                i += 8
            }
            while i < key.count {
                if p.load(fromByteOffset: i, as: UInt8.self) != q.load(fromByteOffset: i, as: UInt8.self) { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for s in 0..<hashes.count {
            var slot = Int(hashes[s]) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(s + 1)
        }
    }

    /// The id bytes of session `s`.
    func bytes(_ s: Int) -> ArraySlice<UInt8> { arena[offsets[s]..<offsets[s + 1]] }
}
