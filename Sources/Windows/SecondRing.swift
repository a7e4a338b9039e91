import EventModel

/// Events of one key in one second: how many, and the largest ts among them.
struct SlotEntry {
    var key: UInt32
    var count: UInt32
    var maxTs: Int64
}

/// A ring of per-second buckets covering the retained seconds (the longest window, a hop,
/// the future skew). A bucket holds one entry per key active in that second, so memory is
/// bounded by keys × seconds, never by the event rate.
struct SecondRing {
    private(set) var seconds: [Int64]
    private(set) var entries: [[SlotEntry]]
    /// Per bucket, an index key → entry position, built only for out-of-order writes into
    /// a crowded bucket.
    private var indexes: [[UInt32: Int32]?]
    let size: Int

    init(size: Int) {
        self.size = size
        seconds = [Int64](repeating: .min, count: size)
        entries = [[SlotEntry]](repeating: [], count: size)
        indexes = [[UInt32: Int32]?](repeating: nil, count: size)
    }

    @inline(__always)
    func slot(_ second: Int64) -> Int {
        let r = Int(second % Int64(size))
        return r < 0 ? r + size : r
    }

    /// The entries of a second, empty when the ring no longer (or not yet) holds it.
    @inline(__always)
    func entries(of second: Int64) -> ArraySlice<SlotEntry> {
        let s = slot(second)
        return seconds[s] == second ? entries[s][...] : []
    }

    /// Calls `body` with each entry of a second the ring holds.
    @inline(__always)
    func forEachEntry(of second: Int64, _ body: (SlotEntry) -> Void) {
        let s = slot(second)
        guard seconds[s] == second else { return }
        entries[s].withUnsafeBufferPointer { for entry in $0 { body(entry) } }
    }

    /// Puts back one second's entries (restoring a checkpoint).
    mutating func restore(second: Int64, entries restored: [SlotEntry]) {
        let s = slot(second)
        seconds[s] = second
        entries[s] = restored
        indexes[s] = nil
    }

    /// The earliest second at or after `from` that holds events, if any: where the retained
    /// stream begins (one pass over the ring's seconds, not its entries).
    func earliestSecond(from: Int64) -> Int64? {
        var earliest: Int64?
        for s in 0..<size where seconds[s] >= from && !entries[s].isEmpty {
            if earliest.map({ seconds[s] < $0 }) ?? true { earliest = seconds[s] }
        }
        return earliest
    }

    /// Total entries held, for memory reporting.
    var entryCount: Int { entries.reduce(0) { $0 + $1.count } }

    /// Adds one event of `key` at `second`. `hint` is the entry index this key last wrote
    /// in this second, if any; `isNewInSecond` says the key has no entry in this second yet
    /// (it never wrote a second this late). Returns the entry index written.
    @inline(__always)
    mutating func add(key: UInt32, second: Int64, ts: Int64, hint: Int32, isNewInSecond: Bool) -> Int32 {
        let s = slot(second)
        if seconds[s] != second {
            // The bucket held an older second, long out of every window: reuse it.
            seconds[s] = second
            entries[s].removeAll(keepingCapacity: true)
            indexes[s] = nil
        }
        if hint >= 0, Int(hint) < entries[s].count, entries[s][Int(hint)].key == key,
           entries[s][Int(hint)].count < .max
        {
            entries[s][Int(hint)].count += 1
            if ts > entries[s][Int(hint)].maxTs { entries[s][Int(hint)].maxTs = ts }
            return hint
        }
        if isNewInSecond {
            entries[s].append(SlotEntry(key: key, count: 1, maxTs: ts))
            let position = Int32(entries[s].count - 1)
            if indexes[s] != nil { indexes[s]![key] = position }
            return position
        }
        return addSlow(slot: s, key: key, ts: ts)
    }

    private mutating func addSlow(slot s: Int, key: UInt32, ts: Int64) -> Int32 {
        let count = entries[s].count
        var found: Int32 = -1
        if count <= 8 {
            for i in stride(from: count - 1, through: 0, by: -1) where entries[s][i].key == key {
                found = Int32(i)
                break
            }
        } else {
            if indexes[s] == nil {
                var index = [UInt32: Int32](minimumCapacity: count * 2)
                for i in 0..<count { index[entries[s][i].key] = Int32(i) }
                indexes[s] = index
            }
            found = indexes[s]![key] ?? -1
        }
        if found >= 0, entries[s][Int(found)].count < .max {
            entries[s][Int(found)].count += 1
            if ts > entries[s][Int(found)].maxTs { entries[s][Int(found)].maxTs = ts }
            return found
        }
        entries[s].append(SlotEntry(key: key, count: 1, maxTs: ts))
        let position = Int32(entries[s].count - 1)
        if indexes[s] != nil { indexes[s]![key] = position }
        return position
    }
}
