#if canImport(Glibc)
import Glibc
#endif
import EventModel
import Foundation
import Ingest
import Windows

/// `live --headless` without `--once`: every interval, a fresh snapshot is handed to `emit`
/// (which prints the window's rows), until the input ends, SIGINT or SIGTERM (`StopSignals`)
/// arrives, `emit` says the output is gone, or `emit` fails. The engine is stopped in every case.
public enum HeadlessRun {
    /// Starts `engine` on `source` and runs the tick loop; `emit` returns false when its
    /// output has closed, and throws when it cannot write (the error is thrown on, once ingest
    /// has stopped).
    public static func run(_ engine: LiveEngine, source: sending InputSource, hopping: HoppingSpec?,
                           resume: ResumePoint?, intervalNanos: Int64,
                           emit: (MetricsSnapshot) throws(DataError) -> Bool) throws(DataError)
    {
        StopSignals.install()
        engine.start(source, hopping: hopping, resume: resume)
        var nextTick = WallClock.monotonicNanos() + intervalNanos
        var outputOpen = true
        while outputOpen {
            // Blocks until the tick or the end of ingest, looking at the signal flag every 250 ms.
            while WallClock.monotonicNanos() < nextTick && !StopSignals.raised {
                let wait = min(nextTick - WallClock.monotonicNanos(), 250_000_000)
                if engine.waitUntilFinished(before: Date(timeIntervalSinceNow: Double(max(wait, 0)) / 1e9)) { break }
            }
            if StopSignals.raised {
                engine.stop()
                engine.waitUntilFinished()
                break
            }
            let finished = engine.isFinished
            guard let snapshot = engine.freshSnapshot() else { break }
            do {
                outputOpen = try emit(snapshot)
            } catch {
                engine.stop()
                engine.waitUntilFinished()
                throw error
            }
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
