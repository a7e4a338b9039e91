import Ingest
import Output

/// Says on stderr when a source's warning (a Kafka broker gone) starts, changes and ends,
/// for `live --headless`; the screen shows it in the status bar instead.
struct InputWarnings {
    let input: String
    let monitor: InputMonitor?
    private var shown: String?
    private var shownProblem: String?
    private var shownAssignment: [Int32]?

    init(input: String, monitor: InputMonitor?) {
        self.input = input
        self.monitor = monitor
    }

    mutating func echo() {
        guard let monitor else { return }
        let status = monitor.status
        if let problem = status.problem, problem != shownProblem {
            Console.error("warning: \(input): \(problem)")
            shownProblem = problem
        }
        if let assignment = status.assignment, assignment != shownAssignment {
            // A member of a group says which partitions it reads, as they change.
            Console.error("\(input): " + (assignment.isEmpty ? "no partitions (the group is rebalancing)"
                : "reading partition\(assignment.count == 1 ? "" : "s") \(assignment.map(String.init).joined(separator: ", "))"))
            shownAssignment = assignment
        }
        let warning = status.warning
        guard warning != shown else { return }
        if let warning {
            Console.error("warning: \(input): \(warning)")
        } else {
            Console.error("\(input): ingest resumed")
        }
        shown = warning
    }
}
