import EventModel

/// The in-process stream processor (DESIGN §3): interns tenants and types, buckets events per
/// second, keeps every rolling preset's counts up to date incrementally, and answers hopping
/// windows from the buckets. Not thread-safe: one ingest thread owns it and hands readers
/// immutable `MetricsSnapshot`s.
public struct StreamProcessor {
    public let config: ProcessorConfig
    public static let otherName = Folded.name

    var tenants = ByteStringInterner()
    var types = ByteStringInterner()
    var tenantOther: Int32 = -1
    var typeOther: Int32 = -1
    /// (tenant << 32 | type << 1 | isError) → key id: a tenant's errors and other events of a
    /// type are counted apart, so error counts follow the mapping's rules, not type names.
    var keyIndex = UInt64Table()
    /// The decoder's pair id → key (low 32 bits) and whether its tenant or type is folded
    /// (bits 32, 33); `.max` for a pair not seen yet.
    var pairKeys: [UInt64] = []
    var keyTenant: [Int32] = []
    var keyType: [Int32] = []
    var keyIsError: [Bool] = []
    /// counts[key * P + p]: events of the key in rolling preset p.
    var counts: [Int64] = []
    /// Per key: where it stands in time (one array, so an event pays one uniqueness check).
    var clocks: [KeyClock] = []
    var ring: SecondRing
    let presetCount: Int
    /// The shortest rolling window, and the longest (events before E minus it are late), in
    /// seconds: kept here, read for every event.
    let shortestPreset: Int64
    let lookback: Int64

    /// Stream time E (exclusive end, whole seconds), nil before the first event or tick.
    public internal(set) var streamEnd: Int64?
    /// The newest second recorded ahead of E (wall clock only), to activate as E passes it.
    var newestFuture: Int64 = .min
    /// The wall clock's second, as last told by `setWallClock`.
    public internal(set) var wallSecond: Int64?

    public internal(set) var accepted = 0
    public internal(set) var late = 0
    public internal(set) var future = 0
    /// Tenants and event types folded into `(other)` beyond `maxTenants` and `maxTypes`.
    public internal(set) var foldedTenants = FoldedNames()
    public internal(set) var foldedTypes = FoldedNames()
    /// The largest ts taken (`.min` before any): a plain compare an event.
    var largestTs: Int64 = .min
    public internal(set) var maxTs: Int64? {
        get { largestTs == .min ? nil : largestTs }
        set { largestTs = newValue ?? .min }
    }
    /// The smallest ts among the first events of each key (so the first event of the stream);
    /// not restored from a checkpoint: the ring's earliest second stands in.
    var firstTs: Int64 = .max
    /// The tenant view's last detail, recounted only at its end (a reference: snapshots are taken
    /// from a non-mutating call; only the ingest thread's processor asks for details).
    var detailCache = DetailCache()

    public init(config: ProcessorConfig) {
        self.config = config
        presetCount = config.presets.count
        shortestPreset = config.presets[0]
        lookback = config.lookback
        ring = SecondRing(size: config.ringSeconds)
    }

    public var tenantCount: Int { tenants.count }
    public var typeCount: Int { types.count }
    public var keyCount: Int { keyTenant.count }

    // MARK: ingest

    /// Takes one decoded event; false when it is rejected as too far in the future.
    @discardableResult
    public mutating func ingest(_ event: RawEvent) -> Bool {
        ingest(ts: event.ts) { $0.keyFor(event) }
    }

    /// Takes one event whose (tenant, type, error) pair the decoder named `pair` (dense ids from
    /// 0; `forgetPairs` when they start over): its key is found once per pair, from `event`,
    /// and read from an array after that. False when it is rejected as too far in the future.
    @inline(__always) @discardableResult
    public mutating func ingest(pair: Int, ts: Int64, event: () -> RawEvent) -> Bool {
        ingest(ts: ts) { $0.pairKey(pair, event) }
    }

