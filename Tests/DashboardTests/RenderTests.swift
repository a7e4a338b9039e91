import Cells
import Streaming
import Testing
@testable import Dashboard

@Suite struct RenderTests {
    init() { #expect(utf8Locale) }

    @Test func printFrames() {
        for (w, h) in [(40, 10), (80, 24), (200, 60)] {
            let (grid, _) = frame(sampleInput(), w, h)
            print("---- \(w)x\(h)\n" + grid.text)
        }
    }
}
