import EventModel

/// Events of one key in one second: how many, and the largest ts among them.
struct SlotEntry {
    var key: UInt32
    var count: UInt32
    var maxTs: Int64
}

/// A ring of per-second buckets covering the retained seconds (the longest window, a hop,
/// the future skew). A bucket holds one entry per key active in that second, so memory is
/// bounded by keys × seconds, never by the event rate. The buckets live in manually managed
/// memory behind one reference (copied on write), so adding an event costs one uniqueness
/// check and no per-bucket array bookkeeping.
struct SecondRing {
    let size: Int
    private var storage: RingStorage
    /// The last second `add` wrote and its bucket: the next event is most often in the same
    /// second or the one after, and a division per event (the slot's modulo) costs tens of cycles.
    private var lastSecond: Int64 = .min
    private var lastSlot = 0

    init(size: Int) {
        self.size = size
        storage = RingStorage(size: size)
    }

    @inline(__always)
    func slot(_ second: Int64) -> Int {
        let r = Int(second % Int64(size))
        return r < 0 ? r + size : r
    }

    /// The second bucket `s` holds (`.min`: none yet).
    func second(atSlot s: Int) -> Int64 { storage.buckets[s].second }

    /// The entries of bucket `s`, valid until the ring is next changed.
    func entries(atSlot s: Int) -> UnsafeBufferPointer<SlotEntry> { storage.entries(s) }

    /// The entries of a second, empty when the ring no longer (or not yet) holds it; valid
    /// until the ring is next changed.
    @inline(__always)
    func entries(of second: Int64) -> UnsafeBufferPointer<SlotEntry> {
        let s = slot(second)
        return storage.buckets[s].second == second ? storage.entries(s) : UnsafeBufferPointer(start: nil, count: 0)
    }

    /// Calls `body` with each entry of a second the ring holds.
    @inline(__always)
    func forEachEntry(of second: Int64, _ body: (SlotEntry) -> Void) {
        for entry in entries(of: second) { body(entry) }
    }

    /// Puts back one second's entries (restoring a checkpoint).
    mutating func restore(second: Int64, entries restored: [SlotEntry]) {
        makeUnique()
        let s = slot(second)
        storage.reset(s, second: second)
        for entry in restored { _ = storage.append(s, entry) }
    }

    /// The earliest second at or after `from` that holds events, if any: where the retained
    /// stream begins (one pass over the ring's seconds, not its entries).
    func earliestSecond(from: Int64) -> Int64? {
        var earliest: Int64?
        for s in 0..<size where storage.buckets[s].second >= from && storage.buckets[s].count > 0 {
            let second = storage.buckets[s].second
            if earliest.map({ second < $0 }) ?? true { earliest = second }
        }
        return earliest
    }

    /// Total entries held, for memory reporting.
    var entryCount: Int { (0..<size).reduce(0) { $0 + Int(storage.buckets[$1].count) } }

    private mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Before a run of `addInRun` calls, during which the ring is not copied.
    mutating func makeUniqueForRun() { makeUnique() }

    /// `add` without the uniqueness check: only after `makeUniqueForRun`, with no copy of the
    /// ring made since.
    @inline(__always)
    mutating func addInRun(key: UInt32, second: Int64, ts: Int64, hint: Int32, isNewInSecond: Bool) -> Int32 {
        addUnique(key: key, second: second, ts: ts, hint: hint, isNewInSecond: isNewInSecond)
    }

    /// Adds one event of `key` at `second`. `hint` is the entry index this key last wrote
    /// in this second, if any; `isNewInSecond` says the key has no entry in this second yet
    /// (it never wrote a second this late). Returns the entry index written.
    @inline(__always)
    mutating func add(key: UInt32, second: Int64, ts: Int64, hint: Int32, isNewInSecond: Bool) -> Int32 {
        makeUnique()
        return addUnique(key: key, second: second, ts: ts, hint: hint, isNewInSecond: isNewInSecond)
    }

    @inline(__always)
    private mutating func addUnique(key: UInt32, second: Int64, ts: Int64, hint: Int32, isNewInSecond: Bool) -> Int32 {
        let s: Int
        if second == lastSecond {
            s = lastSlot
        } else {
            s = second == lastSecond &+ 1 ? (lastSlot + 1 == size ? 0 : lastSlot + 1) : slot(second)
            lastSecond = second
            lastSlot = s
        }
        let buckets = storage.buckets
        if buckets[s].second != second {
            // The bucket held an older second, long out of every window: reuse it.
            storage.reset(s, second: second)
        }
        let count = Int(buckets[s].count)
        if hint >= 0, Int(hint) < count, let entries = buckets[s].entries {
            // SAFETY: hint < count <= capacity.
            let entry = entries + Int(hint)
            if entry.pointee.key == key && entry.pointee.count < .max {
                entry.pointee.count += 1
                if ts > entry.pointee.maxTs { entry.pointee.maxTs = ts }
                return hint
            }
        }
        if isNewInSecond { return storage.append(s, SlotEntry(key: key, count: 1, maxTs: ts)) }
        return addSlow(slot: s, key: key, ts: ts)
    }

