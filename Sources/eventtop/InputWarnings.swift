import Ingest
import Output

/// Says on stderr when a source's warning (a Kafka broker gone) starts, changes and ends,
/// for `live --headless`; the screen shows it in the status bar instead.
struct InputWarnings {
    let input: String
    let monitor: InputMonitor?
    private var shown: String?

    init(input: String, monitor: InputMonitor?) {
        self.input = input
        self.monitor = monitor
    }

    mutating func echo() {
        guard let monitor else { return }
        let warning = monitor.status.warning
        guard warning != shown else { return }
        if let warning {
            Console.error("warning: \(input): \(warning)")
        } else {
            Console.error("\(input): ingest resumed")
        }
        shown = warning
    }
}
