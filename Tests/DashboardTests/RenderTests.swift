import Cells
@testable import Dashboard
import EventModel
import History
import TestSupport
import Testing
import Windows

@Suite struct RenderTests {
    init() { #expect(utf8Locale) }

    @Test func frameAt80x24() {
        let (grid, facts) = frame(sampleInput(), 80, 24)
        let lines = grid.lines
        #expect(lines.count == 24)
        #expect(lines[0].hasPrefix(" eventtop 0.1.0 · events.ndjson · window 1m rolling"))
        #expect(lines[0].hasSuffix("12:00:02 UTC  ? help"))
        #expect(lines[1] == "┌ Events per tenant · last 1m rolling ────────────────────────── rows 1–3 of 3 ┐")
        #expect(lines[2].hasPrefix("│TENANT                EVENTS▼     EV/S   ERRORS   ERR%  ΔERR% LAST 15s"))
        // acme: 60 s × (6 clicks + 3 views) + 10 errors = 550 events, 10 errors, 1.8 %; events/s
        // over the 59 whole seconds (the last second, still filling, left out): (550 − 9) / 59.
        #expect(lines[3].hasPrefix("│acme                      550     9.17       10   1.8% "))
        #expect(lines[4].hasPrefix("│initech                    27     0.46       15  55.6% "))
        #expect(lines[5].hasPrefix("│globex                     12     0.20        0     0% "))
        #expect(lines[6] == "│                                                                              │")
        #expect(lines[15] == "┌ Event types · all tenants · last 1m rolling ───────────────────── 589 events ┐")
        #expect(lines[16].hasPrefix("│click ████"))
        #expect(lines[16].hasSuffix("63.2%        372│"))
        #expect(lines[18].hasSuffix("4.2%         25│"))
        #expect(lines[23] == " events.ndjson · 812.5 ev/s · total 590 · stream 11:59:59 lag 3s · 1m rolling")
        #expect(facts.tenantOrder == ["acme", "initech", "globex"])
        #expect(facts.visiblePanes == [.tenants, .types])
    }

    @Test func frameAt40x10ShowsTheFocusedPaneOnly() {
        let (grid, facts) = frame(sampleInput(), 40, 10)
        #expect(grid.lines == [
            " eventtop 0.1.0    12:00:02 UTC  ? help",
            "┌ Events per tenant · last 1m rolling ─┐",
            "│TENANT          EVENTS▼   ERR%  ΔERR% │",
            "│acme                550   1.8%      · │",
            "│initech              27  55.6%      · │",
            "│globex               12     0%      · │",
            "│                                      │",
            "│                                      │",
            "└──────────────────────────────────────┘",
            " events.ndjson · 812.5 ev/s",
        ])
        #expect(facts.visiblePanes == [.tenants])
        var state = sampleInput().state
        _ = state.handle(.tab, tenantOrder: facts.tenantOrder)
        let (types, _) = frame(sampleInput(state: state), 40, 10)
        #expect(types.lines[1] == "┌ Types · all tenants ───── 589 events ┐")
        #expect(types.lines[2].hasPrefix("│click ████"))
    }

    @Test func frameAt200x60WithHistory() {
        let history = HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49)
        let (grid, facts) = frame(sampleInput(history: history), 200, 60)
        let lines = grid.lines
        #expect(facts.visiblePanes == [.tenants, .types, .history])
        #expect(lines[1].contains("Events per tenant · last 1m rolling"))
        #expect(lines[1].contains("History · week 2026-W48 (Nov 23–29)"))
        #expect(lines[2].contains("ΔERR% LAST 51s"))
        #expect(lines[2].contains("ERROR RATE"))
        #expect(lines[2].contains("[W48]"))
        #expect(lines[59].contains("history: 1 failed"))
        #expect(grid.text.contains("! 2026-11-25: part-0.parquet: corrupt footer"))
    }

    @Test func frameAt80x24WithHistoryShowsTheWeeklyRates() {
        let history = HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49)
        let (grid, facts) = frame(sampleInput(history: history), 80, 24)
        #expect(facts.visiblePanes == [.tenants, .types, .history])
        let lines = grid.lines
        let header = lines.first { $0.contains("ERROR RATE") }
        #expect(header?.contains("[W48]") == true && header?.contains("EVENTS") == true, "\(grid.text)")
        // acme: 80 errors in 1,000 events a day; the selected week holds three loaded days.
        let acme = lines.first { $0.contains("││acme") }
        #expect(acme?.contains("││acme          8.0%    8.0%   8.0%!    3,000") == true, "\(grid.text)")
        // globex: 100 errors on one of those days (104 in 600 events).
        #expect(lines.contains { $0.contains("││globex        8.0%    8.0%  17.3%!      600") })
        #expect(grid.text.contains("! 2026-11-25: part-0.parquet: corrupt footer"))
    }

    @Test func theSelectedRowTakesTheSelectionColorsButAlertsKeepTheirs() {
        var state = sampleInput().state
        state.selectedTenant = "initech"
        var input = sampleInput(state: state)
        input.live = LiveView(snapshot: offBaselineSnapshot(), window: state.window)
        input.theme = .dark
        let (grid, _) = frame(input, 80, 24)
        let y = grid.lines.firstIndex { $0.hasPrefix("│initech") }!
        let selection = Theme.dark.selection
        #expect(grid[1, y].style == selection)  // the name
        let line = grid.line(y)
        let shareX = line.distance(from: line.startIndex, to: line.range(of: "%")!.lowerBound)
        #expect(grid[shareX, y].style.background == selection.background)
        // dark's bright red does not read on its cyan selection: the selection's black, underlined.
        #expect(!Legibility.reads(Theme.dark.error.foreground, on: selection.background))
        #expect(grid[shareX, y].style.foreground == selection.foreground)
        #expect(grid[shareX, y].style.attributes.contains([.bold, .underline]))
        // nord's red reads on nord's selection? Whichever it is, the cell reads.
        input.theme = try! ThemeCatalog.standard().load(name: "gruvbox")
        let (gruvbox, _) = frame(input, 80, 24)
        let cell = gruvbox[shareX, y]
        #expect(Legibility.reads(cell.style.foreground, on: cell.style.background))
        let other = grid.lines.firstIndex { $0.hasPrefix("│acme") }!
        #expect(grid[1, other].style == Theme.dark.base)
    }

    @Test func redMeansOffItsBaselineNotHasErrors() {
        var input = sampleInput()
        input.live = LiveView(snapshot: offBaselineSnapshot(), window: input.state.window)
        input.theme = .dark
        input.state.selectedTenant = "globex"  // the others drawn in their own colors
        let (grid, _) = frame(input, 120, 30)
        func styles(_ tenant: String) -> (errors: CellStyle, share: CellStyle, delta: CellStyle, text: String) {
            let y = grid.lines.firstIndex { $0.hasPrefix("│\(tenant) ") }!
            let cols = grid.lines[2]
            func x(_ title: String) -> Int { cols.distance(from: cols.startIndex, to: cols.range(of: title)!.upperBound) - 1 }
            return (grid[x("ERRORS"), y].style, grid[x("  ERR%"), y].style, grid[x("ΔERR%"), y].style, grid.lines[y])
        }
        // acme: 10 % errors all along: errors, but on its baseline: plain numbers.
        let acme = styles("acme")
        #expect(acme.text.contains("10.0%") && acme.text.contains("  0.0 "), "\(acme.text)")
        #expect(acme.errors == Theme.dark.number, "\(acme.errors)")
        #expect(acme.share == Theme.dark.number, "\(acme.share)")
        #expect(acme.delta == Theme.dark.number, "\(acme.delta)")
        // initech: clean for nine minutes, then 40 % in the last minute: red, +36 points or so.
        let initech = styles("initech")
        #expect(initech.share.foreground == Theme.dark.error.foreground && initech.delta.foreground == Theme.dark.error.foreground)
        #expect(initech.errors == Theme.dark.number, "an error count alone is not red")
        // hooli: 2 of 5 events are errors, off its baseline but too few to say: muted.
        let hooli = styles("hooli")
        #expect(hooli.share == Theme.dark.muted)
        // Sorting by the change puts initech first; hooli (below --min-events) last.
        var state = input.state
        _ = state.handle(.character("s"), tenantOrder: [])
        #expect(state.sort == .delta)
        #expect(state.arrange(input.live.tenants).map(\.name) == ["initech", "acme", "globex", "hooli"])
    }


    @Test func tooSmallBelow40x10() {
        let (grid, _) = frame(sampleInput(), 30, 8)
        #expect(grid.text.contains("terminal too small"))
        #expect(grid.text.contains("30x8; needs 40x10"))
        let (tiny, _) = frame(sampleInput(), 5, 2)
        #expect(tiny.lines.count == 2)
    }

    @Test func hostileTenantNamesNeverReachTheGridRaw() {
        let snap = snapshot([("evil\u{1B}]0;pwned\u{07}\u{1B}[2J", "click", noon - 1, 3), ("\u{202E}gnp.exe", "view", noon - 1, 1)])
        let state = DashboardState(window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60))
        var input = sampleInput()
        input.live = LiveView(snapshot: snap, window: state.window)
        for charset in [Charset.utf8, .ascii] {
            let (grid, _) = frame(input, 80, 24, charset: charset)
            for cell in grid.cells {
                for scalar in cell.character.unicodeScalars {
                    #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value))
                    #expect(scalar.value != 0x202E)
                    if charset == .ascii { #expect(scalar.value < 0x80) }
                }
            }
            if charset == .utf8 { #expect(grid.text.contains("│evil␛]0;pwned␇␛[2J ")) }
        }
    }

    @Test func asciiLocaleDrawsAsciiOnly() {
        let history = HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49)
        var state = sampleInput().state
        state.showHelp = true
        let (grid, _) = frame(sampleInput(state: state, history: history), 120, 40, charset: .ascii)
        #expect(grid.cells.allSatisfy { $0.character.isASCII })
        #expect(grid.lines[1].hasPrefix("+ Events per tenant - last 1m rolling -"))
        #expect(grid.text.contains("###"))
    }

    @Test func helpSaysWhenKeysDoNotFitAndListsThePresets() {
        var state = DashboardState(window: WindowChoice(presets: [10, 60, 120], length: 60))
        state.showHelp = true
        let small = frame(sampleInput(state: state), 40, 10).0.text
        #expect(small.contains("more keys"))
        let wide = frame(sampleInput(state: state), 120, 16).0.text
        #expect(wide.contains("next theme") && wide.contains("windows: 10s 1m 2m") && wide.contains("1 … 3"))
        #expect(!wide.contains("more keys"))
    }

    @Test func theFilterDraftStaysVisibleOnNarrowScreens() {
        var state = DashboardState(window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60))
        _ = state.handle(.character("/"), tenantOrder: [])
        for c in "initech-eu-west" { _ = state.handle(.character(c), tenantOrder: []) }
        let last = frame(sampleInput(state: state), 40, 10).0.lines[9]
        #expect(last.contains("eu-west▏"), "\(last)")
    }

    @Test func helpOverlayListsTheKeys() {
        var state = sampleInput().state
        _ = state.handle(.character("?"), tenantOrder: [])
        let (grid, _) = frame(sampleInput(state: state), 80, 24)
        #expect(grid.text.contains("Keys"))
        for (key, what) in [("q / ?", "quit"), ("Tab", "next pane"), ("w / W", "next / previous window"),
                            ("[ ] { }", "history: one week, four weeks"), ("g", "go to the week of a date"), ("H / v", "heatmap"),
                            ("e", "export"), ("t", "next theme"), ("/", "filter tenants"), ("mouse", "click")] {
            #expect(grid.lines.contains { $0.contains(" \(key) ") && $0.contains(what) }, "\(key)")
        }
    }

    @Test func sparklineFollowsTheLastSeconds() {
        var grid = CellGrid(width: 10, height: 1)
        Widgets.sparkline(&grid, [0, 1, 2, 4, 8, 0, 8][...], x: 0, y: 0, width: 10, style: .plain)
        #expect(grid.lines == ["    ▂▃▅█ █"])
        var narrow = CellGrid(width: 3, height: 1)
        Widgets.sparkline(&narrow, [100, 0, 1, 2][...], x: 0, y: 0, width: 3, style: .plain)
        #expect(narrow.lines == [" ▅█"])
    }

    @Test func sparklinesComeFromTheSnapshotsSeconds() {
        let view = LiveView(snapshot: sampleSnapshot(), window: sampleInput().state.window)
        let acme = view.tenants.first { $0.name == "acme" }!
        // Seconds noon−60 … noon−2 (the current second is left out): 9 events, 10 every sixth.
        #expect(acme.recent.count == 59)
        #expect(Array(acme.recent.prefix(7)) == [10, 9, 9, 9, 9, 9, 10])
        let (grid, _) = frame(sampleInput(), 200, 60)
        let line = grid.lines.first { $0.hasPrefix("│acme ") }!
        #expect(line.contains("█▇▇▇▇▇█▇▇▇▇▇█"))
    }

    @Test func barsUseEighths() {
        var grid = CellGrid(width: 10, height: 3)
        Widgets.bar(&grid, share: 0.5, x: 0, y: 0, width: 10, style: .plain)
        Widgets.bar(&grid, share: 0.33, x: 0, y: 1, width: 10, style: .plain)
        Widgets.bar(&grid, share: 0.001, x: 0, y: 2, width: 10, style: .plain)
        #expect(grid.lines == ["█████", "███▎", "▏"])
    }
}

