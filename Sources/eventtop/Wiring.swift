import Cells
import Dashboard
import EventModel
import Foundation
import Output
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

/// `e` on the screen: the tenant table as CSV, in a new file in the current folder.
@Sendable func exportTenants(_ table: TenantExport) -> Result<String, DataError> {
    var csv = MachineText(header: TenantExport.header, json: false)
    func number(_ value: Double?) -> String? { value.map { String($0) } }
    for row in table.rows {
        csv.beginRow()
        csv.text(row.tenant)
        csv.text(table.window)
        csv.text(table.windowStart.map(Timestamp.formatSeconds))
        csv.text(table.windowEnd.map(Timestamp.formatSeconds))
        csv.integer(table.coveredSeconds)
        csv.integer(row.events)
        csv.number(number(row.eventsPerSecond))
        csv.integer(row.errors)
        csv.number(number(row.errorShare))
        csv.number(number(row.baselineShare))
        csv.number(number(row.deltaPoints))
        csv.text(row.belowMinEvents ? "true" : "false")
        csv.endRow()
    }
    let text = csv.finish()
    let name = table.fileName
    for n in 1...20 {
        let path = n == 1 ? name : name.replacingOccurrences(of: ".csv", with: "-\(n).csv")
        if access(path, F_OK) == 0 { continue }
        do throws(DataError) {
            try TextFileWriter.create(path, text: text)
            return .success(path)
        } catch {
            return .failure(error)
        }
    }
    return .failure(DataError(.io, "\(name): twenty files of that name already exist"))
}
