/// An open-addressing map from `UInt64` keys to `UInt32` values with a multiplicative hash:
/// much cheaper per lookup than `Dictionary`'s seeded SipHash on the ingest path.
struct UInt64Table {
    private var keys: [UInt64]
    private var values: [UInt32]
    /// Slots in use have `values[i] != .max`.
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [UInt32](repeating: .max, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        let h = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }

    @inline(__always)
    func find(_ key: UInt64) -> UInt32? {
        var i = home(key)
        while values[i] != .max {
            if keys[i] == key { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Adds a key that is not in the table (values below `UInt32.max`).
    mutating func insert(_ key: UInt64, _ value: UInt32) {
        precondition(value != .max)
        if (count + 1) * 2 > keys.count { grow() }
        var i = home(key)
        while values[i] != .max { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
        count += 1
    }

    /// Calls `body` with every key and value, in no particular order.
    func forEach(_ body: (UInt64, UInt32) -> Void) {
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
