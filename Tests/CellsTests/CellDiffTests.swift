@testable import Cells
import TestSupport
import Testing

/// The runs a terminal is sent between two frames, tested as ratatui tests `Buffer::diff`.
@Suite struct CellDiffTests {
    init() { #expect(utf8Locale) }

    func grid(_ lines: [String], style: CellStyle = .plain) -> CellGrid {
        var grid = CellGrid(width: lines.map { DisplayText.width(of: $0, charset: .utf8) }.max() ?? 0, height: lines.count)
        for (y, line) in lines.enumerated() { grid.put(line, x: 0, y: y, style: style) }
        return grid
    }

    /// Runs as `(x, y, width, text)`.
    func runs(_ new: CellGrid, _ old: CellGrid?, width: Int? = nil, height: Int? = nil) -> [(Int, Int, Int, String)] {
        new.diff(from: old, width: width ?? new.width, height: height ?? new.height).map { run in
            (run.x, run.y, run.width, String(run.cells.map(\.character)))
        }
    }

    @Test func equalFramesSendNothing() {
        let a = grid(["hello", "world"])
        #expect(runs(a, a).isEmpty)
    }

    @Test func aFirstFrameSendsEveryRowWhole() {
        let r = runs(grid(["ab", "cd"]), nil)
        #expect(r.map(\.0) == [0, 0] && r.map(\.1) == [0, 1] && r.map(\.2) == [2, 2] && r.map(\.3) == ["ab", "cd"])
    }

    @Test func oneChangedCellIsOneRunOfOne() {
        let r = runs(grid(["hello", "world"]), grid(["hello", "wOrld"]))
        #expect(r.count == 1)
        #expect(r[0] == (1, 1, 1, "o"))
    }

    @Test func neighboursMergeAndGapsSplit() {
        let r = runs(grid(["abcdef"]), grid(["xyczzf"]))
        #expect(r.count == 2)
        #expect(r[0] == (0, 0, 2, "ab") && r[1] == (3, 0, 2, "de"))
    }

    @Test func aStyleChangeIsAChange() {
        let old = grid(["abc"])
        var new = old
        new.put("b", x: 1, y: 0, style: CellStyle(attributes: .bold))
        #expect(runs(new, old).map(\.0) == [1])
    }

    @Test func aWideCharacterIsSentWholeOnce() {
        // 日 → 本: both halves change; one cell, two columns.
        let r = runs(grid(["a日b"]), grid(["a本b"]))
        #expect(r.count == 1)
        #expect(r[0] == (1, 0, 2, "日"))
    }

    @Test func aRunEndingOnALeftHalfTakesTheRightHalf() {
        // Only the left half differs in the comparison when the right halves are equal cells.
        let old = grid(["x日"]), new = grid(["y日"])
        #expect(runs(new, old).map(\.3) == ["y"])
        var wide = grid(["日x"])
        let before = wide
        wide.put("本", x: 0, y: 0, style: .plain)
        let r = runs(wide, before)
        #expect(r.count == 1 && r[0].2 == 2 && r[0].3 == "本")
    }

    @Test func aRestyledWideCharacterIsSentWhole() {
        let old = grid(["a日"])
        var new = old
        new.fill(Rect(x: 0, y: 0, width: 1, height: 1), "b", style: .plain)
        #expect(runs(new, old).map(\.0) == [0])
        var styled = old
        styled.put("日", x: 1, y: 0, style: CellStyle(attributes: .reverse))
        let r = runs(styled, old)
        #expect(r.count == 1 && r[0].0 == 1 && r[0].2 == 2 && r[0].3 == "日")
    }

    @Test func clippedToTheScreenWithAWideCharacterCutAtTheEdge() {
        let r = runs(grid(["ab日", "cdef"]), nil, width: 3, height: 1)
        #expect(r.count == 1)
        #expect(r[0].0 == 0 && r[0].2 == 3 && r[0].3 == "ab ")
    }

    @Test func aFrameOfAnotherSizeIsSentWhole() {
        let r = runs(grid(["abc", "def"]), grid(["abc"]))
        #expect(r.map(\.3) == ["abc", "def"])
    }
}
