#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TOMLKit

/// TOMLKit 0.6.0 parses with toml++ 3.4.0, which checks some malformed input with `assert` and
/// aborts the process instead of reporting it (fuzz-settings found three shapes: a table header
/// starting with `#`, a `}` where an array expects a value, U+2028 between array values).
/// `TOMLPrecheck` refuses the shapes known, with a clear message; this guard catches the rest:
/// the text is parsed first in a child process, and only text the parser survives is parsed
/// here. It costs one `fork` per settings file, read once a run.
enum TOMLParseGuard {
    enum Outcome: Equatable {
        /// The parser returned (a table, or its own error message).
        case survived
        /// The parser aborted.
        case died
    }

    /// Whether the parser survives `text`: it must die twice to count as dead, since a child
    /// forked from a process with threads can also die of the fork itself (a lock or state
    /// another thread left), once, by chance; the text's own abort comes every time.
    static func trial(_ text: String, timeoutMs: Int = 5_000) -> Outcome {
        once(text, timeoutMs: timeoutMs) == .died ? once(text, timeoutMs: timeoutMs) : .survived
    }

    private static func once(_ text: String, timeoutMs: Int) -> Outcome {
        let child = fork()
        if child == 0 {
            // The child: no crash report, no core, nothing on the terminal; only its end counts.
            for s in [SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP] { signal(s, SIG_DFL) }
            var none = rlimit(rlim_cur: 0, rlim_max: 0)
            _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
            let null = open("/dev/null", O_WRONLY)
            if null >= 0 { _ = dup2(null, 2) }
            _ = try? TOMLTable(string: text)
            _exit(0)
        }
        // Without a child (fork refused), the parse goes ahead unguarded, as it would anyway.
        guard child > 0 else { return .survived }
        var status: Int32 = 0
        var waited = 0
        while true {
            let r = waitpid(child, &status, WNOHANG)
            if r == child { break }
            if r < 0, errno != EINTR { return .survived }
            if waited >= timeoutMs {
                // A child that neither ends nor dies has most likely deadlocked on a lock another
                // thread held at the fork (a process with threads: the test runner), not on the
                // text: toml++'s failures are aborts, which end it at once. The parse goes ahead
                // here, as it would without a child.
                kill(child, SIGKILL)
                _ = waitpid(child, &status, 0)
                return .survived
            }
            usleep(2_000)
            waited += 2
        }
        // Exited normally with 0: survived (WIFEXITED and WEXITSTATUS by hand: Swift lacks the macros).
        return status & 0x7F == 0 && (status >> 8) & 0xFF == 0 ? .survived : .died
    }
}
