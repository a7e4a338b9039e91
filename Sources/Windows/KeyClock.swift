/// Where one key of the processor stands in time.
struct KeyClock {
    /// The latest second applied to the windows, and the largest ts in it.
    var lastSec: Int64 = .min
    var lastTs: Int64 = .min
    /// The bucket second and entry index the key last wrote (a cache for the ring).
    var slotSec: Int64 = .min
    var slotIndex: Int32 = -1
    /// The latest second the key wrote into the ring.
    var maxSec: Int64 = .min
}
