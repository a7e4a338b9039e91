/// A growable buffer of plain values for the decoding hot path: appending costs a compare and a
/// store. (An `Array` pays a uniqueness check per append, a runtime call; a class's stored
/// properties pay dynamic exclusivity checks.) The memory is freed by an owner object the
/// column holds, so copies stay valid; copies share their elements, so only one copy may
/// append: a column is filled by one thread, then handed on whole through a queue.
public struct GrowableColumn<Element: BitwiseCopyable>: @unchecked Sendable {
    // SAFETY: `base` holds `capacity` elements, of which the first `count` are initialised, and
    // lives as long as `owner`; a column is never appended to by two threads (see above).
    private final class Owner {
        let base: UnsafeMutablePointer<Element>
        init(capacity: Int) { base = .allocate(capacity: capacity) }
        deinit { base.deallocate() }
    }

    private var owner: Owner
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    public private(set) var count = 0

    public init(capacity: Int) {
        self.capacity = max(16, capacity)
        owner = Owner(capacity: self.capacity)
        base = owner.base
    }

    @inline(__always)
    public mutating func append(_ value: Element) {
        if count == capacity { grow(to: count + 1) }
        // SAFETY: count < capacity after growing (so count + 1 cannot overflow).
        (base + count).initialize(to: value)
        count &+= 1
    }

    /// Appends `n` elements copied from `source`.
    @inline(__always)
    public mutating func append(_ source: UnsafePointer<Element>, count n: Int) {
        if count + n > capacity { grow(to: count + n) }
        // SAFETY: count + n <= capacity after growing.
        (base + count).initialize(from: source, count: n)
        count += n
    }

    /// Replaces element `i`.
    @inline(__always)
    public mutating func set(_ i: Int, _ value: Element) {
        precondition(i >= 0 && i < count)
        base[i] = value
    }

    /// The elements as a buffer, valid while this column (or a copy) lives and is not appended to.
    public var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    private mutating func grow(to needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        let bigger = Owner(capacity: size)
        bigger.base.initialize(from: base, count: count)
        owner = bigger
        base = bigger.base
        capacity = size
    }
}
