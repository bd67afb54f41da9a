import Glibc

/// A program started on a pseudo-terminal, as a shell would start it; killed and reaped
/// when released if it has not ended.
///
/// The program gets an empty signal mask and default dispositions, whatever this process
/// blocks or ignores, and either a session of its own (the pty becomes its controlling
/// terminal, as in a login) or a process group of its own in the caller's session. Its
/// environment is exactly the one given: anything to pass through (sanitizer options, say)
/// is the caller's to add. Reading is the caller's too: ``read(waitingMilliseconds:)``
/// hands over one chunk at a time.
public final class PseudoTerminalProcess {
    /// What one wait for the program's output brought.
    public enum Output: Equatable {
        /// Bytes the program wrote.
        case bytes([UInt8])
        /// Nothing arrived within the wait.
        case quiet
        /// The master is closed, or the slave side is gone and everything was read.
        case closed
    }

    /// The program's process id (also its process group id).
    public let pid: pid_t
    /// The pseudo-terminal the program runs on.
    public let terminal: PseudoTerminalPair
    private var reaped: ProcessTermination?
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    /// Starts `executable` (an absolute path) with `arguments` on `terminal`.
    ///
    /// - Parameter newSession: a session of its own, so the pty is the program's controlling
    ///   terminal and closing the master sends it SIGHUP. When false it gets a process group
    ///   of its own in the caller's session instead: a group whose parent is in another group
    ///   of the same session, so job control works (the kernel discards SIGTSTP sent to an
    ///   orphaned group, such as a session leader's).
    public init(
        executable: String, arguments: [String] = [], environment: [String: String],
        on terminal: PseudoTerminalPair, newSession: Bool = true
    ) throws {
        pid = try ProcessSpawn.start(
            executable, arguments: arguments, environment: environment,
            grouping: newSession ? .newSession : .ownGroup
        ) { actions in
            // The terminal's own descriptors are close-on-exec, so these three are all it gets.
            for fd in [Int32(0), 1, 2] {
                posix_spawn_file_actions_addopen(&actions, fd, terminal.slavePath, O_RDWR, 0)
            }
        }
        self.terminal = terminal
    }

    /// Starts `executable` on a new pseudo-terminal of `columns` x `rows`, keeping no slave descriptor.
    public convenience init(
        executable: String, arguments: [String] = [], environment: [String: String],
        columns: Int, rows: Int, newSession: Bool = true
    ) throws {
        try self.init(
            executable: executable, arguments: arguments, environment: environment,
            on: PseudoTerminalPair(columns: columns, rows: rows), newSession: newSession)
    }

    deinit {
        guard reaped == nil else { return }
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    /// Writes bytes to the program as if typed (all of them, unless the terminal is gone).
    public func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count, terminal.master >= 0 {
            let written = bytes[offset...].withUnsafeBufferPointer { write(terminal.master, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Changes the window size (the kernel sends SIGWINCH to the foreground group).
    public func resize(columns: Int, rows: Int) {
        terminal.resize(columns: columns, rows: rows)
    }

    /// Closes the master side: the terminal hangs up, as when an SSH connection drops.
    public func hangUp() {
        terminal.closeMaster()
    }

    /// Waits up to `milliseconds` for output and reads what has arrived (up to 64 KiB).
    public func read(waitingMilliseconds milliseconds: Int32) -> Output {
        let master = terminal.master
        guard master >= 0 else { return .closed }
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        // An interrupted wait counts as a quiet one: callers loop until their own deadline.
        guard Glibc.poll(&descriptor, 1, milliseconds) > 0 else { return .quiet }
        let count = buffer.withUnsafeMutableBufferPointer { Glibc.read(master, $0.baseAddress, $0.count) }
        // Linux answers EIO, not end of file, once no one holds the slave side.
        guard count > 0 else { return .closed }
        return .bytes(Array(buffer[0..<count]))
    }

    /// Reaps the program if it has ended; nil while it still runs. Answers the same once reaped.
    public func poll() throws -> ProcessTermination? {
        if let reaped { return reaped }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == 0 { return nil }
        if result < 0 {
            if errno == EINTR { return nil }
            throw PseudoTerminalError("waitpid(\(pid)) failed: \(String(cString: strerror(errno)))")
        }
        reaped = ProcessTermination(waitStatus: status)
        return reaped
    }
}