    /// Takes events `from...` of a decoded batch (each its ts and its decoder's pair id; pair p
    /// of decoder `d` of `n` is id p·n + d) for as long as each is the common case: its pair
    /// already has a key, and its second is inside the stream's current end and not ahead of
    /// the wall clock, so nothing but counting happens. With the event clock alone, a second
    /// past E but less than `maxJump` ahead of it (the jump guard's bound) moves E within the
    /// run, as `ingest` would. The counters' memory is reached once for the run rather than once
    /// an event. Returns the index of the first event not taken:
    /// the caller takes that one alone (`ingest(pair:ts:event:)` does the rest: new keys,
    /// advancing stream time, future and late events), then runs on.
    public mutating func ingestRun(ts: UnsafeBufferPointer<Int64>, pairs: UnsafeBufferPointer<UInt32>, from: Int,
                                   decoder d: Int, of n: Int, maxJump: Int64) -> Int {
        guard var end = streamEnd, from < ts.count, pairs.count == ts.count else { return from }
        let advances = config.usesEventClock && !config.usesWallClock && maxJump > 0 && newestFuture < end
        // The run's limit: seconds at or past E need stream time moved or are ahead of it, and
        // seconds past the wall clock's skew are refused; both leave the run.
        var limit = end
        if config.usesWallClock, let wall = wallSecond { limit = min(limit, wall &+ config.maxFutureSkew &+ 1) }
        var lateBefore = end &- lookback
        var inOrderFrom = end &- shortestPreset
        let presets = presetCount, presetLengths = config.presets
        var taken = 0, lateCount = 0, largest = largestTs
        var counts = self.counts, clocks = self.clocks
        self.counts = []
        self.clocks = []
        ring.makeUniqueForRun()
        var i = from
        counts.withUnsafeMutableBufferPointer { counts in
            clocks.withUnsafeMutableBufferPointer { clocks in
                pairKeys.withUnsafeBufferPointer { pairKeys in
                    while i < ts.count {
                        let t = ts[i]
                        let second = t / Timestamp.nanosPerSecond
                        if second >= limit {
                            // Stream time moves to the event's second, unless the jump guard
                            // must see it first. (Wall clock: `limit` stays; event clock: it is E.)
                            guard advances, second < end &+ maxJump,
                                  Self.pairID(pairs[i], n, d) < pairKeys.count, pairKeys[Self.pairID(pairs[i], n, d)] != .max
                            else { break }
                            Self.expire(counts: counts, ring: ring, presets: presetLengths, from: end, to: second &+ 1)
                            end = second &+ 1
                            streamEnd = end
                            limit = end
                            lateBefore = end &- lookback
                            inOrderFrom = end &- shortestPreset
                        }
                        if second < lateBefore {
                            // Late: counted, as `ingest` counts it, and dropped.
                            taken &+= 1
                            lateCount &+= 1
                            i &+= 1
                            continue
                        }
                        let id = Self.pairID(pairs[i], n, d)
                        guard id < pairKeys.count else { break }
                        let entry = pairKeys[id]
                        guard entry != .max else { break }
                        if entry & Self.tenantFoldedBit != 0 { foldedTenants.countEvent() }
                        if entry & Self.typeFoldedBit != 0 { foldedTypes.countEvent() }
                        taken &+= 1
                        if t > largest { largest = t }
                        let key = UInt32(truncatingIfNeeded: entry)
                        let k = Int(key)
                        // SAFETY: a key's clock and its presets' counts exist once it has an id.
                        let clock = clocks.baseAddress! + k
                        let hint: Int32 = clock.pointee.slotSec == second ? clock.pointee.slotIndex : -1
                        clock.pointee.slotIndex = ring.addInRun(key: key, second: second, ts: t, hint: hint,
                                                                isNewInSecond: second > clock.pointee.maxSec)
                        clock.pointee.slotSec = second
                        if second > clock.pointee.maxSec { clock.pointee.maxSec = second }
                        let base = counts.baseAddress! + k &* presets
                        if second >= inOrderFrom {
                            for p in 0..<presets { base[p] &+= 1 }
                        } else {
                            var p = presets &- 1
                            while p >= 0 && second >= end &- presetLengths[p] {
                                base[p] &+= 1
                                p &-= 1
                            }
                        }
                        clock.pointee.noteApplied(second: second, ts: t)
                        i &+= 1
                    }
                }
            }
        }
        self.counts = counts
        self.clocks = clocks
        accepted &+= taken
        late &+= lateCount
        largestTs = largest
        return i
    }

