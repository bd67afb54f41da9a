import CNcursesw
import Glibc
import TidingsScreen

extension CursesTerminal {
    /// Writes the OSC 52 sequence for `text` straight to the terminal, between frames.
    ///
    /// ncurses has no call for it and would count its bytes as drawn characters, so it goes
    /// out after ncurses' own buffered output has been flushed: the screen ncurses believes is
    /// there stays the screen that is there.
    public func copyToClipboard(_ text: String) -> Bool {
        guard isatty(STDOUT_FILENO) == 1, let sequence = ClipboardSequence.osc52(text) else { return false }
        fflush(tidings_stdout())
        var written = 0
        while written < sequence.count {
            let result = sequence.withUnsafeBytes { raw in
                write(STDOUT_FILENO, raw.baseAddress! + written, sequence.count - written)
            }
            if result > 0 {
                written += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }
}
