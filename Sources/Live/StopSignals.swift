#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM ask a headless run to stop and print its summary, instead of killing it.
public enum StopSignals {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    public static func install() {
        signal(SIGINT) { _ in StopSignals.flag = 1 }
        signal(SIGTERM) { _ in StopSignals.flag = 1 }
    }

    public static var raised: Bool { flag != 0 }
}
