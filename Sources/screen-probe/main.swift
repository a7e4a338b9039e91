// screen-probe: shows what the Terminal module draws and reads, for Tests/oracle/test_terminal.py.
// `q` quits (status 0), `x` calls exit(3) without closing (atexit restores the terminal),
// `!` crashes (the fatal-signal handler restores it); SIGINT, SIGTERM, SIGHUP quit with 0.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Cells
import Terminal

func describe(_ key: Key) -> String {
    switch key {
    case .character(let c):
        let scalars = c.unicodeScalars.map { $0.value < 0x20 ? "^\(Character(Unicode.Scalar($0.value + 0x40)!))" : String($0) }
        return "char(\(scalars.joined()))"
    case .up: return "up"
    case .down: return "down"
    case .left: return "left"
    case .right: return "right"
    case .pageUp: return "pageUp"
    case .pageDown: return "pageDown"
    case .home: return "home"
    case .end: return "end"
    case .enter: return "enter"
    case .escape: return "escape"
    case .tab: return "tab"
    case .backTab: return "backTab"
    case .backspace: return "backspace"
    case .delete: return "delete"
    case .function(let n): return "f\(n)"
    case .mouse(let x, let y, let button): return "mouse(\(x),\(y),\(button))"
    case .resize: return "resize"
    case .interrupt(let signal): return "interrupt(\(signal))"
    }
}

func render(_ screen: TerminalScreen, lastKey: String, keyCount: Int, frames: Int) -> CellGrid {
    let (width, height) = screen.size
    var grid = CellGrid(width: width, height: height, charset: screen.charset)
    guard width >= 40, height >= 10 else {
        grid.put("too small: \(width)x\(height)", x: 0, y: 0, style: .plain)
        grid.put("need 40x10", x: 0, y: 1, style: .plain)
        return grid
    }
    let title = CellStyle(foreground: .indexed(15), background: .indexed(4), attributes: [.bold])
    grid.fill(Rect(x: 0, y: 0, width: width, height: 1), style: title)
    grid.put("screen-probe size=\(width)x\(height) colors=\(screen.colorCount) charset=\(screen.charset)",
             x: 0, y: 0, style: title)
    grid.put("last key: \(lastKey) (#\(keyCount))", x: 0, y: 1, style: .plain)
    grid.put("evil: evil\u{1B}[2J\u{07}tenant|", x: 0, y: 2, style: .plain)
    var x = grid.put("red: ", x: 0, y: 3, style: .plain)
    x += grid.put("RED", x: x, y: 3, style: CellStyle(foreground: .rgb(255, 0, 0)))
    x += grid.put(" ", x: x, y: 3, style: .plain)
    x += grid.put("BOLD", x: x, y: 3, style: CellStyle(attributes: [.bold]))
    x += grid.put(" ", x: x, y: 3, style: .plain)
    grid.put("REV", x: x, y: 3, style: CellStyle(attributes: [.reverse]))
    grid.put("wide: 日本語|", x: 0, y: 4, style: .plain)
    grid.put("frames: \(frames) sent: \(screen.cellsSentByLastDraw)", x: 0, y: 5, style: .plain)
    grid.put("q quits", x: 0, y: height - 1, style: CellStyle(attributes: [.dim]))
    return grid
}

/// One line on stderr (write(2): no shared FILE).
func printError(_ message: String) {
    var line = Array("screen-probe: \(message)\n".utf8)
    _ = line.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
}

let screen: TerminalScreen
do {
    screen = try TerminalScreen.open()
} catch {
    printError("\(error)")
    exit(1)
}
var lastKey = "none"
var keyCount = 0
var frames = 0
while true {
    frames += 1
    screen.draw(render(screen, lastKey: lastKey, keyCount: keyCount, frames: frames))
    guard let key = screen.readKey(timeoutMs: 1000) else { continue }
    keyCount += 1
    lastKey = describe(key)
    switch key {
    case .character("q"):
        screen.close()
        exit(0)
    case .character("x"):
        exit(3)
    case .character("!"):
        fatalError("screen-probe crashes on request")
    case .interrupt(let signal):
        screen.close()
        printError("quit on signal \(signal)")
        exit(0)
    default:
        break
    }
}
