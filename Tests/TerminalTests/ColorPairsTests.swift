import Cells
import Testing
@testable import Terminal

/// A ColorPairs whose defined pairs are recorded instead of sent to a terminal.
final class DefinedPairs {
    var pairs: [Int16: (Int16, Int16)] = [:]
    func make(colors: Int, defaultColors: Bool = true, pairs limit: Int = 256) -> ColorPairs {
        ColorPairs(colors: colors, defaultColors: defaultColors, pairs: limit) { pair, fg, bg in
            self.pairs[pair] = (fg, bg)
            return true
        }
    }
}

@Suite struct ColorPairsTests {
    @Test func terminalColorsArePairZeroAndNothingIsDefined() {
        let defined = DefinedPairs()
        var pairs = defined.make(colors: 256)
        #expect(pairs.pair(foreground: .terminalDefault, background: .terminalDefault) == 0)
        #expect(defined.pairs.isEmpty)
    }

    @Test func pairsAreAllocatedOnceAndShared() {
        let defined = DefinedPairs()
        var pairs = defined.make(colors: 256)
        let red = pairs.pair(foreground: .rgb(255, 0, 0), background: .terminalDefault)
        #expect(red == 1)
        #expect(defined.pairs[1]! == (196, -1))
        // The same terminal colors reached another way share the pair.
        #expect(pairs.pair(foreground: .indexed(196), background: .terminalDefault) == 1)
        #expect(pairs.pair(foreground: .rgb(254, 1, 1), background: .terminalDefault) == 1)
        #expect(pairs.pair(foreground: .indexed(4), background: .indexed(7)) == 2)
        #expect(defined.pairs.count == 2)
    }

    @Test func noColorsMeansPairZeroAlways() {
        let defined = DefinedPairs()
        var pairs = defined.make(colors: 0)
        #expect(pairs.pair(foreground: .rgb(255, 0, 0), background: .indexed(3)) == 0)
        #expect(defined.pairs.isEmpty)
    }

    @Test func withoutDefaultColorsTheTerminalsOwnBecomeWhiteOnBlack() {
        let defined = DefinedPairs()
        var pairs = defined.make(colors: 8, defaultColors: false)
        #expect(pairs.pair(foreground: .terminalDefault, background: .terminalDefault) == 1)
        #expect(defined.pairs[1]! == (7, 0))
        #expect(pairs.pair(foreground: .rgb(255, 0, 0), background: .terminalDefault) == 2)
        #expect(defined.pairs[2]! == (1, 0))
    }

    @Test func whenPairsRunOutTheNearestExistingOneIsUsed() {
        let defined = DefinedPairs()
        var pairs = defined.make(colors: 16, pairs: 3) // pairs 1 and 2 only
        #expect(pairs.pair(foreground: .indexed(1), background: .indexed(0)) == 1)
        #expect(pairs.pair(foreground: .indexed(2), background: .indexed(4)) == 2)
        #expect(pairs.pair(foreground: .indexed(1), background: .indexed(7)) == 1) // same foreground
        #expect(pairs.pair(foreground: .indexed(3), background: .indexed(4)) == 2) // same background
        #expect(pairs.pair(foreground: .indexed(5), background: .indexed(6)) == 0) // nothing near
        #expect(defined.pairs.count == 2)
    }
}
