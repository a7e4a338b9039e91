import EventModel
import Windows

/// The line `live`, `demo` and `rollup` print on stderr when they end.
public enum SummaryLine {
    /// `1234 events accepted, 5 lines rejected (invalid_json 2, bad_timestamp 3); 7 late, 0 future`,
    /// then what was folded and what the live rollup wrote.
    public static func text(_ stats: IngestStats) -> String {
        var text = accepted(stats.accepted, rejected: stats.rejected)
        text += "; \(stats.late) late, \(stats.future) future"
        text += folding(stats.folding)
        if let history = stats.history {
            text += "; \(history.daysWritten) days written"
            if history.unwrittenDays > 0 { text += ", \(history.unwrittenDays) days not written" }
            text += ", \(history.openDays) open, \(history.dropped) dropped for closed days"
        }
        return text + autoUnits(stats.autoUnits)
    }

    /// `; epoch timestamps read as ms (--ts-unit auto)`, with counts when values took more than
    /// one unit; empty when no numeric timestamp was read under auto.
    public static func autoUnits(_ counts: [Int]) -> String {
        let used = EpochUnit.allCases.filter { $0.rawValue < counts.count && counts[$0.rawValue] > 0 }
        guard !used.isEmpty else { return "" }
        let units = used.count == 1 ? used[0].name : used.map { "\($0.name) (\(counts[$0.rawValue]))" }.joined(separator: ", ")
        return "; epoch timestamps read as \(units) (--ts-unit auto)"
    }

    /// `, 120 events of 3 tenants folded into (other) (--max-tenants 5)`, and the same for event
    /// types: nothing is folded without a word.
    static func folding(_ f: IngestStats.Folding) -> String {
        func names(_ n: Int) -> String { n >= FoldedNames.cap ? "at least \(n)" : "\(n)" }
        var text = ""
        if f.tenantEvents > 0 {
            text += ", \(f.tenantEvents) events of \(names(f.tenants)) tenants folded into \(Folded.name) (--max-tenants \(f.maxTenants))"
        }
        if f.typeEvents > 0 {
            text += ", \(f.typeEvents) events of \(names(f.types)) event types folded into \(Folded.name) (--max-types \(f.maxTypes))"
        }
        return text
    }

    /// What `live --history` could not do, as one line, or nil when everything reached the disk:
    /// closed days not written (kept in the checkpoint and retried), a checkpoint not saved.
    public static func historyFailure(_ stats: IngestStats, folder: String) -> String? {
        guard let history = stats.history else { return nil }
        let checkpoint = history.checkpointError.map { "the checkpoint could not be saved (\($0))" }
        guard history.unwrittenDays > 0 else {
            return checkpoint.map { $0 + ": a restart would not find where this run stopped" }
        }
        var text = "\(history.unwrittenDays) closed days could not be written to \(folder) (\(history.lastError ?? "unknown reason"))"
        if let checkpoint {
            text += " and \(checkpoint): those days are lost"
        } else {
            text += ": they are kept in the checkpoint and written at the next run"
        }
        return text
    }

    /// `rollup`'s line: what was read, and where the dates went.
    public static func rollup(accepted: Int, rejected: RejectCounts, dates: Int, folder: String, autoUnits: [Int] = [])
        -> String
    {
        self.accepted(accepted, rejected: rejected) + "; \(dates) dates written to \(folder)" + self.autoUnits(autoUnits)
    }

    /// `1234 events accepted, 5 lines rejected (invalid_json 2, bad_timestamp 3)`
    static func accepted(_ accepted: Int, rejected: RejectCounts) -> String {
        var text = "\(accepted) events accepted, \(rejected.total) lines rejected"
        if rejected.total > 0 { text += " (\(rejected.description))" }
        return text
    }
}