    @inline(__always)
    private static func pairID(_ pair: UInt32, _ n: Int, _ d: Int) -> Int { Int(truncatingIfNeeded: pair) &* n &+ d }

    /// Decoder `d`'s pair ids start over (pairs of `n` decoders interleave: pair p of decoder d
    /// is id p·n + d).
    public mutating func forgetPairs(decoder d: Int, of n: Int) {
        var id = d
        while id < pairKeys.count {
            pairKeys[id] = .max
            id += n
        }
    }

    @inline(__always)
    private mutating func ingest(ts: Int64, key keyOf: (inout StreamProcessor) -> UInt32) -> Bool {
        let second = ts / Timestamp.nanosPerSecond
        if config.usesWallClock, let wall = wallSecond, second > wall + config.maxFutureSkew {
            future += 1
            return false
        }
        accepted += 1
        if let end = streamEnd {
            if second < end - lookback {
                late += 1
                return true
            }
            if config.usesEventClock && second >= end { advance(to: second + 1) }
        } else {
            // The first event (with the event clock), or one before the wall clock's first tick.
            streamEnd = second + 1
        }
        if ts > largestTs { largestTs = ts }
        let key = keyOf(&self)
        let k = Int(key)
        var clock = clocks[k]
        let hint: Int32 = clock.slotSec == second ? clock.slotIndex : -1
        clock.slotIndex = ring.add(key: key, second: second, ts: ts, hint: hint, isNewInSecond: second > clock.maxSec)
        clock.slotSec = second
        if second > clock.maxSec { clock.maxSec = second }
        let end = streamEnd!
        if second < end {
            addToWindows(key: k, second: second, count: 1, end: end)
            clock.noteApplied(second: second, ts: ts)
        } else if second > newestFuture {
            newestFuture = second
        }
        clocks[k] = clock
        return true
    }

    /// The key of pair `pair`: from the pair's cache entry (counting the event as folded when
    /// its names were), or, the first time, from its names.
    @inline(__always)
    private mutating func pairKey(_ pair: Int, _ event: () -> RawEvent) -> UInt32 {
        if pair < pairKeys.count {
            let entry = pairKeys[pair]
            if entry != .max {
                if entry & Self.tenantFoldedBit != 0 { foldedTenants.countEvent() }
                if entry & Self.typeFoldedBit != 0 { foldedTypes.countEvent() }
                return UInt32(truncatingIfNeeded: entry)
            }
        } else {
            pairKeys.append(contentsOf: repeatElement(.max, count: pair + 1 - pairKeys.count))
        }
        let (tenantsBefore, typesBefore) = (foldedTenants.events, foldedTypes.events)
        let key = keyFor(event())
        pairKeys[pair] = UInt64(key) | (foldedTenants.events > tenantsBefore ? Self.tenantFoldedBit : 0)
            | (foldedTypes.events > typesBefore ? Self.typeFoldedBit : 0)
        return key
    }

    private static let tenantFoldedBit: UInt64 = 1 << 32
    private static let typeFoldedBit: UInt64 = 1 << 33

    /// Adds events of a key in a second to every preset whose window holds that second.
    @inline(__always)
    private mutating func apply(key k: Int, second: Int64, ts: Int64, count: Int64, end: Int64) {
        addToWindows(key: k, second: second, count: count, end: end)
        clocks[k].noteApplied(second: second, ts: ts)
    }

    /// The window counts of `apply`, without the key's clock.
    @inline(__always)
    private mutating func addToWindows(key k: Int, second: Int64, count: Int64, end: Int64) {
        let base = k * presetCount
        // SAFETY: counts holds presetCount entries for every key, k among them.
        let presets = presetCount
        if second >= end - shortestPreset {
            // The shortest window holds the second (an event in order), so every window does.
            counts.withUnsafeMutableBufferPointer { counts in
                // Counts stay below the events taken, far from overflowing.
                for p in 0..<presets { counts[base + p] &+= count }
            }
        } else {
            counts.withUnsafeMutableBufferPointer { counts in
                // Presets ascend: once a window holds the second, every longer one does too.
                var p = presets - 1
                while p >= 0 && second >= end - config.presets[p] {
                    counts[base + p] &+= count
                    p -= 1
                }
            }
        }
    }

