import EventModel
import History

/// The history pane's view, built again only when the weeks on screen or the folder change:
/// the reports over eight weeks of dates take milliseconds, a frame should not.
struct HistoryViewCache {
    private var weeks: [CivilDate] = []
    private var revision = -1
    private var view: HistoryView?

    /// The view of `weeks` (Mondays, oldest first): the one kept when nothing changed since it
    /// was complete, else a fresh one (kept once every date has been read).
    mutating func view(of browser: HistoryBrowser, weeks: [CivilDate]) -> HistoryView {
        if let view, self.weeks == weeks, revision == browser.revision { return view }
        let answer = browser.weeks(weeks)
        let fresh = HistoryView(answer)
        view = answer.isComplete ? fresh : nil
        self.weeks = weeks
        revision = browser.revision
        return fresh
    }

    /// The eight weeks the pane shows: Mondays, oldest first, ending with the week `offset`
    /// weeks from the week of `today` (0 = this week, −1 = last week).
    static func weeks(offset: Int, today: CivilDate) -> [CivilDate] {
        let selected = today.weekStart.adding(days: Int64(offset) * 7)
        return (0..<8).reversed().map { selected.adding(days: -Int64($0) * 7) }
    }
}
