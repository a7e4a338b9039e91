import Cells
import CNcursesw
import Testing
@testable import Terminal

@Suite struct KeyMappingTests {
    func code(_ value: Int32) -> UInt32 { UInt32(bitPattern: value) }

    @Test func keyCodes() {
        let expected: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
            (KEY_ENTER, .enter), (KEY_BTAB, .backTab), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete),
            (KEY_RESIZE, .resize), (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
        ]
        for (value, key) in expected {
            #expect(TerminalScreen.key(code: code(value), isKeyCode: true) == key)
        }
        #expect(TerminalScreen.key(code: code(KEY_MOUSE), isKeyCode: true) == nil)
        #expect(TerminalScreen.key(code: code(KEY_F0), isKeyCode: true) == nil)
    }

    @Test func characters() {
        #expect(TerminalScreen.key(code: 13, isKeyCode: false) == .enter)
        #expect(TerminalScreen.key(code: 10, isKeyCode: false) == .enter)
        #expect(TerminalScreen.key(code: 9, isKeyCode: false) == .tab)
        #expect(TerminalScreen.key(code: 127, isKeyCode: false) == .backspace)
        #expect(TerminalScreen.key(code: 8, isKeyCode: false) == .backspace)
        #expect(TerminalScreen.key(code: 27, isKeyCode: false) == .escape)
        #expect(TerminalScreen.key(code: 0x71, isKeyCode: false) == .character("q"))
        #expect(TerminalScreen.key(code: 0xE9, isKeyCode: false) == .character("é"))
        #expect(TerminalScreen.key(code: 0x65E5, isKeyCode: false) == .character("日"))
        #expect(TerminalScreen.key(code: 0xD800, isKeyCode: false) == nil) // not a scalar
    }
}
