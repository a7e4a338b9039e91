import Cells
import EventModel

/// The bottom line: input, ingest rate, a Kafka input's lag per partition and broker warning,
/// totals, bad/late/dropped, stream time and lag, window, history folder. While `/` is typed it is the filter line instead.
enum StatusBar {
    /// `lag 0:12 1:0 2:1.2k` (partition:messages behind), or the total and the largest for
    /// many partitions: `lag 4.1k in 12 partitions, most 3:1.2k`; `?` where not known yet.
    /// A member of a group shows only its own partitions: `lag 1:0 3:12 (2 of 4)`.
    static func lag(_ status: InputStatus) -> String {
        func behind(_ n: Int64) -> String { n < 0 ? "?" : NumberFormat.count(n, width: 5) }
        let mine = status.lag.indices.filter { status.lag[$0] != InputStatus.notOwned }
        let share = mine.count < status.lag.count ? " (\(mine.count) of \(status.lag.count))" : ""
        guard !mine.isEmpty else { return "no partitions of \(status.lag.count) (group rebalancing)" }
        let lag = status.lag
        if mine.count <= 6 { return "lag " + mine.map { "\($0):\(behind(lag[$0]))" }.joined(separator: " ") + share }
        guard let total = status.totalLag, let most = mine.max(by: { lag[$0] < lag[$1] }) else {
            return "lag ? in \(mine.count) partitions" + share
        }
        return "lag \(behind(total)) in \(mine.count) partitions, most \(most):\(behind(lag[most]))" + share
    }

