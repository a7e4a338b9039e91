import EventModel

/// Saving and restoring the live windows (for checkpoints): interned names, per-key counts of
/// every preset, and the per-second buckets. The ingest counters travel in the checkpoint.
extension StreamProcessor {
    public func encode(into w: inout BinaryWriter) {
        w.int(presetCount)
        for p in config.presets { w.int(p) }
        w.int(ring.size)
        w.int(tenants.count)
        for id in 0..<tenants.count { w.data(tenants.bytes(id)) }
        w.int(types.count)
        for id in 0..<types.count { w.data(types.bytes(id)) }
        w.int(Int(tenantOther))
        w.int(Int(typeOther))
        foldedTenants.encode(into: &w)
        foldedTypes.encode(into: &w)
        w.int(maxTs ?? .min)
        w.int(streamEnd ?? .min)
        w.int(newestFuture)
        w.int(keyTenant.count)
        for k in 0..<keyTenant.count {
            w.int(Int(keyTenant[k]))
            w.int(Int(keyType[k]))
            w.bool(keyIsError[k])
            for p in 0..<presetCount { w.int(counts[k * presetCount + p]) }
            let clock = clocks[k]
            w.int(clock.lastSec)
            w.int(clock.lastTs)
            w.int(clock.slotSec)
            w.int(Int(clock.slotIndex))
            w.int(clock.maxSec)
        }
        let held = (0..<ring.size).filter { ring.second(atSlot: $0) != .min }
        w.int(held.count)
        for s in held {
            w.int(ring.second(atSlot: s))
            w.int(ring.entries(atSlot: s).count)
            for e in ring.entries(atSlot: s) {
                w.int(Int(e.key))
                w.int(Int(e.count))
                w.int(e.maxTs)
            }
        }
    }

    /// Restores `encode(into:)`'s state into a processor of the same configuration; false when
    /// the windows were saved with other presets (they then start afresh). Every id is checked.
    public mutating func restore(from r: inout BinaryReader) throws(DataError) -> Bool {
        let limit = 1 << 31
        let presetsSaved = try (0..<(try r.count(limit: 64))).map { (_) throws(DataError) in try r.int() }
        let ringSaved = try r.count(limit: limit)
        guard presetsSaved == config.presets, ringSaved == ring.size else { return false }
        var restored = StreamProcessor(config: config)
        for _ in 0..<(try r.count(limit: limit)) {
            let bytes = try r.data()
            _ = bytes.withUnsafeBufferPointer { restored.tenants.intern($0) }
        }
        for _ in 0..<(try r.count(limit: limit)) {
            let bytes = try r.data()
            _ = bytes.withUnsafeBufferPointer { restored.types.intern($0) }
        }
        restored.tenantOther = Int32(truncatingIfNeeded: try r.int())
        restored.typeOther = Int32(truncatingIfNeeded: try r.int())
        restored.foldedTenants = try FoldedNames(decoding: &r)
        restored.foldedTypes = try FoldedNames(decoding: &r)
        let maxTs = try r.int()
        guard maxTs == .min || (maxTs >= 0 && maxTs < Timestamp.endSeconds * Timestamp.nanosPerSecond) else {
            throw .corrupt("holds an instant out of range")
        }
        restored.maxTs = maxTs == .min ? nil : maxTs
        let end = try r.secondOrNone()
        restored.streamEnd = end == .min ? nil : end
        restored.newestFuture = try r.secondOrNone()
        guard restored.tenantOther >= -1, restored.tenantOther < Int32(restored.tenants.count),
              restored.typeOther >= -1, restored.typeOther < Int32(restored.types.count)
        else {
            throw .corrupt("names an (other) it does not hold")
        }
        for _ in 0..<(try r.count(limit: limit)) {
            let tenant = Int32(truncatingIfNeeded: try r.int()), type = Int32(truncatingIfNeeded: try r.int())
            let isError = try r.bool()
            guard tenant >= 0, tenant < Int32(restored.tenants.count), type >= 0, type < Int32(restored.types.count) else {
                throw .corrupt("names a tenant or type it does not hold")
            }
            let key = UInt32(restored.keyTenant.count)
            let packed = Self.packedKey(tenant: tenant, type: type, isError: isError)
            guard restored.keyIndex.find(packed) == nil else { throw .corrupt("holds a key twice") }
            restored.keyIndex.insert(packed, key)
            restored.keyTenant.append(tenant)
            restored.keyType.append(type)
            restored.keyIsError.append(isError)
            for _ in 0..<presetCount { restored.counts.append(Int64(try r.tally())) }
            var clock = KeyClock()
            clock.lastSec = try r.secondOrNone()
            let lastTs = try r.int()
            guard lastTs == .min || (lastTs >= 0 && lastTs < Timestamp.endSeconds * Timestamp.nanosPerSecond) else {
                throw .corrupt("holds an instant out of range")
            }
            clock.lastTs = lastTs
            clock.slotSec = try r.secondOrNone()
            clock.slotIndex = Int32(truncatingIfNeeded: try r.int())
            clock.maxSec = try r.secondOrNone()
            restored.clocks.append(clock)
        }
        for _ in 0..<(try r.count(limit: ring.size)) {
            let second = try r.secondOrNone()
            guard second != .min else { throw .corrupt("holds a second out of range") }
            var entries: [SlotEntry] = []
            for _ in 0..<(try r.count(limit: limit)) {
                let key = try r.count(limit: restored.keyTenant.count - 1)
                let count = try r.count(limit: Int(UInt32.max))
                entries.append(SlotEntry(key: UInt32(key), count: UInt32(count), maxTs: try r.instant()))
            }
            restored.ring.restore(second: second, entries: entries)
        }
        self = restored
        return true
    }
}
