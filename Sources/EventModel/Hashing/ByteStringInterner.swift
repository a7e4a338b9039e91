#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps byte strings to dense ids 0, 1, 2… in order of first sight: an open-addressing table
/// keyed by a hash of the bytes, with the bytes themselves kept in one arena.
public struct ByteStringInterner {
    @usableFromInline var arena: [UInt8] = []
    @usableFromInline var offsets: [Int] = [0]
    @usableFromInline var hashes: [UInt64] = []
    /// Slot → id + 1 (0 = empty). Power-of-two size, at most half full.
    @usableFromInline var table: [Int32]
    @usableFromInline var mask: Int

    public init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        table = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    @inlinable public var count: Int { hashes.count }

    /// The bytes of an id.
    public func bytes(_ id: Int) -> ArraySlice<UInt8> { arena[offsets[id]..<offsets[id + 1]] }

    public func string(_ id: Int) -> String { String(decoding: bytes(id), as: UTF8.self) }

    /// A fast 64-bit hash of bytes (not for adversaries: names, not keys of secrets).
    @inlinable @inline(__always)
    public static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        // SAFETY: unaligned 8-byte loads only while i + 8 <= n.
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return h
    }

    /// Byte equality, 8 bytes at a time (names are short: no call to memcmp).
    @inlinable @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        // SAFETY: 8-byte loads only while i + 8 <= n; both buffers hold n bytes.
        while i + 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    /// The id of these bytes if they were seen before.
    @inlinable @inline(__always)
    public func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        find(key, hash: Self.hash(key.baseAddress!, key.count))
    }

    @inlinable @inline(__always)
    func find(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = table[slot]
            if entry == 0 { return nil }
            let id = Int(entry) - 1
            if hashes[id] == h {
                let lo = offsets[id], hi = offsets[id + 1]
                if hi - lo == key.count {
                    let same = arena.withUnsafeBufferPointer { a in
                        Self.equal(a.baseAddress! + lo, key.baseAddress!, key.count)
                    }
                    if same { return id }
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The id of these bytes, adding them when new.
    @inlinable @inline(__always)
    public mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int, isNew: Bool) {
        let h = Self.hash(key.baseAddress!, key.count)
        if let id = find(key, hash: h) { return (id, false) }
        return (insert(key, hash: h), true)
    }

    @usableFromInline
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int {
        let id = hashes.count
        arena.append(contentsOf: key)
        offsets.append(arena.count)
        hashes.append(h)
        if hashes.count * 2 > table.count { grow() } else { place(id, h) }
        return id
    }

    @usableFromInline
    mutating func place(_ id: Int, _ h: UInt64) {
        var slot = Int(truncatingIfNeeded: h) & mask
        while table[slot] != 0 { slot = (slot + 1) & mask }
        table[slot] = Int32(id + 1)
    }

    @usableFromInline
    mutating func grow() {
        table = [Int32](repeating: 0, count: table.count * 2)
        mask = table.count - 1
        for id in 0..<hashes.count { place(id, hashes[id]) }
    }
}