    private mutating func addSlow(slot s: Int, key: UInt32, ts: Int64) -> Int32 {
        let entries = storage.entries(s)
        var found: Int32 = -1
        if entries.count <= 8 {
            for i in stride(from: entries.count - 1, through: 0, by: -1) where entries[i].key == key {
                found = Int32(i)
                break
            }
        } else {
            found = storage.indexedPosition(s, of: key)
        }
        if found >= 0, entries[Int(found)].count < .max {
            let entry = UnsafeMutablePointer(mutating: entries.baseAddress!) + Int(found)
            entry.pointee.count += 1
            if ts > entry.pointee.maxTs { entry.pointee.maxTs = ts }
            return found
        }
        return storage.append(s, SlotEntry(key: key, count: 1, maxTs: ts))
    }
}

/// The ring's buckets: per bucket its second and a growable run of entries, in memory this
/// object owns; an index key → entry position for a crowded bucket written out of order.
private final class RingStorage {
    struct Bucket {
        var second: Int64 = .min
        var entries: UnsafeMutablePointer<SlotEntry>?
        var count: Int32 = 0
        var capacity: Int32 = 0
        var indexed = false
    }

    // SAFETY: `buckets` holds `size` buckets; a bucket's `entries` holds `capacity` entries of
    // which the first `count` are set; only the ring that owns this storage uniquely writes it.
    let size: Int
    let buckets: UnsafeMutablePointer<Bucket>
    private var indexes: [Int: [UInt32: Int32]] = [:]

    init(size: Int) {
        self.size = size
        buckets = .allocate(capacity: size)
        buckets.initialize(repeating: Bucket(), count: size)
    }

    deinit {
        for s in 0..<size { buckets[s].entries?.deallocate() }
        buckets.deallocate()
    }

    func copy() -> RingStorage {
        let other = RingStorage(size: size)
        for s in 0..<size {
            var bucket = buckets[s]
            if let entries = bucket.entries {
                let copied = UnsafeMutablePointer<SlotEntry>.allocate(capacity: Int(bucket.capacity))
                copied.initialize(from: entries, count: Int(bucket.count))
                bucket.entries = copied
            }
            other.buckets[s] = bucket
        }
        other.indexes = indexes
        return other
    }

    @inline(__always)
    func entries(_ s: Int) -> UnsafeBufferPointer<SlotEntry> {
        UnsafeBufferPointer(start: buckets[s].entries, count: Int(buckets[s].count))
    }

    /// Empties bucket `s` (keeping its memory) for `second`.
    func reset(_ s: Int, second: Int64) {
        buckets[s].second = second
        buckets[s].count = 0
        if buckets[s].indexed {
            buckets[s].indexed = false
            indexes[s] = nil
        }
    }

    /// Appends an entry to bucket `s`; its position.
    @inline(__always)
    func append(_ s: Int, _ entry: SlotEntry) -> Int32 {
        if buckets[s].count == buckets[s].capacity { grow(s) }
        let position = buckets[s].count
        // SAFETY: count < capacity after growing.
        (buckets[s].entries! + Int(position)).initialize(to: entry)
        buckets[s].count = position + 1
        if buckets[s].indexed { indexes[s]![entry.key] = position }
        return position
    }

    private func grow(_ s: Int) {
        let capacity = max(8, Int(buckets[s].capacity) * 2)
        precondition(capacity <= Int(Int32.max), "a second holds more entries than the ring can count")
        let bigger = UnsafeMutablePointer<SlotEntry>.allocate(capacity: capacity)
        if let old = buckets[s].entries {
            bigger.initialize(from: old, count: Int(buckets[s].count))
            old.deallocate()
        }
        buckets[s].entries = bigger
        buckets[s].capacity = Int32(capacity)
    }

    /// The position of `key`'s last entry in bucket `s` (-1: none), building the bucket's index
    /// the first time.
    func indexedPosition(_ s: Int, of key: UInt32) -> Int32 {
        if !buckets[s].indexed {
            var index = [UInt32: Int32](minimumCapacity: Int(buckets[s].count) * 2)
            for (i, entry) in entries(s).enumerated() { index[entry.key] = Int32(i) }
            indexes[s] = index
            buckets[s].indexed = true
        }
        return indexes[s]![key] ?? -1
    }
}
