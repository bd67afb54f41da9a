import CNcursesw
import Glibc
import TidingsScreen

extension CursesTerminal {
    /// Longest single wait inside ``nextEvent(timeoutMilliseconds:)``, so that a
    /// termination signal is noticed quickly even if ncurses retries an interrupted read.
    private static let sliceMilliseconds = 100
    /// Reads in a row that fail immediately before the terminal is declared gone.
    private static let instantFailureLimit = 50

    /// Waits up to `timeoutMilliseconds` (negative: forever) for a key, a resize, a
    /// termination signal or the loss of the terminal; answers `.timeout` at once when `wake`
    /// becomes readable first (it is never read here: its owner drains it).
    public func nextEvent(timeoutMilliseconds: Int, wakingOn wake: Int32?) -> TerminalEvent {
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds < 0 ? nil : clock.now + .milliseconds(timeoutMilliseconds)
        var inputWasReady = false
        if resizedDuringPaste {
            resizedDuringPaste = false
            return .resize
        }
        while true {
            if let signal = SignalTrap.pendingSignal {
                // The loop is alive and takes it from here; close() re-arms the watchdog.
                SignalTrap.standDownWatchdog()
                return .signal(signal)
            }
            var slice = Self.sliceMilliseconds
            if let deadline {
                let left = clock.now.duration(to: deadline)
                let leftMilliseconds = Int(
                    left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
                slice = max(0, min(slice, leftMilliseconds))
            }
            if let wake {
                // Keys ncurses has read already (the rest of a burst, a sequence it pushed
                // back) do not show on the descriptor: take what is there without waiting,
                // then wait on the terminal and the wake-up together.
                switch readKey(waitingMilliseconds: 0) {
                case .event(let event): return event
                case .ignored: instantFailures = 0
                case .failed:
                    // Poll said input was there, yet nothing could be read: a dead terminal
                    // that poll does not report as hung up does that forever.
                    if inputWasReady {
                        instantFailures += 1
                        if instantFailures >= Self.instantFailureLimit { return .hangup }
                    }
                }
                switch Self.waitForInput(orWake: wake, milliseconds: slice) {
                case .wake: return .timeout
                case .input: inputWasReady = true
                case .nothing: inputWasReady = false
                }
            } else if case .event(let event) = readKey(waitingMilliseconds: slice) {
                return event
            }
            if let deadline, clock.now >= deadline { return .timeout }
        }
    }

    /// What one `wget_wch` gave.
    private enum ReadOutcome {
        case event(TerminalEvent)
        /// A key the browser ignores.
        case ignored
        /// Nothing within the wait.
        case failed
    }

    /// Reads one key, waiting up to `milliseconds`; notices signals and a lost terminal.
    private func readKey(waitingMilliseconds milliseconds: Int) -> ReadOutcome {
        let clock = ContinuousClock()
        wtimeout(window, Int32(milliseconds))
        let started = clock.now
        var character: wint_t = 0
        let result = wget_wch(window, &character)
        if result == KEY_CODE_YES {
            instantFailures = 0
            if Int32(character) == KEY_RESIZE {
                refreshSize()
                return .event(.resize)
            }
            if Int32(character) == KEY_MOUSE { return Self.mouseEvent().map { .event(.mouse($0)) } ?? .ignored }
            if Int32(character) == Self.straySGRReport || Int32(character) == Self.strayX10Report {
                skipStrayMouseReport(sgr: Int32(character) == Self.straySGRReport)
                return .ignored
            }
            if Int32(character) == Self.pasteBeginCode { return .event(.paste(readPaste())) }
            return Self.functionKey(Int32(character)).map { .event(.key($0)) } ?? .ignored
        }
        if result == OK {
            instantFailures = 0
            return Self.characterKey(UInt32(character)).map { .event(.key($0)) } ?? .ignored
        }
        if let signal = SignalTrap.pendingSignal {
            SignalTrap.standDownWatchdog()
            return .event(.signal(signal))
        }
        if Self.inputIsGone() { return .event(.hangup) }
        // A dead terminal makes every read fail at once, forever.
        if milliseconds > 0, started.duration(to: clock.now) < .milliseconds(1) {
            instantFailures += 1
            if instantFailures >= Self.instantFailureLimit { return .event(.hangup) }
        } else if milliseconds > 0 {
            instantFailures = 0
        }
        return .failed
    }

    /// What waiting on the terminal and the wake-up found.
    private enum Readiness {
        case input, wake, nothing
    }

    /// Waits up to `milliseconds` for standard input or `wake` to become readable (or hang
    /// up); a signal ends the wait early, as `.nothing`.
    private static func waitForInput(orWake wake: Int32, milliseconds: Int) -> Readiness {
        var descriptors = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
        ]
        guard poll(&descriptors, 2, Int32(milliseconds)) > 0 else { return .nothing }
        if descriptors[1].revents != 0 { return .wake }
        return descriptors[0].revents != 0 ? .input : .nothing
    }

