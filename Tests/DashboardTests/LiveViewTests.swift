@testable import Dashboard
import TestSupport
import Testing
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
