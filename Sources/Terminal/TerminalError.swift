/// Why the screen could not be opened, as one line a user can act on.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// TERM is unset or empty.
    case termNotSet
    /// TERM names a type terminfo does not know, or one that cannot move the cursor.
    case unknownTerminal(String)
    /// The terminfo database itself is missing.
    case noTerminfo(String)
    /// There is no controlling terminal (/dev/tty cannot be opened).
    case noTerminal(String)
    /// A screen is open already: one at a time.
    case alreadyOpen
    /// ncurses refused to start on this terminal.
    case cannotStart(String)

    public var description: String {
        let headless = "or use `eventtop live --headless`"
        switch self {
        case .termNotSet:
            return "TERM is not set: run eventtop in a terminal, \(headless)"
        case .unknownTerminal(let term):
            return "TERM=\(term) is not a terminal type terminfo knows, or cannot address the cursor: "
                + "set TERM to your terminal's type (e.g. xterm-256color), \(headless)"
        case .noTerminfo(let term):
            return "no terminfo database found for TERM=\(term): install ncurses-base (or set TERMINFO), \(headless)"
        case .noTerminal(let reason):
            return "no terminal to draw on (/dev/tty: \(reason)): run eventtop in a terminal, \(headless)"
        case .alreadyOpen:
            return "the terminal screen is open already"
        case .cannotStart(let term):
            return "ncurses could not start on TERM=\(term), \(headless)"
        }
    }
}
