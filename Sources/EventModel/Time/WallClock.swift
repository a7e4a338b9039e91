#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system clock, read without Foundation.
public enum WallClock {
    /// Nanoseconds since the epoch (CLOCK_REALTIME).
    public static func nowNanos() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * Timestamp.nanosPerSecond + Int64(ts.tv_nsec)
    }

    public static func nowSecond() -> Int64 { nowNanos() / Timestamp.nanosPerSecond }

    /// A monotonic reading in nanoseconds, for intervals.
    public static func monotonicNanos() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * Timestamp.nanosPerSecond + Int64(ts.tv_nsec)
    }
}
