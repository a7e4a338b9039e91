import EventModel
import Foundation
import Synchronization

/// The live demo's input: a thread that writes NDJSON events stamped with the current time,
/// at a target rate, into a pipe whose read end the caller reads as an ordinary live input (so
/// the `auto` clock is event + wall). Tenants of Zipf-like volumes, the 60/32/8
/// click/view/error mix, sessions, bursts and error incidents (`DemoSchedule`). Paced by the
/// monotonic clock in ticks of 25 ms with sleeps in between. If the reader falls behind,
/// the pipe fills and the feed waits, giving up events more than a quarter second late
/// (counted in `Stats.skipped`) rather than building a backlog.
///
///     let (feed, readEnd) = try DemoFeed.start(.init(rate: 2_000, tenants: 24, seed: 1))
///     engine.start(InputSource(fileDescriptor: readEnd, name: "demo"), hopping: nil)
///     …
///     feed.stop()   // the pipe closes: the engine sees the input end
public final class DemoFeed: Sendable {
    public struct Settings: Sendable, Equatable {
        /// The highest rate accepted; larger ones are lowered to it.
        public static let maxRate = 5_000_000.0
        /// The most tenants (the processor's default `--max-tenants`).
        public static let maxTenants = 10_000

        /// Events a second without bursts (bursts add to it), 0…`maxRate`.
        public var rate: Double
        /// Tenants, 1…`maxTenants`.
        public var tenants: Int
        public var seed: UInt64

        public init(rate: Double = 2_000, tenants: Int = 24, seed: UInt64 = 1) {
            self.rate = rate.isFinite ? min(Self.maxRate, max(0, rate)) : 0
            self.tenants = min(Self.maxTenants, max(1, tenants))
            self.seed = seed
        }

        /// Checks `demo`'s `--tenants`, `--rate` and `--weeks`; a mistake is a usage error naming
        /// its option.
        public static func check(tenants: Int, rate: Double, weeks: Int) throws(DataError) {
            guard (1...maxTenants).contains(tenants) else {
                throw DataError(.usage, "--tenants must be between 1 and \(maxTenants)")
            }
            guard rate.isFinite, rate >= 0, rate <= maxRate else {
                throw DataError(.usage, "--rate must be between 0 and \(Int(maxRate)) events a second")
            }
            guard (1...DemoBackfill.maxWeeks).contains(weeks) else {
                throw DataError(.usage, "--weeks must be between 1 and \(DemoBackfill.maxWeeks)")
            }
        }
    }

    /// What the feed has done so far.
    public struct Stats: Sendable, Equatable {
        /// Events written into the pipe.
        public var events = 0
        public var bytes: Int64 = 0
        /// Events given up because the reader fell behind by more than a quarter second.
        public var skipped = 0
        /// CPU time the feed's thread has used, in nanoseconds.
        public var cpuNanos: Int64 = 0
        /// The rate now (bursts included), events a second.
        public var currentRate = 0.0
        /// Seconds since the feed started.
        public var elapsed = 0.0
        public var running = true
    }

    /// Milliseconds between draws.
    static let tickMs: Int64 = 25

    public let settings: Settings
    private let writeEnd: Int32
    private let state = Mutex(Stats())
    private let stopRequested = Atomic<Bool>(false)

    private init(settings: Settings, writeEnd: Int32) {
        self.settings = settings
        self.writeEnd = writeEnd
    }

    /// Makes the pipe and starts the feed's thread; returns the pipe's read end, which the
    /// caller owns and closes.
    public static func start(_ settings: Settings) throws(DataError) -> (feed: DemoFeed, readEnd: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw .io("cannot make the demo's pipe: \(DataError.systemReason)") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // Writes never block (the feed waits with poll, so it can stop); a larger pipe rides
        // out a slow reader's pauses. Neither is required: failures are ignored.
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        #if os(Linux)
        _ = fcntl(fds[1], 1031 /* F_SETPIPE_SZ */, Int32(1 << 20))
        #endif
        let feed = DemoFeed(settings: settings, writeEnd: fds[1])
        let thread = Thread { feed.run() }
        thread.name = "eventtop-demo-feed"
        thread.start()
        return (feed, fds[0])
    }

