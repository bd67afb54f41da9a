import Glibc

/// Starts programs as a shell would, for the benchmark and the end-to-end tests.
///
/// The program gets an empty signal mask and default dispositions whatever this process
/// blocks or ignores (a test runner ignores SIGPIPE; Foundation's `Process` would hand down
/// a mask blocking SIGHUP, SIGINT, SIGTERM and SIGWINCH), and a process group or a session
/// of its own, so that a timeout can kill everything it started. What its descriptors are
/// (a pty, files) is the caller's, through `prepare`.
public enum ProcessSpawn {
    /// Where the program stands in sessions and process groups.
    public enum Grouping {
        /// A session of its own: a terminal it opens becomes its controlling terminal.
        case newSession
        /// A process group of its own in this process's session.
        case ownGroup
    }

    /// Starts `executable` (an absolute path) and returns its pid.
    ///
    /// - Parameter prepare: adds the file actions (descriptors to open, a folder to enter).
    public static func start(
        _ executable: String, arguments: [String], environment: [String: String], grouping: Grouping,
        prepare: (inout posix_spawn_file_actions_t) throws -> Void
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        try prepare(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        // POSIX_SPAWN_SETSID (0x80), which Swift's Glibc module does not export. The child
        // calls setsid before opening its descriptors, so a terminal among them becomes its
        // controlling terminal.
        let grouping = grouping == .newSession ? 0x80 : POSIX_SPAWN_SETPGROUP
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | grouping))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw PseudoTerminalError("cannot start \(executable): \(String(cString: strerror(status)))")
        }
        return pid
    }
}