/// Eight weeks ending with the week of 2026-11-23.
let sampleWeeks: [CivilDate] = (0..<8).reversed().map { CivilDate(year: 2026, month: 11, day: 23)!.adding(days: -7 * Int64($0)) }

/// Every date loaded with two tenants, except 2026-11-25 (failed) and the future days (no rows).
func sampleDayStates(_ date: CivilDate) -> DayState? {
    if date == CivilDate(year: 2026, month: 11, day: 25)! { return .failed("part-0.parquet: corrupt footer") }
    if date > CivilDate(year: 2026, month: 11, day: 26)! { return .loaded(DayData(date: date, tenants: [])) }
    return .loaded(DayData(date: date, tenants: [
        TenantCounts(tenant: "acme", totalEvents: 1000, errorEvents: 80),
        TenantCounts(tenant: "globex", totalEvents: 200, errorEvents: date.daysSinceEpoch % 7 == 0 ? 100 : 2),
    ]))
}

/// What the status bar says of what was folded or could not be written (issue 10).
@Suite struct StatusBarFailureTests {
    init() { #expect(utf8Locale) }

    @Test func foldingAndUnwrittenDaysAreSaid() {
        var input = sampleInput()
        input.live.stats.folding = .init(tenantEvents: 1200, tenants: 3, maxTenants: 10, typeEvents: 40, types: 2, maxTypes: 5)
        input.live.stats.history = .init(dropped: 0, daysWritten: 4, openDays: 1, heldEntries: 0, unwrittenDays: 2,
                                         lastError: "cannot create parts/date=2026-11-01: No space left on device")
        let wide = frame(input, 200, 60).0.lines[59]
        #expect(wide.contains("folded 1,240 (3 tenants, 2 types)"), "\(wide)")
        #expect(wide.contains("2 days not written: cannot create parts/date=2026-11-01: No space left on device"), "\(wide)")
        // Narrow: the failure keeps its place before the ordinary parts.
        let narrow = frame(input, 80, 24).0.lines[23]
        #expect(narrow.contains("2 days not written"), "\(narrow)")
    }
}

/// A Kafka input's lag per partition, and a broker gone, in the status bar (issue 14).
@Suite struct StatusBarKafkaTests {
    init() { #expect(utf8Locale) }

    @Test func lagPerPartitionAndTheBrokerWarning() {
        var input = sampleInput()
        input.live.stats.input = InputStatus(lag: [12, 0, 1500, -1])
        let line = frame(input, 200, 60).0.lines[59]
        #expect(line.contains("lag 0:12 1:0 2:1,500 3:?"), "\(line)")
        input.live.stats.input?.warning = "broker unreachable (Connection refused); ingest resumes when it returns"
        let narrow = frame(input, 80, 24).0.lines[23]
        #expect(narrow.contains("broker unreachable"), "\(narrow)")
    }

    @Test func manyPartitionsShowTheTotalAndTheLargest() {
        let status = InputStatus(lag: (0..<12).map { Int64($0 == 3 ? 1200 : 100) })
        #expect(StatusBar.lag(status) == "lag 2,300 in 12 partitions, most 3:1,200")
        #expect(StatusBar.lag(InputStatus(lag: [Int64](repeating: -1, count: 8))) == "lag ? in 8 partitions")
    }

    /// A member of a group: only the partitions it reads, out of how many.
    @Test func aMemberShowsItsShare() {
        let mine = InputStatus(lag: [InputStatus.notOwned, 7, InputStatus.notOwned, 0])
        #expect(StatusBar.lag(mine) == "lag 1:7 3:0 (2 of 4)")
        #expect(mine.totalLag == 7)
        let none = InputStatus(lag: [InputStatus.notOwned, InputStatus.notOwned])
        #expect(StatusBar.lag(none) == "no partitions of 2 (group rebalancing)")
        var many = [Int64](repeating: InputStatus.notOwned, count: 20)
        for p in stride(from: 0, to: 20, by: 2) { many[p] = Int64(p) }
        #expect(StatusBar.lag(InputStatus(lag: many)) == "lag 90 in 10 partitions, most 18:18 (10 of 20)")
    }
}

/// Small screens: the tenant pane first, the help's first lines the keys needed there, titles
/// that fit.
@Suite struct SmallScreenTests {
    init() { #expect(utf8Locale) }

    @Test func at60x16TheTenantPaneGetsTheRows() {
        var groups: [(String, String, Int64, Int)] = []
        for t in 0..<20 { groups.append((String(format: "t%02d", t), "click", noon - 1, 100 - t)) }
        var input = sampleInput(history: HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49))
        input.live = LiveView(snapshot: snapshot(groups), window: input.state.window)
        let (grid, plan) = frame(input, 60, 16)
        let tenants = plan.paneAreas[.tenants]!, types = plan.paneAreas[.types]!
        #expect(tenants.height >= types.height, "\(plan.paneAreas)")
        #expect(plan.pageRows >= 5)
        #expect(grid.lines.filter { $0.hasPrefix("│t") }.count >= 5)
    }

