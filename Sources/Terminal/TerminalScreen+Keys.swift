#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Cells
import CNcursesw

extension TerminalScreen {
    /// The next key, resize or quit signal, waiting at most `timeoutMs` milliseconds (nil when
    /// nothing came). Sleeps in `poll` on the terminal and the signal handlers' self-pipe, so
    /// a signal ends the wait at once and an idle wait costs nothing.
    ///
    /// - `.interrupt(signal:)` once SIGINT, SIGTERM or SIGHUP arrived (or the terminal went
    ///   away): quit.
    /// - `.resize` after the terminal changed size, and after Ctrl-Z and `fg` (or SIGCONT):
    ///   `size` is current and the next `draw` repaints everything.
    public func readKey(timeoutMs: Int) -> Key? {
        guard isOpen else { return nil }
        let window = eventtop_stdscr()
        wtimeout(window, 0)
        let deadline = Self.monotonicMilliseconds() + max(0, timeoutMs)
        while true {
            if let event = takeSignalEvent() { return event }
            if let key = readPendingKey(window) { return key }
            let remaining = deadline - Self.monotonicMilliseconds()
            if remaining <= 0 { return nil }
            var fds = [
                pollfd(fd: eventtop_session_input_fd(), events: Int16(POLLIN), revents: 0),
                pollfd(fd: eventtop_session_wake_fd(), events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), Int32(clamping: remaining))
            if ready > 0, fds[1].revents != 0 { eventtop_session_drain_wake() }
            if ready > 0, fds[0].revents & Int16(POLLIN) == 0, fds[0].revents != 0 {
                // POLLHUP, POLLERR or POLLNVAL without input: the terminal is gone.
                return .interrupt(signal: SIGHUP)
            }
            // Input, a signal (EINTR or the self-pipe) or the timeout: look again.
        }
    }

    /// A key ncurses has read or can read without waiting (it waits ESCDELAY after a lone ESC).
    private func readPendingKey(_ window: UnsafeMutablePointer<WINDOW>?) -> Key? {
        while true {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR { return nil }
            let isKeyCode = status == KEY_CODE_YES
            if isKeyCode && Int32(code) == KEY_MOUSE {
                var x: Int32 = 0, y: Int32 = 0, button: Int32 = 0
                guard eventtop_mouse_event(&x, &y, &button) != 0 else { continue }
                switch button {
                case 1: return .mouse(x: Int(x), y: Int(y), button: .left)
                case 4: return .mouse(x: Int(x), y: Int(y), button: .wheelUp)
                case 5: return .mouse(x: Int(x), y: Int(y), button: .wheelDown)
                default: continue
                }
            }
            if isKeyCode && Int32(code) == KEY_RESIZE {
                updateSize()
                needsFullRepaint = true
                return .resize
            }
            if !isKeyCode && code == 27 {
                // ESC followed at once by `[` or `O` is a sequence the terminal description
                // does not know (Ctrl-arrow under some TERMs, a split sequence over ssh): drop
                // it whole rather than act on its bytes as keys. ESC alone is the Esc key; ESC
                // and another key (Alt-key) is Esc, the key read next.
                var next: wint_t = 0
                let nextStatus = wget_wch(window, &next)
                if nextStatus == ERR { return .escape }
                if nextStatus != KEY_CODE_YES && (next == 0x5B || next == 0x4F) {
                    skipEscapeSequence(window, csi: next == 0x5B)
                    continue
                }
                // Put back what came after: a key code (KEY_RESIZE among them) as a key code.
                if nextStatus == KEY_CODE_YES {
                    _ = ungetch(Int32(bitPattern: UInt32(next)))
                } else {
                    _ = unget_wch(wchar_t(bitPattern: UInt32(next)))
                }
                return .escape
            }
            if let key = Self.key(code: UInt32(code), isKeyCode: isKeyCode) { return key }
            // A key code eventtop has no use for: read on.
        }
    }

    /// Reads the rest of an escape sequence already waiting: a CSI's parameter and intermediate
    /// bytes up to its final byte (0x40–0x7E), or an SS3's one character. At most 32 bytes.
    private func skipEscapeSequence(_ window: UnsafeMutablePointer<WINDOW>?, csi: Bool) {
        for i in 0..<32 {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == ERR { return }
            if status == KEY_CODE_YES {
                // A key code (a resize among them) is not part of the sequence: keep it.
                _ = ungetch(Int32(bitPattern: UInt32(code)))
                return
            }
            if csi && i == 0 && code == 0x4D {
                // `ESC [ M b x y`: an old-style mouse report; its three raw bytes go too.
                for _ in 0..<3 {
                    var byte: wint_t = 0
                    if wget_wch(window, &byte) == ERR { return }
                }
                return
            }
            if !csi || (code >= 0x40 && code <= 0x7E) { return }
        }
    }

    /// What the signal handlers left: a quit signal, a stop to carry out, a continue.
    private func takeSignalEvent() -> Key? {
        let signal = eventtop_session_take_interrupt()
        if signal != 0 { return .interrupt(signal: signal) }
        if eventtop_session_take_stop() != 0 {
            eventtop_session_suspend()
            _ = eventtop_session_take_continue()
            updateSize()
            needsFullRepaint = true
            return .resize
        }
        if eventtop_session_take_continue() != 0 {
            eventtop_session_reset_after_continue()
            updateSize()
            needsFullRepaint = true
            return .resize
        }
        return nil
    }

    /// The key for what `wget_wch` returned: a key code (`isKeyCode`) or a character.
    /// nil for key codes eventtop does not handle.
    static func key(code: UInt32, isKeyCode: Bool) -> Key? {
        guard isKeyCode else {
            switch code {
            case 10, 13: return .enter
            case 9: return .tab
            case 8, 127: return .backspace
            case 27: return .escape
            default: return Unicode.Scalar(code).map { .character(Character($0)) }
            }
        }
        switch Int32(bitPattern: code) {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_RESIZE: return .resize
        case let c where c > KEY_F0 && c <= KEY_F0 + 63: return .function(Int(c - KEY_F0))
        default: return nil
        }
    }

    static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return now.tv_sec * 1000 + now.tv_nsec / 1_000_000
    }
}