    mutating func keyFor(_ event: RawEvent) -> UInt32 {
        let tenant = internTenant(event.tenant)
        let type = internType(event.eventType)
        let packed = Self.packedKey(tenant: tenant, type: type, isError: event.isError)
        if let key = keyIndex.find(packed) { return key }
        let key = UInt32(keyTenant.count)
        // Where the stream begins, noted off the hot path: the first event of each new key (the
        // very first event makes the first key).
        if event.ts < firstTs { firstTs = event.ts }
        keyIndex.insert(packed, key)
        keyTenant.append(tenant)
        keyType.append(type)
        keyIsError.append(event.isError)
        counts.append(contentsOf: repeatElement(0, count: presetCount))
        clocks.append(KeyClock())
        return key
    }

    @inline(__always)
    static func packedKey(tenant: Int32, type: Int32, isError: Bool) -> UInt64 {
        UInt64(UInt32(bitPattern: tenant)) << 32 | UInt64(UInt32(bitPattern: type)) << 1 | (isError ? 1 : 0)
    }

    @inline(__always)
    private mutating func internTenant(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let id = tenants.find(bytes) { return Int32(id) }
        if tenants.count < config.maxTenants {
            return Int32(tenants.intern(bytes).id)
        }
        foldedTenants.add(bytes)
        if tenantOther < 0 { tenantOther = Int32(internOther(&tenants)) }
        return tenantOther
    }

    @inline(__always)
    private mutating func internType(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if let id = types.find(bytes) { return Int32(id) }
        if types.count < config.maxTypes {
            return Int32(types.intern(bytes).id)
        }
        foldedTypes.add(bytes)
        if typeOther < 0 { typeOther = Int32(internOther(&types)) }
        return typeOther
    }

    private func internOther(_ interner: inout ByteStringInterner) -> Int {
        Array(Self.otherName.utf8).withUnsafeBufferPointer { interner.intern($0).id }
    }

    // MARK: time

    /// Tells the processor the wall clock's current second; with a wall clock this moves
    /// stream time to `second + 1` (never backwards).
    public mutating func setWallClock(second: Int64) {
        wallSecond = second
        guard config.usesWallClock else { return }
        if let end = streamEnd {
            if second + 1 > end { advance(to: second + 1) }
        } else {
            streamEnd = second + 1
        }
    }

    /// Moves stream time from E0 to E1 > E0: seconds leaving each preset's window are
    /// subtracted, future seconds E passes are added.
    private mutating func advance(to newEnd: Int64) {
        guard let oldEnd = streamEnd, newEnd > oldEnd else { return }
        let ring = self.ring, presets = config.presets
        counts.withUnsafeMutableBufferPointer { Self.expire(counts: $0, ring: ring, presets: presets, from: oldEnd, to: newEnd) }
        streamEnd = newEnd
        if newestFuture >= oldEnd {
            // Seconds recorded ahead of E0 that E1 now covers enter the windows.
            let last = min(newestFuture, newEnd - 1)
            var second = max(oldEnd, newEnd - config.lookback)
            while second <= last {
                for entry in ring.entries(of: second) {
                    apply(key: Int(entry.key), second: second, ts: entry.maxTs, count: Int64(entry.count),
                          end: newEnd)
                }
                second += 1
            }
            if newestFuture < newEnd { newestFuture = .min }
        }
    }

    /// Takes out of the rolling counts the seconds that leave each window as E moves from
    /// `oldEnd` to `newEnd` (the counts' memory given: `advance` and runs both call it).
    @inline(__always)
    private static func expire(counts: UnsafeMutableBufferPointer<Int64>, ring: SecondRing, presets: [Int64],
                               from oldEnd: Int64, to newEnd: Int64) {
        let presetCount = presets.count
        // SAFETY: entry keys are key ids, so key * presetCount + p lies inside counts.
        for p in 0..<presetCount {
            let length = presets[p]
            // Seconds that were in the window [E0−X, E0) and are not in [E1−X, E1).
            let from = oldEnd - length
            let to = min(newEnd - length, oldEnd)
            var second = from
            while second < to {
                for entry in ring.entries(of: second) {
                    counts[Int(entry.key) &* presetCount &+ p] &-= Int64(entry.count)
                }
                second += 1
            }
        }
    }

