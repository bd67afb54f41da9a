/// The small surface through which the browser talks to a terminal.
///
/// Only the ncurses adapter (`TidingsTerminal`) implements it for real; tests use an
/// in-memory terminal. Everything the adapter draws comes from a ``ScreenBuffer`` whose
/// text was sanitised on the way in, so no content reaches the terminal unfiltered.
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: Size { get }
    /// Whether colour roles may be used (false under `NO_COLOR` or on monochrome terminals).
    var supportsColor: Bool { get }
    /// Waits up to `timeoutMilliseconds` (negative: forever) for the next event, or until
    /// the file descriptor `wake` becomes readable, which answers `.timeout` at once: another
    /// thread has work for the loop (a search answer). The terminal never reads `wake`; its
    /// owner drains it.
    func nextEvent(timeoutMilliseconds: Int, wakingOn wake: Int32?) -> TerminalEvent
    /// Makes the terminal show `buffer`, writing only what changed since the last call.
    func present(_ buffer: ScreenBuffer)
    /// Whether output written earlier is still waiting for the terminal to take it, so that
    /// another frame now would block (a slow SSH link). Terminals that cannot tell say false.
    func outputIsBacklogged() -> Bool
    /// Forgets what is on the screen so the next ``present(_:)`` repaints everything (Ctrl-L).
    func invalidate()
    /// Asks the terminal to put `text` on the reader's clipboard (``ClipboardSequence``);
    /// false when it could not be sent (too long, or the output is not a terminal).
    func copyToClipboard(_ text: String) -> Bool
    /// Runs a program (no shell) with the terminal handed over to it, waits for it, and
    /// takes the terminal back; returns its exit status, or nil when it could not start.
    func runExternalProgram(_ arguments: [String]) -> Int32?
}

extension Terminal {
    public func outputIsBacklogged() -> Bool { false }
}
