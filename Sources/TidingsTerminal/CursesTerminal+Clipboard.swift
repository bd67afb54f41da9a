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
        guard let sequence = ClipboardSequence.osc52(text) else { return false }
        return Self.writeBetweenFrames(sequence)
    }

    /// Writes `bytes` to the terminal after ncurses' buffered output, which is flushed first;
    /// nothing when standard output is not a terminal. Returns whether all were written.
    static func writeBetweenFrames(_ bytes: [UInt8]) -> Bool {
        guard isatty(STDOUT_FILENO) == 1 else { return false }
        fflush(tidings_stdout())
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { raw in
                write(STDOUT_FILENO, raw.baseAddress! + written, bytes.count - written)
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