    // MARK: reading

    /// An immutable picture of the windows for readers on other threads.
    public func snapshot(hopping: HoppingSpec? = nil, stats: IngestStats = IngestStats(), detail tenant: String? = nil)
        -> MetricsSnapshot
    {
        var keys = [MetricsSnapshot.KeyCounts]()
        keys.reserveCapacity(keyTenant.count)
        for k in 0..<keyTenant.count {
            let base = k * presetCount
            let row = Array(counts[base..<base + presetCount])
            guard row.contains(where: { $0 != 0 }) else { continue }
            keys.append(.init(tenant: keyTenant[k], eventType: keyType[k], isError: keyIsError[k], counts: row,
                              lastSecond: clocks[k].lastSec, lastTs: clocks[k].lastTs))
        }
        var hoppingWindow: MetricsSnapshot.HoppingWindow?
        if let hopping, let end = streamEnd {
            hoppingWindow = hoppingRows(hopping, end: end)
        }
        var stats = stats
        // Added to what the caller brings (counts carried over from a checkpoint).
        stats.accepted += accepted
        stats.late += late
        stats.future += future
        stats.folding = IngestStats.Folding(
            tenantEvents: foldedTenants.events, tenants: foldedTenants.names, maxTenants: config.maxTenants,
            typeEvents: foldedTypes.events, types: foldedTypes.names, maxTypes: config.maxTypes)
        stats.tenants = tenants.count
        stats.eventTypes = types.count
        stats.keys = keyTenant.count
        stats.bucketEntries = ring.entryCount
        stats.maxTs = maxTs
        return MetricsSnapshot(
            streamEnd: streamEnd, firstTs: firstRetainedTs,
            presets: config.presets,
            tenantNames: (0..<tenants.count).map { tenants.string($0) },
            typeNames: (0..<types.count).map { types.string($0) },
            keys: keys, hopping: hoppingWindow, stats: stats, sparklines: sparklines(),
            detail: tenant.flatMap { detail(of: $0) })
    }

    /// Where the retained stream begins: the first event's ts when it is still in the ring,
    /// else the ring's earliest second.
    var firstRetainedTs: Int64? {
        guard let end = streamEnd, let second = ring.earliestSecond(from: end - config.lookback) else { return nil }
        let start = second * Timestamp.nanosPerSecond
        return firstTs >= start && firstTs < start + Timestamp.nanosPerSecond ? firstTs : start
    }

    /// The latest complete hopping window [k·H, k·H+X) with k·H + X ≤ E, from the buckets.
    private func hoppingRows(_ spec: HoppingSpec, end: Int64) -> MetricsSnapshot.HoppingWindow {
        let k = floorDiv(end - spec.size, spec.hop)
        let start = k * spec.hop
        var countByKey = [Int64](repeating: 0, count: keyTenant.count)
        var maxByKey = [Int64](repeating: .min, count: keyTenant.count)
        var touched = [Int]()
        // Only seconds the ring still holds can contribute.
        var second = max(start, end - Int64(ring.size) + 1)
        while second < start + spec.size {
            for entry in ring.entries(of: second) {
                let key = Int(entry.key)
                if countByKey[key] == 0 { touched.append(key) }
                countByKey[key] += Int64(entry.count)
                if entry.maxTs > maxByKey[key] { maxByKey[key] = entry.maxTs }
            }
            second += 1
        }
        let keys = touched.map { key in
            MetricsSnapshot.KeyCounts(tenant: keyTenant[key], eventType: keyType[key], isError: keyIsError[key],
                                      counts: [countByKey[key]],
                                      lastSecond: maxByKey[key] / Timestamp.nanosPerSecond, lastTs: maxByKey[key])
        }
        return .init(spec: spec, start: start, end: start + spec.size, keys: keys)
    }
}
