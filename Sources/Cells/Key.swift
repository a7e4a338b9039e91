/// A key press (or a terminal event) as the dashboard sees it, whatever the terminal sent.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// A mouse button pressed, or the wheel turned, over the cell (x, y).
    case mouse(x: Int, y: Int, button: MouseButton)
    /// The terminal changed size.
    case resize
    /// SIGINT, SIGTERM or SIGHUP arrived: quit, saving what must be saved.
    case interrupt(signal: Int32)
}

/// The mouse buttons the dashboard uses.
public enum MouseButton: Sendable, Hashable {
    case left, wheelUp, wheelDown
}
