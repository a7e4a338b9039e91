/// Gives each distinct (tenant, event type, error) of the decoded events a dense id, on the
/// decoding thread: a hash of the raw bytes, then a byte comparison. The processing thread maps
/// an id to its window key with one array read instead of hashing the names again. Bounded:
/// once `capacity` pairs are known, the owner starts the table over (between batches).
struct PairInterner {
    static let capacity = 1 << 18

    /// Per pair: its hash, where its names start and end in `arena` (tenant start, type start,
    /// type end) and its error flag; slot → id + 1 (0 = empty), a power of two at most half full.
    /// Pointer-backed columns: the lookup on every event reads them without retains.
    private var hashes = GrowableColumn<UInt64>(capacity: 1024)
    private var bounds = GrowableColumn<UInt32>(capacity: 3 * 1024)
    private var errors = GrowableColumn<Bool>(capacity: 1024)
    private var arena = GrowableColumn<UInt8>(capacity: 16 * 1024)
    private var table = GrowableColumn<Int32>(capacity: 0)
    private var mask = 0

    /// Pairs whose names are 1 to 16 bytes each (most) have a table of their own, keyed by the
    /// names' bytes as four words: a lookup compares words, with no call and no arena read.
    private struct ShortKey {
        var t0: UInt64 = 0, t1: UInt64 = 0, y0: UInt64 = 0, y1: UInt64 = 0
        /// Lengths and error flag, with bit 63 set; 0 marks an empty slot.
        var meta: UInt64 = 0
        var id: UInt32 = 0
    }
    private var shortTable = GrowableColumn<ShortKey>(capacity: 0)
    private var shortMask = 0
    private var shortCount = 0
    private var longCount = 0

    init() { removeAll() }

    var count: Int { hashes.count }
    var isFull: Bool { hashes.count >= Self.capacity }

    mutating func removeAll() {
        hashes = GrowableColumn(capacity: 1024)
        bounds = GrowableColumn(capacity: 3 * 1024)
        errors = GrowableColumn(capacity: 1024)
        arena = GrowableColumn(capacity: 16 * 1024)
        makeTable(size: 1024)
        makeShortTable(size: 1024)
        shortCount = 0
        longCount = 0
    }

    private mutating func makeShortTable(size: Int) {
        shortTable = GrowableColumn(capacity: size)
        for _ in 0..<size { shortTable.append(ShortKey()) }
        shortMask = size - 1
    }

    private mutating func makeTable(size: Int) {
        table = GrowableColumn(capacity: size)
        for _ in 0..<size { table.append(0) }
        mask = size - 1
    }

    /// The id of the pair, and whether it is new. Names of 16 bytes or less must have 16
    /// readable bytes from their start (they lie in a terminated line or a decoder's scratch).
    @inline(__always)
    mutating func id(tenant: UnsafeBufferPointer<UInt8>, type: UnsafeBufferPointer<UInt8>, isError: Bool)
        -> (id: UInt32, isNew: Bool)
    {
        if tenant.count &- 1 < 16, type.count &- 1 < 16, let t = tenant.baseAddress, let y = type.baseAddress {
            return shortID(t, tenant.count, y, type.count, isError: isError)
        }
        return longID(tenant: tenant, type: type, isError: isError)
    }

    /// The first `n` (1–16) bytes at `p` as two words, zero past `n`.
    @inline(__always)
    private static func words(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, UInt64) {
        // SAFETY: 16 bytes from p are readable (see `id`); bytes past n are masked off.
        let raw = UnsafeRawPointer(p)
        let w0 = raw.loadUnaligned(as: UInt64.self), w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        // n is 1...16: the shifts below are by 0 to 120 bits, taken modulo 64 only where n == 16
        // (then the whole word counts) or n == 8 (then none of the second does).
        if n >= 8 {
            let m1: UInt64 = n == 16 ? ~0 : ~(~0 &<< UInt64(truncatingIfNeeded: (n &- 8) &* 8))
            return (w0, w1 & m1)
        }
        return (w0 & ~(~0 &<< UInt64(truncatingIfNeeded: n &* 8)), 0)
    }

    @inline(__always)
    private mutating func shortID(_ t: UnsafePointer<UInt8>, _ tn: Int, _ y: UnsafePointer<UInt8>, _ yn: Int, isError: Bool)
        -> (id: UInt32, isNew: Bool)
    {
        var key = ShortKey()
        (key.t0, key.t1) = Self.words(t, tn)
        (key.y0, key.y1) = Self.words(y, yn)
        key.meta = 1 << 63 | UInt64(truncatingIfNeeded: tn) | UInt64(truncatingIfNeeded: yn) << 8 | (isError ? 1 << 16 : 0)
        let h = Self.hash(key)
        let entries = UnsafeMutablePointer(mutating: shortTable.elements.baseAddress!)
        var slot = Int(truncatingIfNeeded: h) & shortMask
        while true {
            let e = entries + slot
            if e.pointee.meta == 0 { break }
            if e.pointee.meta == key.meta && e.pointee.t0 == key.t0 && e.pointee.y0 == key.y0 && e.pointee.t1 == key.t1
                && e.pointee.y1 == key.y1
            {
                return (e.pointee.id, false)
            }
            slot = (slot &+ 1) & shortMask
        }
        let id = add(tenant: UnsafeBufferPointer(start: t, count: tn), type: UnsafeBufferPointer(start: y, count: yn),
                     isError: isError, hash: h)
        key.id = id
        entries[slot] = key
        shortCount += 1
        if shortCount * 2 > shortMask + 1 {
            let old = shortTable
            makeShortTable(size: 2 * (shortMask + 1))
            let fresh = UnsafeMutablePointer(mutating: shortTable.elements.baseAddress!)
            for e in old.elements where e.meta != 0 {
                var s = Int(truncatingIfNeeded: Self.hash(e)) & shortMask
                while fresh[s].meta != 0 { s = (s + 1) & shortMask }
                fresh[s] = e
            }
        }
        return (id, true)
    }