    /// Key sequences that common terminals send whatever their terminfo entry says, for
    /// the frequent case of a `TERM` that does not quite match (xterm-256color inside tmux
    /// sends Home as `ESC [1~`, not the entry's `ESC O H`). Only unbound ones are added.
    private static let fallbackKeys: [(String, Int32)] = [
        ("\u{1B}[A", KEY_UP), ("\u{1B}OA", KEY_UP), ("\u{1B}[B", KEY_DOWN), ("\u{1B}OB", KEY_DOWN),
        ("\u{1B}[C", KEY_RIGHT), ("\u{1B}OC", KEY_RIGHT), ("\u{1B}[D", KEY_LEFT), ("\u{1B}OD", KEY_LEFT),
        ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME), ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME),
        ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END), ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END),
        ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[3~", KEY_DC), ("\u{1B}[Z", KEY_BTAB),
    ]

    /// Binds ``fallbackKeys`` that the terminfo entry leaves unbound.
    static func defineFallbackKeys() {
        for (sequence, code) in fallbackKeys where key_defined(sequence) == 0 {
            define_key(sequence, code)
        }
    }

    /// Whether standard input hung up: poll reports HUP/ERR/NVAL, or it claims to be
    /// readable while holding no bytes (end of file: read() would return 0 or EIO).
    static func inputIsGone() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, 0)
        if ready < 0 { return errno != EINTR && errno != EAGAIN }
        if ready == 0 { return false }
        if descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
        // FIONREAD does not consume input, unlike a test read().
        if descriptor.revents & Int16(POLLIN) != 0 { return tidings_bytes_available(STDIN_FILENO) <= 0 }
        return false
    }

    /// The key for an ncurses function-key code, or nil for keys the browser ignores.
    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        // Keypad corners and the vt220 Find/Select keys sit where Home/End are.
        case KEY_HOME, KEY_A1, KEY_FIND: return .home
        case KEY_END, KEY_C1, KEY_SELECT: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case tidings_KEY_F(1)...tidings_KEY_F(63): return .function(Int(code - tidings_KEY_F(0)))
        default: return nil
        }
    }

    /// Key codes of our own for the start of a mouse report while the mouse is off (past
    /// ncurses' `KEY_MAX`): `ESC [ <` (SGR 1006) and `ESC [ M` (X10).
    static let straySGRReport: Int32 = 0x2F01
    static let strayX10Report: Int32 = 0x2F02

    /// With the mouse off, a report can still come (a program before left reporting on, or a
    /// paste of one): it is read whole and dropped, rather than as Esc, `[` and digits that
    /// would leave the search and switch tabs.
    static func defineStrayMouseReports() {
        for (sequence, code) in [("\u{1B}[<", Self.straySGRReport), ("\u{1B}[M", Self.strayX10Report)]
        where [0, KEY_MOUSE].contains(key_defined(sequence)) {
            // Over terminfo's `kmous` too: with the mouse off ncurses would not read the rest.
            define_key(sequence, code)
        }
    }

    /// Reads the rest of a stray mouse report: `digits;digits;digits` and `M` or `m` (SGR),
    /// or three bytes (X10). Anything else is put back to be read as the key it is.
    private func skipStrayMouseReport(sgr: Bool) {
        wtimeout(window, 0)
        var character: wint_t = 0
        for _ in 0..<(sgr ? 24 : 3) {
            guard wget_wch(window, &character) == OK else { return }
            guard sgr else { continue }
            if character == 0x4D || character == 0x6D { return }  // M, m: the end
            guard (0x30...0x39).contains(character) || character == 0x3B else {
                unget_wch(wchar_t(bitPattern: UInt32(character)))
                return
            }
        }
    }

    /// The mouse report behind `KEY_MOUSE`, or nil for one the browser ignores (other
    /// buttons, releases, or a report arriving while the mouse is off).
    static func mouseEvent() -> MouseEvent? {
        var x: Int32 = 0
        var y: Int32 = 0
        switch tidings_read_mouse(&x, &y) {
        case 1: return MouseEvent(.click, x: Int(x), y: Int(y))
        case 2: return MouseEvent(.wheelUp, x: Int(x), y: Int(y))
        case 3: return MouseEvent(.wheelDown, x: Int(x), y: Int(y))
        default: return nil
        }
    }

    /// The key for a character read by `wget_wch`, or nil for ones the browser ignores
    /// (NUL, the C0 codes without a Ctrl-letter, C1 controls, invalid scalars).
    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value + 96))))
        case 0..<32, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
