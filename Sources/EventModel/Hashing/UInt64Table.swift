/// An open-addressing map from `UInt64` keys to `UInt32` values with a multiplicative hash:
/// much cheaper per lookup than `Dictionary`'s seeded SipHash on the ingest path.
public struct UInt64Table {
    @usableFromInline var keys: [UInt64]
    @usableFromInline var values: [UInt32]
    /// Slots in use have `values[i] != .max`.
    @usableFromInline var mask: Int
    public private(set) var count = 0

    public init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [UInt32](repeating: .max, count: size)
        mask = size - 1
    }

    @inlinable @inline(__always)
    func home(_ key: UInt64) -> Int {
        let h = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }

    @inlinable @inline(__always)
    public func find(_ key: UInt64) -> UInt32? {
        var i = home(key)
        while values[i] != .max {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Adds a key that is not in the table (values below `UInt32.max`).
    public mutating func insert(_ key: UInt64, _ value: UInt32) {
        precondition(value != .max)
        if (count + 1) * 2 > keys.count { grow() }
        var i = home(key)
        while values[i] != .max { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
        count += 1
    }

    /// Calls `body` with every key and value, in no particular order.
    public func forEach(_ body: (UInt64, UInt32) -> Void) {
        for i in 0..<keys.count where values[i] != .max { body(keys[i], values[i]) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [UInt32](repeating: .max, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for i in 0..<oldKeys.count where oldValues[i] != .max { insert(oldKeys[i], oldValues[i]) }
    }
}