    static func draw(_ grid: inout CellGrid, _ input: FrameInput, y: Int, sep: String) {
        let theme = input.theme
        grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: theme.status)
        if let draft = input.state.filterDraft {
            let hint = "   Enter apply\(sep)Esc cancel"
            var x = grid.put(" filter: ", x: 0, y: y, style: theme.key.on(theme.status))
            // The draft first; the hint only where it still fits. A long draft shows its end.
            let room = max(1, grid.width - x - 1)
            let draftWidth = DisplayText.width(of: draft, charset: grid.charset)
            var shown = Substring(draft)
            while DisplayText.width(of: shown, charset: grid.charset) > room - 1, !shown.isEmpty { shown = shown.dropFirst() }
            if shown.count < draft.count { shown = Substring(String(grid.charset.ellipsis) + shown.dropFirst()) }
            x += grid.put(shown, x: x, y: y, style: theme.status, maxWidth: room)
            x += grid.put(grid.charset == .utf8 ? "▏" : "_", x: x, y: y, style: theme.status)
            if x + DisplayText.width(of: hint, charset: grid.charset) <= grid.width, draftWidth < room - 1 {
                grid.put(hint, x: x, y: y, style: theme.muted.on(theme.status, muted: true))
            }
            return
        }
        if let draft = input.state.dateDraft {
            var x = grid.put(" go to the week of: ", x: 0, y: y, style: theme.key.on(theme.status))
            x += grid.put(draft, x: x, y: y, style: theme.status)
            x += grid.put(grid.charset == .utf8 ? "▏" : "_", x: x, y: y, style: theme.status)
            grid.put("   2026-10-05 or 2026-W41\(sep)Enter go\(sep)Esc cancel", x: x, y: y,
                     style: theme.muted.on(theme.status, muted: true))
            return
        }
        let stats = input.liveStats ?? input.live.stats
        let plain = theme.status, warn = theme.warning.on(theme.status), bad = theme.error.on(theme.status)
        // (text, style, priority): the lowest priorities give way first on narrow screens.
        var parts: [(String, CellStyle, Int)] = []
        if let error = input.inputError {
            parts.append(("\(input.inputName): \(error)", bad, 10))
        } else {
            parts.append((input.inputEnded ? "\(input.inputName) (ended)" : input.inputName, plain.adding(.bold), 10))
            parts.append(("\(NumberFormat.rate(input.ingestRate, width: 9)) ev/s", plain, 9))
        }
        if input.state.paused { parts.append(("paused (space resumes)", warn.adding(.bold), 9)) }
        if let source = stats.input {
            // A Kafka input: a broker gone is said until it is back; lag per partition.
            if let warning = source.warning { parts.append((warning, warn.adding(.bold), 9)) }
            if let problem = source.problem { parts.append((problem, warn.adding(.bold), 9)) }
            if !source.lag.isEmpty {
                parts.append((Self.lag(source), (source.totalLag ?? 0) > 100_000 ? warn : plain, 8))
            }
        }
        parts.append(("total \(NumberFormat.count(Int64(stats.accepted), width: 9))", plain, 6))
        let rejected = stats.rejected.total
        parts.append(("bad \(NumberFormat.count(Int64(rejected), width: 7))", rejected > 0 ? warn : plain, rejected > 0 ? 8 : 2))
        parts.append(("late \(NumberFormat.count(Int64(stats.late), width: 7))", stats.late > 0 ? warn : plain, stats.late > 0 ? 7 : 2))
        // Folding is never silent: events, and the tenants and types they belonged to.
        let folding = stats.folding
        if folding.events > 0 {
            var whose: [String] = []
            if folding.tenants > 0 { whose.append("\(folding.tenants) tenants") }
            if folding.types > 0 { whose.append("\(folding.types) types") }
            parts.append(("folded \(NumberFormat.count(Int64(folding.events), width: 7)) (\(whose.joined(separator: ", ")))",
                          warn, 7))
        }
        let dropped = stats.future + (stats.history?.dropped ?? 0)
        parts.append(("dropped \(NumberFormat.count(Int64(dropped), width: 7))", dropped > 0 ? warn : plain, dropped > 0 ? 7 : 2))
        if let end = input.live.streamEnd {
            let lag = input.now - (end - 1)
            parts.append(("stream \(NumberFormat.clock(end - 1)) lag \(NumberFormat.lag(lag))", lag > 60 ? warn : plain, 8))
        } else {
            parts.append(("stream waiting", plain, 8))
        }
        parts.append((input.state.window.label, plain, 3))
        if input.historyFolder != nil, let history = input.history {
            if history.folderError != nil {
                parts.append(("history: none yet", theme.muted.on(theme.status, muted: true), 4))
            } else if history.loadingDates > 0 {
                parts.append(("history: loading", plain, 5))
            } else if !history.failures.isEmpty || !history.problems.isEmpty {
                parts.append(("history: \(history.failures.count + history.problems.count) failed", bad, 8))
            } else {
                parts.append(("history: \(history.knownDates) days", plain, 4))
            }
        }
        if let history = stats.history {
            // Days kept because they could not be written: said until they are.
            if history.unwrittenDays > 0 {
                parts.append(("\(history.unwrittenDays) days not written: \(history.lastError ?? "?")", warn, 9))
            }
            if let failure = history.checkpointError { parts.append(("checkpoint not saved: \(failure)", warn, 9)) }
        }
        if let notice = input.notice { parts.append((notice, bad, 9)) }
        if let problem = input.state.dateProblem { parts.insert((problem, bad, 9), at: 1) }
        if let flash = input.flash { parts.insert((flash, theme.key.on(theme.status).adding(.bold), 9), at: 1) }
        let sepWidth = DisplayText.width(of: sep, charset: grid.charset)
        func total() -> Int { parts.reduce(1) { $0 + DisplayText.width(of: $1.0, charset: grid.charset) } + sepWidth * (parts.count - 1) }
        // The least useful parts give way first; failures (priority 9) are cut short, never dropped.
        while total() > grid.width, parts.count > 1,
              let lowest = parts.indices.dropFirst().min(by: { parts[$0].2 < parts[$1].2 }), parts[lowest].2 < 9
        {
            parts.remove(at: lowest)
        }
        for i in parts.indices.dropFirst().reversed() where total() > grid.width {
            let width = DisplayText.width(of: parts[i].0, charset: grid.charset)
            let room = max(12, width - (total() - grid.width))
            parts[i].0 = DisplayText.fittedString(parts[i].0, columns: room, charset: grid.charset)
        }
        var x = 1
        for (i, part) in parts.enumerated() {
            if x >= grid.width { break }
            if i > 0 { x += grid.put(sep, x: x, y: y, style: theme.muted.on(theme.status, muted: true)) }
            x += grid.put(part.0, x: x, y: y, style: part.1)
        }
    }
}
