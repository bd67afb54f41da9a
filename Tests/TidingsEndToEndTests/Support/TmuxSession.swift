import Foundation
import Glibc
import Synchronization
import TidingsPTY

/// A program running in a pane of a private, detached tmux server, for end-to-end tests.
///
/// Each session has its own server socket in a temporary directory, its own config (so
/// the user's `~/.tmux.conf` never applies) and a fixed size. Tests send keys, then poll
/// the screen until what they expect appears: never sleep-then-assert. Skip tests that
/// need it with `.enabled(if: TmuxSession.isAvailable, "tmux is not installed")`.
final class TmuxSession: @unchecked Sendable {
    /// A tmux command failed or a wait timed out; carries the last screen seen.
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var screen: String?
        var description: String {
            guard let screen else { return message }
            return "\(message)\n--- last screen ---\n\(screen)\n--- end of screen ---"
        }
    }

    /// The tmux binary, or nil when it is not installed.
    static let tmuxPath: String? = executableOnPath("tmux")
    /// Whether tmux is installed (tests that need it are skipped otherwise).
    static var isAvailable: Bool { tmuxPath != nil }

    /// The session (and target) name inside the private server.
    private static let target = "harness"

    private let tmux: String
    private let scratch: ScratchDirectory
    private let socket: String
    /// The environment tmux itself runs with; the pane inherits it plus the `-e` values.
    private let tmuxEnvironment: [String: String]
    private let killed = Atomic<Bool>(false)

    /// Starts `command` (program and arguments, not a shell string) in a new detached
    /// session of `columns` x `rows` cells.
    ///
    /// - Parameters:
    ///   - environment: variables for the program. It does not inherit this process's
    ///     environment: it gets `PATH`, `HOME` and `TMPDIR` from here, `TERM`, `TMUX` and
    ///     `TMUX_PANE` from tmux, `LANG=C.UTF-8` and `SWIFT_BACKTRACE=interactive=no`
    ///     (no 30 s wait at the backtracer's prompt after a crash), then these values,
    ///     which win. Pass a private `HOME` for anything that writes there.
    ///   - term: the pane's `TERM`. tmux sets `TERM` from its `default-terminal` option and
    ///     ignores `-e TERM=…`, so this goes into the server's config. The default is the
    ///     entry whose key sequences match what tmux sends. To test another `TERM` value
    ///     (`dumb`, unset) wrap the command in `env`.
    ///   - workingDirectory: the program's directory; this process's when nil.
    ///   - options: more server options, each as `set -g` takes it (`set-clipboard on`).
    init(
        command: [String],
        columns: Int = 100,
        rows: Int = 30,
        environment: [String: String] = [:],
        term: String = "tmux-256color",
        workingDirectory: String? = nil,
        options: [String] = []
    ) throws {
        guard let tmux = Self.tmuxPath else { throw Failure(message: "tmux is not installed") }
        precondition(!command.isEmpty, "TmuxSession needs a command")
        self.tmux = tmux
        scratch = try ScratchDirectory(prefix: "tmux-session")
        socket = scratch.file("sock")
        let inherited = ProcessInfo.processInfo.environment
        tmuxEnvironment = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": inherited["HOME"] ?? scratch.path,
            "LANG": "C.UTF-8",
            "TMPDIR": inherited["TMPDIR"] ?? "/tmp",
        ]
        // remain-on-exit keeps a finished pane (and its exit status) until we ask.
        let config = """
            set -g remain-on-exit on
            set -g default-terminal "\(term)"
            set -g history-limit 10000
            \(options.map { "set -g " + $0 }.joined(separator: "\n"))
            """
        try config.write(toFile: scratch.file("tmux.conf"), atomically: true, encoding: .utf8)

        var paneEnvironment = ["LANG": "C.UTF-8", "SWIFT_BACKTRACE": "interactive=no"]
        paneEnvironment.merge(environment) { _, given in given }
        paneEnvironment = SanitizerEnvironment.adding(to: paneEnvironment)
        var arguments = [
            "-f", scratch.file("tmux.conf"), "new-session", "-d", "-s", Self.target,
            "-x", String(columns), "-y", String(rows),
        ]
        if let workingDirectory { arguments += ["-c", workingDirectory] }
        for (key, value) in paneEnvironment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        // One shell string with `exec`, so that the pane's process is the program itself.
        arguments.append("exec " + command.map(Self.shellQuoted).joined(separator: " "))
        do {
            try run(arguments)
        } catch {
            scratch.remove()
            throw error
        }
    }

    deinit { kill() }

    // MARK: Input

    /// Sends keys by tmux name (`Down`, `PageDown`, `Escape`, `Enter`, `BTab`, `C-l`, `F5`).
    /// A string that is not a key name is typed as text, but prefer ``sendText(_:)`` for text.
    func sendKeys(_ keys: String...) throws {
        try run(["send-keys", "-t", Self.target, "--"] + keys)
    }

    /// Types `text` literally (`send-keys -l`): no key-name lookup.
    func sendText(_ text: String) throws {
        try run(["send-keys", "-t", Self.target, "-l", "--", text])
    }

    /// Pastes `text` as a terminal would (`paste-buffer -p`): wrapped in the bracketed-paste
    /// markers when the program asked for them, as plain input otherwise.
    func paste(_ text: String) throws {
        try run(["set-buffer", "-b", "test-paste", "--", text])
        try run(["paste-buffer", "-p", "-d", "-r", "-b", "test-paste", "-t", Self.target])
    }

    /// Appends everything the program writes from now on to `path` (`pipe-pane`), so that a
    /// test can look at every frame, not only the last one.
    func recordOutput(to path: String) throws {
        try run(["pipe-pane", "-o", "-t", Self.target, "cat >> " + Self.shellQuoted(path)])
    }

    // MARK: Screen

    /// The visible screen, one line per row (`capture-pane -p`).
    ///
    /// - Parameters:
    ///   - escapes: include the SGR sequences for attributes and colours (`-e`).
    ///   - history: start at the top of the scrollback (`-S -`). Use it after the program
    ///     ended: tmux's "Pane is dead" line scrolls the screen up by one row, so the
    ///     top row (often the program's last message) leaves the visible screen.
    func capture(escapes: Bool = false, history: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", Self.target] + (escapes ? ["-e"] : []) + (history ? ["-S", "-"] : []))
    }

    /// Waits until the screen contains `text`; returns that screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(10)) async throws -> String {
        try await waitUntil("the screen to show \"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Polls the screen every 50 ms until `condition` holds; returns that screen (with its
    /// colour and attribute escapes when `escapes`). On timeout the error carries the last
    /// screen seen.
    @discardableResult
    func waitUntil(
        _ what: String = "a condition on the screen",
        timeout: Duration = .seconds(10),
        escapes: Bool = false,
        _ condition: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while true {
            screen = try capture(escapes: escapes)
            if condition(screen) { return screen }
            if ContinuousClock.now >= deadline {
                throw Failure(message: "timed out after \(timeout) waiting for \(what)", screen: screen)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Resizes the window; the program sees SIGWINCH. `resize-window` also switches the
    /// window to `window-size manual`, so the size sticks with no client attached.
    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", Self.target, "-x", String(columns), "-y", String(rows)])
    }

    // MARK: Process

    /// Expands a tmux format (`#{pane_pid}`, `#{alternate_on}`…) for the pane.
    func query(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", Self.target, format])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The process id of the program in the pane.
    /// The newest paste buffer (what an OSC 52 clipboard write put there with
    /// `set-clipboard on`), or nil when there is none.
    func newestBuffer() throws -> String? {
        let text = try run(["show-buffer"], allowFailure: true)
        return text.isEmpty ? nil : text
    }

    func panePID() throws -> pid_t {
        let text = try query("#{pane_pid}")
        guard let pid = pid_t(text) else { throw Failure(message: "no pane pid in \"\(text)\"") }
        return pid
    }

    /// Whether the program has ended (the pane stays, thanks to `remain-on-exit`): its
    /// terminal is closed. The exit status may come a moment later; see ``exitStatus()``.
    func paneDead() throws -> Bool {
        try query("#{pane_dead}") == "1"
    }

    /// The program's exit status once it has ended (128 + signal if a signal ended it),
    /// or nil while it runs or while tmux has not yet collected the status.
    func exitStatus() throws -> Int32? {
        let fields = try query("#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{pid}").split(
            separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == "1" else { return nil }
        if let status = Int32(fields[1]) { return status }
        if let signal = Int32(fields[2]) { return 128 + signal }
        // tmux 3.3a sometimes misses the SIGCHLD of a pane's process: the pane is dead
        // (its pty closed) but the process stays a zombie and the status never comes.
        // Another SIGCHLD makes the server reap it; the next call sees the status.
        if let server = pid_t(fields[3]) { _ = Glibc.kill(server, SIGCHLD) }
        return nil
    }

    /// Waits until the program ends; returns its exit status (128 + signal for a signal).
    /// The timeout stretches with the machine's load (``MachineLoad``).
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(10)) async throws -> Int32 {
        let timeout = timeout * MachineLoad.stretch
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = try exitStatus() { return status }
            if ContinuousClock.now >= deadline {
                // tmux also writes the status into the dead pane; a busy server has been seen
                // to show it there while the status query still came back empty.
                let screen = try? capture()
                if let screen, let status = Self.deadPaneStatus(screen) { return status }
                throw Failure(message: "the program did not exit within \(timeout)", screen: screen)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The status in tmux's "Pane is dead (status 0, …)" or "(signal 9, …)" line, if shown.
    static func deadPaneStatus(_ screen: String) -> Int32? {
        for (word, offset) in [("status ", Int32(0)), ("signal ", Int32(128))] {
            guard let range = screen.range(of: "Pane is dead (" + word) else { continue }
            let digits = screen[range.upperBound...].prefix { $0.isNumber }
            if let value = Int32(digits) { return offset + value }
        }
        return nil
    }

    /// Whether the pane's terminal is back to normal: main screen, keypad (application
    /// cursor keys) off and, while the pane's process lives, cursor visible. What a
    /// program must leave behind when it ends.
    ///
    /// tmux hides the cursor of a dead pane itself, so the cursor can only be checked when
    /// the program runs under a shell that outlives it (`sh -c 'prog; exec sleep 600'`).
    func terminalIsRestored() throws -> Bool {
        let flags = try query("#{pane_dead}#{alternate_on}#{keypad_cursor_flag}#{cursor_flag}")
        return flags == "0001" || flags.hasPrefix("100")
    }

    /// Kills the server (the program gets SIGHUP) and removes the temporary directory.
    /// Called by deinit; safe to call more than once.
    func kill() {
        guard !killed.exchange(true, ordering: .sequentiallyConsistent) else { return }
        _ = try? run(["kill-server"], allowFailure: true)
        scratch.remove()
    }

    // MARK: Running tmux

    /// Runs one tmux client command against the private server; returns its stdout.
    @discardableResult
    private func run(_ arguments: [String], allowFailure: Bool = false) throws -> String {
        let result = try ProcessRunner.runBlocking(
            tmux, arguments: ["-S", socket] + arguments, environment: tmuxEnvironment, timeout: .seconds(10))
        guard result.succeeded || allowFailure else {
            throw Failure(message: "tmux \(arguments.joined(separator: " ")) failed: \(result)")
        }
        return result.standardOutput
    }

    /// `value` quoted for /bin/sh.
    static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
