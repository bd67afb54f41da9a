import Glibc

/// How a child process ended: its exit code, or the signal that killed it.
public struct ProcessTermination: Equatable, Sendable {
    /// The exit code, or nil when a signal ended the process.
    public var exitCode: Int32?
    /// The signal that ended the process, if any.
    public var signal: Int32?
    /// The shell's view: the exit code, or 128 + signal.
    public var status: Int32 { exitCode ?? (128 + (signal ?? 0)) }

    public init(exitCode: Int32?, signal: Int32?) {
        self.exitCode = exitCode
        self.signal = signal
    }

    /// Decodes a status word from `waitpid` (for a process that ended, not one stopped).
    public init(waitStatus status: Int32) {
        // WIFEXITED/WTERMSIG are macros Swift cannot see; this is their definition.
        let low = status & 0x7F
        if low == 0 {
            self.init(exitCode: (status >> 8) & 0xFF, signal: nil)
        } else {
            self.init(exitCode: nil, signal: low)
        }
    }
}
