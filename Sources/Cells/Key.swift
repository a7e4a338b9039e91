/// A key press (or a terminal event) as the dashboard sees it, whatever the terminal sent.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
    /// The terminal changed size.
    case resize
    /// SIGINT, SIGTERM or SIGHUP arrived: quit, saving what must be saved.
    case interrupt(signal: Int32)
}
