/// Why ``CursesTerminal/open(environment:)`` could not take over the terminal.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, no tty at all).
    case notATerminal
    /// `TERM` is unset or empty.
    case terminalTypeNotSet
    /// `TERM` names a terminal that cannot address the cursor, such as `dumb`.
    case terminalTooLimited(String)
    /// No terminfo entry exists for `TERM`.
    case unknownTerminalType(String)
    /// A second terminal was opened while one is still open.
    case alreadyOpen

    public var description: String {
        switch self {
        case .notATerminal:
            return "standard input and output must be a terminal"
        case .terminalTypeNotSet:
            return "the terminal type is unknown: TERM is not set"
        case .terminalTooLimited(let name):
            return "terminal type '\(name)' cannot show a full-screen program"
        case .unknownTerminalType(let name):
            return "unknown terminal type '\(name)'"
        case .alreadyOpen:
            return "the terminal is already open"
        }
    }
}
