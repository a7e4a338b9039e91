import Cells
import Dashboard
import EventModel
import Live
import Terminal
import Windows

/// The live engine feeds the dashboard's session.
extension LiveEngine: SnapshotFeed {
    public var failureText: String? { failure?.description }
    public func stopAndWait() {
        stop()
        waitUntilFinished()
    }
}

/// The terminal is the dashboard's screen.
extension TerminalScreen: DashboardScreen {}

/// Opens the terminal and runs the dashboard on `engine` (already started) until `q` or a
/// signal; ingest is stopped however it ends. Returns the last snapshot, for the summary.
func runScreen(_ engine: LiveEngine, options: ScreenOptions) throws(TerminalError) -> MetricsSnapshot? {
    let screen: TerminalScreen
    do {
        screen = try TerminalScreen.open(mouse: options.mouse)
    } catch {
        engine.stopAndWait()
        throw error
    }
    defer { screen.close() }
    return ScreenSession.run(screen: screen, feed: engine, options: options)
}
