import Testing
@testable import Cells

@Suite struct ColorMappingTests {
    @Test func terminalDefaultIsMinusOneWheneverThereAreColors() {
        for colors in [8, 16, 88, 256, 32767] { #expect(Color.terminalDefault.nearestIndex(colors: colors) == -1) }
    }

    @Test func noColorsMeansNoIndexAtAll() {
        for color in [Color.terminalDefault, .indexed(1), .rgb(255, 0, 0)] {
            #expect(color.nearestIndex(colors: 0) == nil)
            #expect(color.nearestIndex(colors: 2) == nil)
        }
    }

    @Test func pureRedOnEachPalette() {
        #expect(Color.rgb(255, 0, 0).nearestIndex(colors: 256) == 196)
        #expect(Color.rgb(255, 0, 0).nearestIndex(colors: 16) == 9)
        #expect(Color.rgb(255, 0, 0).nearestIndex(colors: 8) == 1)
    }

    @Test func exactCubeAndGrayValuesMapToThemselves() {
        for n in 16...255 {
            let (r, g, b) = ColorPalette.xtermRGB(UInt8(n))
            #expect(Color.rgb(r, g, b).nearestIndex(colors: 256) == Int16(n), "xterm color \(n)")
        }
        #expect(ColorPalette.xtermRGB(16) == (0, 0, 0))
        #expect(ColorPalette.xtermRGB(231) == (255, 255, 255))
        #expect(ColorPalette.xtermRGB(208) == (255, 135, 0))
        #expect(ColorPalette.xtermRGB(232) == (8, 8, 8))
        #expect(ColorPalette.xtermRGB(255) == (238, 238, 238))
    }

    @Test func knownTrueColorsOn256() {
        #expect(Color.rgb(0, 0, 0).nearestIndex(colors: 256) == 16)
        #expect(Color.rgb(255, 255, 255).nearestIndex(colors: 256) == 231)
        #expect(Color.rgb(0x80, 0x80, 0x80).nearestIndex(colors: 256) == 244) // gray ramp beats cube 102 (#878787)
        #expect(Color.rgb(0xFF, 0x87, 0x00).nearestIndex(colors: 256) == 208)
        #expect(Color.rgb(0xFF, 0x88, 0x01).nearestIndex(colors: 256) == 208)
        #expect(Color.rgb(0x00, 0x5F, 0xAF).nearestIndex(colors: 256) == 25)
        #expect(Color.rgb(0x1E, 0x1E, 0x1E).nearestIndex(colors: 256) == 234) // #1C1C1C
    }

    @Test func knownTrueColorsOn16And8() {
        #expect(Color.rgb(0, 0, 0).nearestIndex(colors: 16) == 0)
        #expect(Color.rgb(255, 255, 255).nearestIndex(colors: 16) == 15)
        #expect(Color.rgb(255, 255, 255).nearestIndex(colors: 8) == 7)
        #expect(Color.rgb(0, 200, 0).nearestIndex(colors: 16) == 2)
        #expect(Color.rgb(0, 250, 0).nearestIndex(colors: 16) == 10)
        #expect(Color.rgb(0, 250, 0).nearestIndex(colors: 8) == 2)
        #expect(Color.rgb(128, 128, 128).nearestIndex(colors: 16) == 8)
        #expect(Color.rgb(30, 30, 200).nearestIndex(colors: 8) == 4)
    }

    @Test func indexedColorsPassWhenTheTerminalHasThem() {
        #expect(Color.indexed(3).nearestIndex(colors: 8) == 3)
        #expect(Color.indexed(12).nearestIndex(colors: 16) == 12)
        #expect(Color.indexed(200).nearestIndex(colors: 256) == 200)
        #expect(Color.indexed(5).nearestIndex(colors: 256) == 5)
        #expect(Color.indexed(200).nearestIndex(colors: 1000) == 200)
    }

    @Test func indexedColorsBeyondThePaletteGoToTheirNearest() {
        #expect(Color.indexed(196).nearestIndex(colors: 16) == 9) // #FF0000
        #expect(Color.indexed(196).nearestIndex(colors: 8) == 1)
        #expect(Color.indexed(9).nearestIndex(colors: 8) == 1)     // bright red → red
        #expect(Color.indexed(15).nearestIndex(colors: 8) == 7)    // bright white → white
        #expect(Color.indexed(244).nearestIndex(colors: 16) == 8)  // #808080 → bright black
        #expect(Color.indexed(232).nearestIndex(colors: 16) == 0)  // #080808 → black
        #expect(Color.indexed(21).nearestIndex(colors: 16) == 4)   // #0000FF → blue (#0000EE)
    }

    @Test func everyAnswerIsInRange() {
        for colors in [8, 16, 256] {
            for v in stride(from: 0, through: 255, by: 17) {
                for color in [Color.rgb(UInt8(v), UInt8(255 - v), UInt8(v / 2)), .indexed(UInt8(v))] {
                    let index = color.nearestIndex(colors: colors)!
                    #expect(index >= 0 && Int(index) < colors)
                }
            }
        }
    }
}
