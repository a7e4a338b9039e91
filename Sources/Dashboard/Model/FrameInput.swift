import Cells
import EventModel
import Windows

/// Everything one frame is drawn from.
public struct FrameInput: Sendable {
    public var live: LiveView
    public var history: HistoryView?
    public var state: DashboardState
    public var theme: Theme
    /// Where events come from: `stdin`, a path, `demo`.
    public var inputName: String
    public var version: String
    /// Wall clock, epoch seconds.
    public var now: Int64
    /// Events accepted a second, measured between frames.
    public var ingestRate: Double
    /// The input has ended (a finite file read to its end).
    public var inputEnded: Bool
    /// The input failed: the message names it.
    public var inputError: String?
    /// The history folder, when there is one.
    public var historyFolder: String?
    /// A problem to show in the status bar (a theme file that could not be loaded).
    public var notice: String?
    /// A passing message (the theme chosen, a file written), shown for a few seconds.
    public var flash: String?
    /// When error rates are flagged.
    public var alerting = Alerting.standard
    /// While the display is paused: ingest's counters now (the panes keep the paused snapshot's).
    public var liveStats: IngestStats?

    public init(live: LiveView, history: HistoryView?, state: DashboardState, theme: Theme, inputName: String,
                version: String, now: Int64, ingestRate: Double, inputEnded: Bool = false, inputError: String? = nil,
                historyFolder: String? = nil, notice: String? = nil)
    {
        self.live = live
        self.history = history
        self.state = state
        self.theme = theme
        self.inputName = inputName
        self.version = version
        self.now = now
        self.ingestRate = ingestRate
        self.inputEnded = inputEnded
        self.inputError = inputError
        self.historyFolder = historyFolder
        self.notice = notice
    }
}
