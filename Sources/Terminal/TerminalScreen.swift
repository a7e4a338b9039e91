#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Cells
import CNcursesw

/// The terminal eventtop draws on: ncursesw over /dev/tty (so keys work while stdin is a
/// pipe). Shows `CellGrid`s, sending only the cells that changed, and reads keys, resizes
/// and signals as `Key`s. One at a time; use it from one thread.
///
/// The terminal is restored by `close()`, by `exit()` anywhere (atexit), and before the
/// process dies of a fatal signal. SIGINT, SIGTERM and SIGHUP do not kill the process:
/// `readKey` returns `.interrupt(signal:)` and the caller quits. Ctrl-Z leaves curses mode and
/// stops; after `fg`, `readKey` returns `.resize` and the next `draw` repaints everything.
public final class TerminalScreen {
    /// UTF-8 or ASCII, from the locale (`open` calls `setlocale(LC_ALL, "")`).
    public let charset: Charset
    /// 0 when the terminal has no colors, else 8, 16 or 256 (more are capped to 256).
    public let colorCount: Int
    /// Columns and rows, updated on resize.
    public internal(set) var size: (width: Int, height: Int)
    /// Cells sent to ncurses by the last `draw` (all of them after a full repaint).
    public internal(set) var cellsSentByLastDraw = 0

    var isOpen = true
    /// The grid drawn last, compared with the next one.
    var previous: CellGrid?
    var needsFullRepaint = true
    var pairs: ColorPairs
    let attributeBits: AttributeBits

    struct AttributeBits {
        var bold = eventtop_attr_bold()
        var dim = eventtop_attr_dim()
        var reverse = eventtop_attr_reverse()
        var underline = eventtop_attr_underline()
        var italic = eventtop_attr_italic()
    }

    private init(charset: Charset, colorCount: Int, defaultColors: Bool) {
        self.charset = charset
        self.colorCount = colorCount
        pairs = ColorPairs(colors: colorCount, defaultColors: defaultColors,
                           pairs: colorCount > 0 ? Int(eventtop_color_pairs()) : 0)
        { pair, foreground, background in init_pair(pair, foreground, background) == OK }
        attributeBits = AttributeBits()
        size = (0, 0)
        updateSize()
    }

    deinit { close() }

    /// Opens the terminal: locale, /dev/tty, terminfo, curses modes and colors.
    /// - Parameter mouse: report clicks and the wheel (Shift+drag still selects text in
    ///   most terminals).
    public static func open(mouse: Bool = true) throws(TerminalError) -> TerminalScreen {
        setlocale(LC_ALL, "")
        let charset = Charset.ofCurrentLocale()
        guard let value = getenv("TERM"), value.pointee != 0 else { throw .termNotSet }
        let term = String(cString: value)
        var error: Int32 = 0
        switch eventtop_session_open(term, &error) {
        case EVENTTOP_OPEN_OK: break
        case EVENTTOP_OPEN_ALREADY: throw .alreadyOpen
        case EVENTTOP_OPEN_NO_TTY: throw .noTerminal(String(cString: strerror(error)))
        case EVENTTOP_OPEN_NO_TERMINFO: throw .noTerminfo(term)
        case EVENTTOP_OPEN_UNKNOWN_TERM: throw .unknownTerminal(term)
        default: throw .cannotStart(term)
        }
        let window = eventtop_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        leaveok(window, true)
        curs_set(0)
        set_escdelay(100)
        defineExtraKeys()
        if mouse { eventtop_enable_mouse() }
        var colorCount = 0
        var defaultColors = false
        if has_colors(), start_color() == OK {
            defaultColors = use_default_colors() == OK
            let colors = Int(eventtop_colors())
            colorCount = colors >= 256 ? 256 : colors >= 16 ? 16 : colors >= 8 ? 8 : 0
        }
        return TerminalScreen(charset: charset, colorCount: colorCount, defaultColors: defaultColors)
    }

    /// Home and End as terminals other than the one TERM names send them (tmux with
    /// TERM=xterm-256color sends `ESC [1~`, rxvt `ESC [7~`), where TERM leaves them free.
    private static func defineExtraKeys() {
        let extra: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ]
        for (sequence, code) in extra where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }

    /// Leaves curses mode and gives the terminal back as it was. Idempotent.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        previous = nil
        eventtop_session_close()
    }

    /// Makes the next `draw` send every cell and repaint the whole screen.
    public func invalidate() {
        needsFullRepaint = true
    }

    /// Takes the size from the kernel and makes ncurses agree (it believes LINES and COLUMNS
    /// from the environment over the terminal).
    func updateSize() {
        let window = eventtop_stdscr()
        var rows: Int32 = 0, columns: Int32 = 0
        if eventtop_session_window_size(&rows, &columns) == 0,
           rows != getmaxy(window) || columns != getmaxx(window)
        {
            resizeterm(rows, columns)
        }
        size = (max(0, Int(getmaxx(window))), max(0, Int(getmaxy(window))))
    }
}
