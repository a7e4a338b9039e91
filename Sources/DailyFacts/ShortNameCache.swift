/// A direct-mapped cache in front of an interner for names of at most 16 bytes (tenants and
/// event types usually are): such a name is exactly its length and two 8-byte words, so a hit
/// is two comparisons of integers, with no hashing of the bytes and no walk of the arena.
struct ShortNameCache {
    private struct Entry {
        var length = -1
        var w0: UInt64 = 0
        var w1: UInt64 = 0
        var id: UInt32 = 0
    }

    private static let size = 256
    private var entries = [Entry](repeating: Entry(), count: ShortNameCache.size)

    /// The length and two words of a name of at most 16 bytes (zero-padded), or nil.
    @inline(__always)
    static func words(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard key.count <= 16 else { return nil }
        var words: (UInt64, UInt64) = (0, 0)
        if let base = key.baseAddress {
            // SAFETY: at most 16 bytes into the 16-byte tuple.
            withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: base, byteCount: key.count) }
        }
        return words
    }

    @inline(__always)
    private static func slot(_ length: Int, _ w: (UInt64, UInt64)) -> Int {
        let h = (w.0 &* 0x9E37_79B9_7F4A_7C15) ^ (w.1 &* 0xBF58_476D_1CE4_E5B9) ^ UInt64(truncatingIfNeeded: length)
        return Int(truncatingIfNeeded: (h ^ (h >> 29)) & UInt64(size - 1))
    }

    /// The cached id of a short name.
    @inline(__always)
    func find(_ length: Int, _ w: (UInt64, UInt64)) -> UInt32? {
        let e = entries[Self.slot(length, w)]
        return e.length == length && e.w0 == w.0 && e.w1 == w.1 ? e.id : nil
    }

    /// Remembers a short name's id (evicting whatever shared its slot).
    @inline(__always)
    mutating func remember(_ length: Int, _ w: (UInt64, UInt64), id: UInt32) {
        entries[Self.slot(length, w)] = Entry(length: length, w0: w.0, w1: w.1, id: id)
    }

    /// Forgets every name (when the interner behind it starts afresh).
    mutating func removeAll() {
        entries = [Entry](repeating: Entry(), count: Self.size)
    }
}