    @Test func theHelpAt40x10ListsTab() {
        var state = sampleInput().state
        state.showHelp = true
        let (grid, _) = frame(sampleInput(state: state), 40, 10)
        #expect(grid.text.contains("Tab"), "\(grid.lines)")
        #expect(grid.text.contains("next pane"))
    }

    @Test func theEventTypesTitleFitsAt80x24() {
        let history = HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49)
        let (grid, plan) = frame(sampleInput(history: history), 80, 24)
        let rect = plan.paneAreas[.types]!
        let title = String(grid.lines[rect.y].dropFirst(rect.x).prefix(rect.width))
        #expect(!title.contains("…"), "\(title)")
        #expect(title.contains("Types · all tenants"), "\(title)")
        // Wide enough: the whole title and its note.
        let (wide, _) = frame(sampleInput(), 120, 30)
        #expect(wide.text.contains("Event types · all tenants · last 1m rolling"))
        #expect(wide.text.contains("589 events"))
    }
}

/// The tenant view at the three sizes a person checks.
@Suite struct TenantViewRenderTests {
    init() { #expect(utf8Locale) }

    func input() -> FrameInput {
        var processor = StreamProcessor(config: ProcessorConfig())
        // 20 minutes of acme: 10 events a second, errors only in the last two minutes.
        let start = (noon - 1200) * 1_000_000_000
        var events: [(String, String, Int64)] = []
        for s in 0..<1200 {
            for i in 0..<10 { events.append(("acme", s >= 1080 && i < 3 ? "error" : "click", start + Int64(s) * 1_000_000_000 + Int64(i) * 100_000_000)) }
        }
        feed(&processor, events)
        var input = sampleInput(history: HistoryView(weeks: sampleWeeks, state: sampleDayStates, knownDates: 49))
        input.state.tenantView = "acme"
        input.live = LiveView(snapshot: processor.snapshot(detail: "acme"), window: input.state.window, typesOf: "acme")
        return input
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func chartsTypesAndDays(width: Int, height: Int) {
        let (grid, _) = frame(input(), width, height)
        let text = grid.text
        #expect(grid.lines[1].hasPrefix("┌ Tenant acme · last 1m rolling"))
        #expect(text.contains("events/s, mean per column") && text.contains("error %, highest per column"))
        #expect(text.contains("600 events") && text.contains("30.0% errors"), "\(grid.lines[2])")
        // Braille in both charts; the error chart empty at its left (no errors until the last two minutes).
        let dots = grid.lines.filter { $0.contains { ("\u{2801}"..."\u{28FF}").contains($0) } }
        #expect(dots.count >= 4)
        if height >= 40 {
            #expect(text.contains("Event types") && text.contains("Daily error rate"))
            #expect(text.contains("max 8.0%"), "acme's daily rate in the sample history")
        }
    }
}
