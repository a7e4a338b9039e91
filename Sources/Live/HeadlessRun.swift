#if canImport(Glibc)
import Glibc
#endif
import EventModel
import Ingest
import Windows

/// `live --headless` without `--once`: every interval, a fresh snapshot is handed to `emit`
/// (which prints the window's rows), until the input ends, SIGINT or SIGTERM (`StopSignals`)
/// arrives, or `emit` says the output is gone. The engine is stopped in every case.
public enum HeadlessRun {
    /// Starts `engine` on `source` and runs the tick loop; `emit` returns false when its
    /// output has closed.
    public static func run(_ engine: LiveEngine, source: sending InputSource, hopping: HoppingSpec?,
                           resume: ResumePoint?, intervalNanos: Int64, emit: (MetricsSnapshot) -> Bool)
    {
        StopSignals.install()
        engine.start(source, hopping: hopping, resume: resume)
        var nextTick = WallClock.monotonicNanos() + intervalNanos
        var outputOpen = true
        while outputOpen {
            while WallClock.monotonicNanos() < nextTick && !engine.isFinished && !StopSignals.raised {
                usleep(10_000)
            }
            if StopSignals.raised {
                engine.stop()
                engine.waitUntilFinished()
                break
            }
            let finished = engine.isFinished
            guard let snapshot = engine.freshSnapshot() else { break }
            outputOpen = emit(snapshot)
            if finished { break }
            nextTick += intervalNanos
            let now = WallClock.monotonicNanos()
            if nextTick < now { nextTick = now + intervalNanos }
        }
        if !outputOpen {
            engine.stop()
            engine.waitUntilFinished()
        }
    }
}
