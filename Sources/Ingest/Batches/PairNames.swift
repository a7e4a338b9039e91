/// The names of (tenant, event type, error) pairs by dense id 0, 1, 2…: the tenant's bytes then
/// the type's, one after another in an arena. The decoding thread sends each pair's names once;
/// the processing thread keeps them to rebuild an event when it needs its names.
public struct PairNames: Sendable {
    private(set) var arena: [UInt8] = []
    /// ends[2i + 1] is where pair i's tenant ends in `arena`, ends[2i + 2] where its type ends
    /// (each name starts where the one before it ends).
    private(set) var ends: [UInt32] = [0]
    private(set) var errors: [Bool] = []

    public init() {}

    public var count: Int { errors.count }

    mutating func append(tenant: UnsafeBufferPointer<UInt8>, type: UnsafeBufferPointer<UInt8>, isError: Bool) {
        arena.append(contentsOf: tenant)
        ends.append(UInt32(arena.count))
        arena.append(contentsOf: type)
        ends.append(UInt32(arena.count))
        errors.append(isError)
    }

    /// Appends the pairs of `other` after these (their ids follow on).
    public mutating func append(contentsOf other: PairNames) {
        let shift = UInt32(arena.count)
        arena.append(contentsOf: other.arena)
        ends.append(contentsOf: other.ends.dropFirst().map { $0 + shift })
        errors.append(contentsOf: other.errors)
    }

    public mutating func removeAll() {
        arena.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        ends.append(0)
        errors.removeAll(keepingCapacity: true)
    }

    /// Pair `id`'s names, read from the arena's `base` (see `withArena`).
    @inline(__always)
    public func names(_ id: Int, base: UnsafePointer<UInt8>)
        -> (tenant: UnsafeBufferPointer<UInt8>, type: UnsafeBufferPointer<UInt8>, isError: Bool)
    {
        let a = Int(ends[2 * id]), b = Int(ends[2 * id + 1]), c = Int(ends[2 * id + 2])
        return (UnsafeBufferPointer(start: base + a, count: b - a), UnsafeBufferPointer(start: base + b, count: c - b),
                errors[id])
    }

    /// Calls `body` with the arena's first byte (never nil, even when it is empty).
    @inline(__always)
    public func withArena<R>(_ body: (UnsafePointer<UInt8>) throws -> R) rethrows -> R {
        try arena.withUnsafeBufferPointer { try body($0.baseAddress ?? UnsafePointer(bitPattern: 1)!) }
    }
}
