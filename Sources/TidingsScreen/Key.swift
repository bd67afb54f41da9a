/// A key press as the browser sees it, independent of ncurses key codes.
public enum Key: Hashable, Sendable {
    /// A printable character (typed Hangul and accented letters arrive whole).
    case character(Character)
    /// Ctrl plus a letter, lower-cased: Ctrl-L is `.control("l")`.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)
}

/// A mouse report, in screen cells from the top-left corner (0, 0).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The first button pressed.
        case click
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What the terminal reports to the session loop.
public enum TerminalEvent: Hashable, Sendable {
    case key(Key)
    /// A click or a wheel turn; only when the terminal was opened with the mouse on.
    case mouse(MouseEvent)
    /// Text the terminal marked as pasted (``BracketedPaste``): controls stripped, at most
    /// ``BracketedPaste/keptLimit`` characters. Never keys: a pasted `q` does not quit.
    case paste(String)
    /// The terminal changed size; the new size is already in ``Terminal/size``.
    case resize
    /// Nothing arrived within the timeout; the loop may poll its own work.
    case timeout
    /// The terminal went away (SSH drop, closed pty): quit without drawing.
    case hangup
    /// A termination signal arrived (SIGINT, SIGTERM, SIGHUP...): quit with 128+signal.
    case signal(Int32)
}