    /// Ends the feed and closes the pipe (the reader then sees the input end); waits up to a
    /// second for the thread to finish. Safe to call more than once.
    public func stop() {
        stopRequested.store(true, ordering: .relaxed)
        let deadline = WallClock.monotonicNanos() + 1_000_000_000
        while isRunning && WallClock.monotonicNanos() < deadline { usleep(1000) }
    }

    public var stats: Stats { state.withLock { $0 } }
    public var isRunning: Bool { state.withLock { $0.running } }

    private var stopping: Bool { stopRequested.load(ordering: .relaxed) }

    /// The feed's thread: draw the events due, write them, sleep until the next tick.
    private func run() {
        // Writing into a pipe whose reader has gone raises SIGPIPE, which would end the
        // process: blocked on this thread, the write fails with EPIPE instead.
        var mask = sigset_t()
        sigemptyset(&mask)
        sigaddset(&mask, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &mask, nil)
        defer {
            close(writeEnd)
            state.withLock { $0.running = false }
        }
        var source = DemoEventSource(rate: settings.rate, tenants: settings.tenants, seed: settings.seed)
        source.synth.out.reserveCapacity(64 << 10)
        let tick = Self.tickMs * 1_000_000
        let startMono = WallClock.monotonicNanos()
        var lastMono = startMono
        var lastWall = WallClock.nowNanos()
        var nextTick = startMono + tick
        while !stopping {
            let now = WallClock.monotonicNanos(), wall = WallClock.nowNanos()
            let (drawn, skipped) = source.draw(elapsed: Double(now - startMono) / 1e9, seconds: Double(now - lastMono) / 1e9,
                                               fromWall: lastWall, toWall: max(lastWall, wall))
            lastMono = now
            lastWall = max(lastWall, wall)
            let bytes = source.synth.out.count
            if bytes > 0 {
                guard writeAll(source.synth.out) else { return }
                source.synth.out.removeAll(keepingCapacity: true)
            }
            let cpu = Self.threadCPUNanos()
            let rate = source.currentRate
            let after = WallClock.monotonicNanos()
            state.withLock {
                $0.events += drawn
                $0.bytes += Int64(bytes)
                $0.skipped += skipped
                $0.cpuNanos = cpu
                $0.currentRate = rate
                $0.elapsed = Double(after - startMono) / 1e9
            }
            if nextTick <= after { nextTick = after + tick / 2 }  // behind: never sleep less than half a tick
            Self.sleep(nanos: nextTick - after)
            nextTick += tick
        }
    }

    /// Writes every byte unless the reader is gone, or the feed is stopped and the reader
    /// takes no more for 100 ms (the last line may then be cut); false then.
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            var giveUpAt = Int64.max
            while done < buffer.count {
                let n = write(writeEnd, buffer.baseAddress! + done, buffer.count - done)
                if n > 0 {
                    done += n
                    continue
                }
                if n < 0 && errno == EINTR { continue }
                guard n < 0 && errno == EAGAIN else { return false }  // EPIPE: nobody reads any more
                var pfd = pollfd(fd: writeEnd, events: Int16(POLLOUT), revents: 0)
                while true {
                    if stopping {
                        if giveUpAt == .max { giveUpAt = WallClock.monotonicNanos() + 100_000_000 }
                        if WallClock.monotonicNanos() >= giveUpAt { return false }
                    }
                    let ready = poll(&pfd, 1, 20)
                    if ready > 0 { break }
                    if ready < 0 && errno != EINTR { return false }
                }
            }
            return true
        }
    }

    private static func threadCPUNanos() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    private static func sleep(nanos: Int64) {
        guard nanos > 0 else { return }
        var ts = timespec(tv_sec: Int(nanos / 1_000_000_000), tv_nsec: Int(nanos % 1_000_000_000))
        nanosleep(&ts, nil)
    }
}