    @inline(__always)
    private static func hash(_ key: ShortKey) -> UInt64 {
        let t1 = key.t1 &<< 29 | key.t1 &>> 35
        let h = (key.t0 ^ key.meta) &* 0x9E37_79B9_7F4A_7C15 ^ (key.y0 ^ t1) &* 0xBF58_476D_1CE4_E5B9
            ^ key.y1 &* 0x94D0_49BB_1331_11EB
        return h ^ h >> 31
    }

    /// Whether pair `id` is kept in the short table (names of 1 to 16 bytes each).
    private func isShort(_ id: Int) -> Bool {
        let b = bounds.elements
        let t = Int(b[3 * id + 1]) - Int(b[3 * id]), y = Int(b[3 * id + 2]) - Int(b[3 * id + 1])
        return t &- 1 < 16 && y &- 1 < 16
    }

    /// A new pair's names and flag, under the next id.
    private mutating func add(tenant: UnsafeBufferPointer<UInt8>, type: UnsafeBufferPointer<UInt8>, isError: Bool,
                              hash h: UInt64) -> UInt32 {
        let id = hashes.count
        bounds.append(UInt32(arena.count))
        if let t = tenant.baseAddress { arena.append(t, count: tenant.count) }
        bounds.append(UInt32(arena.count))
        if let y = type.baseAddress { arena.append(y, count: type.count) }
        bounds.append(UInt32(arena.count))
        errors.append(isError)
        hashes.append(h)
        return UInt32(id)
    }

    private mutating func longID(tenant: UnsafeBufferPointer<UInt8>, type: UnsafeBufferPointer<UInt8>, isError: Bool)
        -> (id: UInt32, isNew: Bool)
    {
        let h = Self.hash(type, seed: Self.hash(tenant, seed: isError ? 0x243F_6A88_85A3_08D3 : 0x1319_8A2E_0370_7344))
        let slots = table.elements, hs = hashes.elements, bs = bounds.elements, es = errors.elements
        let bytes = arena.elements.baseAddress!
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let id = Int(entry) - 1
            if hs[id] == h && es[id] == isError {
                let t = Int(bs[3 * id]), y = Int(bs[3 * id + 1]), e = Int(bs[3 * id + 2])
                if Self.same(UnsafeBufferPointer(start: bytes + t, count: y - t), tenant)
                    && Self.same(UnsafeBufferPointer(start: bytes + y, count: e - y), type)
                {
                    return (UInt32(id), false)
                }
            }
            slot = (slot + 1) & mask
        }
        let id = add(tenant: tenant, type: type, isError: isError, hash: h)
        longCount += 1
        if longCount * 2 > mask + 1 {
            makeTable(size: 2 * (mask + 1))
            for i in 0..<hashes.count where !isShort(i) { place(i) }
        } else {
            table.set(slot, Int32(id + 1))
        }
        return (id, true)
    }

    private mutating func place(_ id: Int) {
        let slots = table.elements
        var slot = Int(truncatingIfNeeded: hashes.elements[id]) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        table.set(slot, Int32(id + 1))
    }

    /// Byte equality of two short names, by words (the last one overlapping), no call.
    @inline(__always)
    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        guard n > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return true }
        let x = UnsafeRawPointer(pa), y = UnsafeRawPointer(pb)
        // SAFETY: every load lies inside [0, n) of both names.
        if n >= 8 {
            var i = 0
            while i + 8 < n {
                if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                    return false
                }
                i += 8
            }
            return x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        if n >= 4 {
            return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                && x.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        return pa[0] == pb[0] && pa[n >> 1] == pb[n >> 1] && pa[n - 1] == pb[n - 1]
    }

    /// A fast hash of a short name: whole words, then the last bytes as one overlapping load
    /// (no byte loop). Not for adversaries: a clash costs a comparison, never a wrong answer.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        let n = bytes.count
        guard n > 0, let p = bytes.baseAddress else { return (seed ^ 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9 }
        var h = seed ^ UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        let raw = UnsafeRawPointer(p)
        // SAFETY: every load lies inside p[0..<n]: words while i + 8 < n, then the last 8 (or
        // 4 + 4, or single) bytes ending at n.
        var i = 0
        while i + 8 < n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        let tail: UInt64
        if n >= 8 {
            tail = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 {
            tail = UInt64(raw.loadUnaligned(as: UInt32.self))
                | UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
        } else {
            tail = UInt64(p[0]) | UInt64(p[n >> 1]) << 8 | UInt64(p[n - 1]) << 16
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 29)
    }
}
