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

    /// Events of `second` (the largest ts `ts`) were applied to the windows.
    @inline(__always)
    mutating func noteApplied(second: Int64, ts: Int64) {
        if second > lastSec {
            lastSec = second
            lastTs = ts
        } else if second == lastSec && ts > lastTs {
            lastTs = ts
        }
    }
}
