import CNcursesw
import Glibc
import TidingsScreen

extension CursesTerminal {
    /// Runs `arguments` (no shell) with the terminal handed over, and waits for it.
    ///
    /// What mutt and newsboat do for a browser: curses mode ends so that a terminal browser
    /// (w3m, lynx) gets a normal terminal, and a graphical one or `xdg-open` returns at once.
    /// While the program runs, SIGINT and SIGQUIT are ignored here, as `system(3)` does, so
    /// that Ctrl-C in the program does not also end the reader; the program itself starts
    /// with default dispositions and an empty signal mask. Returns the program's exit status,
    /// or nil when it could not be started.
    public func runExternalProgram(_ arguments: [String]) -> Int32? {
        guard let program = arguments.first else { return nil }
        def_prog_mode()
        // The program gets the terminal as a shell would: without bracketed paste.
        Self.setBracketedPaste(false)
        endwin()
        defer {
            reset_prog_mode()
            Self.setBracketedPaste(true)
            invalidate()
        }
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        var savedInterrupt = sigaction()
        var savedQuit = sigaction()
        sigaction(SIGINT, &ignore, &savedInterrupt)
        sigaction(SIGQUIT, &ignore, &savedQuit)
        defer {
            sigaction(SIGINT, &savedInterrupt, nil)
            sigaction(SIGQUIT, &savedQuit, nil)
        }
        guard let pid = Self.spawn(program, arguments) else { return nil }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return nil }
        }
        // WIFEXITED / WEXITSTATUS, which Swift cannot see as macros.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// `posix_spawnp` with default signal dispositions and an empty mask for the child.
    private static func spawn(_ program: String, _ arguments: [String]) -> pid_t? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        var noSignal = sigset_t()
        sigemptyset(&noSignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, program, nil, &attributes, argv, environ)
        return result == 0 ? pid : nil
    }
}
