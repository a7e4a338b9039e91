@testable import Dashboard
import TestSupport
import Testing
import EventModel
import Windows

/// What the live panes show while a hopping window is still being computed.
@Suite struct LiveViewTests {
    @Test func aHoppingWindowNotYetComputedSaysSo() {
        // The snapshot carries 1m/10s; the screen asks for 5m/10s: no stale numbers.
        let snap = snapshot([("acme", "click", noon - 5, 3)], hopping: HoppingSpec(size: 60, hop: 10))
        let window = WindowChoice(presets: ProcessorConfig.defaultPresets, length: 300, mode: .hopping, hop: 10)
        let view = LiveView(snapshot: snap, window: window)
        #expect(view.pending && view.tenants.isEmpty)
        var input = sampleInput()
        input.live = view
        input.state.window = window
        #expect(frame(input, 80, 24).0.text.contains("computing the 5m hopping/10s window…"))
    }
}

/// Events a second divide by the time the stream covers, not the window's whole length.
@Suite struct HonestRateTests {
    init() { #expect(utf8Locale) }

    @Test func aYoungStreamDividesByItsAge() {
        // 600 events a second, evenly, for 15 seconds, seen through the 1h window: 600/s, not 2.5/s.
        var processor = StreamProcessor(config: ProcessorConfig())
        let start = (noon - 15) * 1_000_000_000
        feed(&processor, (0..<9000).map { ("acme", "click", start + Int64($0) * 1_000_000_000 / 600) })
        let view = LiveView(snapshot: processor.snapshot(), window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 3600))
        #expect(view.coveredSeconds == 15 && view.isYoung)
        #expect(view.tenants[0].events == 9000)
        #expect(abs(view.tenants[0].perSecond - 600) < 0.1, "\(view.tenants[0].perSecond)")
        var input = sampleInput()
        input.live = view
        input.state.window = WindowChoice(presets: ProcessorConfig.defaultPresets, length: 3600)
        #expect(frame(input, 120, 30).0.lines[1].contains("last 1h rolling (15s so far)"))
    }

    @Test func anOlderStreamDividesByTheWindow() {
        // Two minutes of 10 events a second through the 1m window: 10/s over 60 s.
        var processor = StreamProcessor(config: ProcessorConfig())
        let start = (noon - 120) * 1_000_000_000
        feed(&processor, (0..<1200).map { ("acme", "click", start + Int64($0) * 100_000_000) })
        let view = LiveView(snapshot: processor.snapshot(), window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 60))
        #expect(view.coveredSeconds == 60 && !view.isYoung)
        #expect(view.tenants[0].events == 600 && abs(view.tenants[0].perSecond - 10) < 0.01)
        var input = sampleInput()
        input.live = view
        #expect(!frame(input, 120, 30).0.lines[1].contains("so far"))
    }

    @Test func theEarliestEventCountsEvenWhenItCameLate() {
        // The first event read is at −10 s (E = −9 s), a later one at −30 s (out of order,
        // within the window): the stream covers 21 seconds, not 1.
        let snap = snapshot([("acme", "click", noon - 10, 100), ("acme", "click", noon - 30, 100)])
        let view = LiveView(snapshot: snap, window: WindowChoice(presets: ProcessorConfig.defaultPresets, length: 300))
        #expect(view.coveredSeconds == 21)
    }
}

/// Where the tenant table is, in its title.
@Suite struct PositionTests {
    @Test func rowsOfN() {
        #expect(DashboardRenderer.position(top: 0, pageRows: 20, shown: 1000, all: 1000, ascii: false) == "rows 1–20 of 1,000")
        #expect(DashboardRenderer.position(top: 990, pageRows: 20, shown: 1000, all: 1000, ascii: false) == "rows 991–1,000 of 1,000")
        #expect(DashboardRenderer.position(top: 0, pageRows: 20, shown: 3, all: 1000, ascii: true) == "rows 1-3 of 3 (of 1,000)")
        #expect(DashboardRenderer.position(top: 0, pageRows: 20, shown: 0, all: 1000, ascii: false) == "0 of 1,000 tenants")
        #expect(DashboardRenderer.position(top: 0, pageRows: 20, shown: 0, all: 0, ascii: false) == "no tenants")
    }
}
