@testable import Cells
import TestSupport
import Testing

@Suite struct CellGridTests {
    init() { #expect(utf8Locale) }

    @Test func controlCharactersBecomeVisiblePlaceholders() {
        var grid = CellGrid(width: 20, height: 1)
        grid.put("a\u{1B}[31mb\u{07}c\u{9B}d", x: 0, y: 0, style: .plain)
        #expect(grid.lines == ["a␛[31mb␇c�d"])
        var ascii = CellGrid(width: 20, height: 1, charset: .ascii)
        ascii.put("a\u{1B}[31mé\u{07}", x: 0, y: 0, style: .plain)
        #expect(ascii.lines == ["a?[31m??"])
    }

    @Test func bidiOverridesAndFormatCharactersAreReplaced() {
        var grid = CellGrid(width: 20, height: 1)
        grid.put("x\u{202E}y\u{2066}z\u{200B}", x: 0, y: 0, style: .plain)
        #expect(grid.lines == ["x�y�z�"])
        for cell in grid.cells { #expect(!cell.character.unicodeScalars.contains { $0.value == 0x202E }) }
    }

    @Test func wideCharactersTakeTwoCellsAndAreMeasured() {
        #expect(DisplayText.width(of: "日本", charset: .utf8) == 4)
        #expect(DisplayText.width(of: "e\u{301}", charset: .utf8) == 1)
        var grid = CellGrid(width: 5, height: 1)
        #expect(grid.put("日本語", x: 0, y: 0, style: .plain) == 5)
        #expect(grid.lines == ["日本…"])
        #expect(grid[1, 0].isContinuation)
    }

    @Test func longTextIsCutWithEllipsis() {
        var grid = CellGrid(width: 10, height: 2)
        grid.put("tenant-with-a-long-name", x: 2, y: 0, style: .plain, maxWidth: 6)
        grid.put("abcdefghijklmnop", x: 5, y: 1, style: .plain)
        #expect(grid.lines == ["  tenan…", "     abcd…"])
        #expect(DisplayText.fittedString("abc", columns: 3, charset: .utf8) == "abc")
        #expect(DisplayText.fittedString("abcd", columns: 3, charset: .ascii) == "ab~")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var grid = CellGrid(width: 4, height: 1)
        grid.put("日本", x: 0, y: 0, style: .plain)
        grid.put("x", x: 1, y: 0, style: .plain)
        #expect(grid.lines == [" x本"])
    }

    @Test func clipsAtEdges() {
        var grid = CellGrid(width: 3, height: 2)
        grid.put("hello", x: -2, y: 0, style: .plain)
        grid.put("zz", x: 0, y: 5, style: .plain)
        grid.fill(Rect(x: 2, y: 1, width: 9, height: 9), "#", style: .plain)
        #expect(grid.lines == ["llo", "  #"])
    }

    @Test func fillBlanksTheOtherHalfOfACutWideCharacter() {
        var grid = CellGrid(width: 6, height: 1)
        grid.put("日本語", x: 0, y: 0, style: .plain)
        grid.fill(Rect(x: 1, y: 0, width: 2, height: 1), "-", style: .plain)
        #expect(grid.lines == [" -- 語"])
        #expect(grid.cells.enumerated().allSatisfy { i, cell in cell.width != 2 || (i + 1 < grid.cells.count && grid.cells[i + 1].width == 0) })
    }

    @Test func variationSelectorsAreLeftOut() {
        #expect(DisplayText.width(of: "\u{2764}\u{FE0F}shop", charset: .utf8) == 5)
        var grid = CellGrid(width: 8, height: 1)
        grid.put("\u{2764}\u{FE0F}shop", x: 0, y: 0, style: .plain)
        #expect(!grid.cells.contains { $0.character.unicodeScalars.contains { $0.value == 0xFE0F } })
    }
}
