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
    private var selected: CivilDate?

    mutating func view(of browser: HistoryBrowser, weeks: [CivilDate], selected: CivilDate) -> HistoryView {
        if let view, self.weeks == weeks, self.selected == selected, revision == browser.revision { return view }
        let answer = browser.weeks(weeks)
        let fresh = HistoryView(answer, selected: selected)
        self.selected = selected
        view = answer.isComplete ? fresh : nil
        self.weeks = weeks
        revision = browser.revision
        return fresh
    }

    /// The eight weeks the pane shows, Mondays, oldest first, around the week `offset` weeks
    /// from the week of `today` (0 = this week, −1 = last week): that week in the middle (the
    /// fifth) when later weeks exist, never past this week. Also the selected week.
    static func weeks(offset: Int, today: CivilDate) -> (weeks: [CivilDate], selected: CivilDate) {
        let now = today.weekStart
        let selected = now.adding(days: Int64(min(0, offset)) * 7)
        let after = min(3, -min(0, offset))
        let last = selected.adding(days: Int64(after) * 7)
        return ((0..<8).reversed().map { last.adding(days: -Int64($0) * 7) }, selected)
    }
}
