import EventModel

/// The names folded into `(other)` beyond a limit: how many events, and how many distinct names
/// (by a 64-bit hash of their bytes; exact up to `cap` names, then "at least `cap`").
public struct FoldedNames: Sendable, Equatable {
    /// Distinct names counted exactly up to this many.
    public static let cap = 1_000_000

    public private(set) var events = 0
    private var hashes = Set<UInt64>()

    public init() {}

    /// Distinct names folded (at most `cap`).
    public var names: Int { hashes.count }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        events += 1
        guard hashes.count < Self.cap else { return }
        hashes.insert(bytes.isEmpty ? 0 : ByteStringInterner.hash(bytes.baseAddress!, bytes.count))
    }

    /// One more event of a name already added.
    @inline(__always)
    mutating func countEvent() { events += 1 }

    func encode(into w: inout BinaryWriter) {
        w.int(events)
        w.int(hashes.count)
        for h in hashes.sorted() { w.int(Int64(bitPattern: h)) }
    }

    init(decoding r: inout BinaryReader) throws(DataError) {
        events = try r.tally()
        for _ in 0..<(try r.count(limit: Self.cap)) { hashes.insert(UInt64(bitPattern: try r.int())) }
    }
}
