import CNcursesw
import Foundation
import Glibc
import Synchronization
import TidingsScreen

/// Whether a ``CursesTerminal`` is open: signal handlers and ncurses' screen are global.
private let aTerminalIsOpen = Atomic<Bool>(false)

/// The ncursesw implementation of TidingsUI's ``Terminal``.
///
/// Owns the terminal from ``open(environment:)`` to ``close()``: curses mode, the
/// termination-signal flag, the crash guard. Not thread-safe; use it from one thread.
public final class CursesTerminal: Terminal {
    public private(set) var size: Size
    public let supportsColor: Bool

    /// The ncurses screen from `newterm`, needed to free it in ``close()``.
    private let screen: OpaquePointer
    /// `stdscr` of that screen: everything is drawn into it.
    let window: UnsafeMutablePointer<WINDOW>
    /// Colour pair for each `Style.Color` role, indexed by raw value (0: default colours).
    let colorPairs: [Int16]
    /// What the screen shows, as far as we know; nil forces a full repaint.
    var lastBuffer: ScreenBuffer?
    /// Set by ``invalidate()``: the physical screen may be garbled and must be cleared.
    var needsPhysicalClear = false
    /// Consecutive reads that failed at once; a dead terminal that poll does not report
    /// as hung up would otherwise make the event loop spin.
    var instantFailures = 0
    /// A resize arrived while a paste was read: reported by the next ``nextEvent(timeoutMilliseconds:wakingOn:)``.
    var resizedDuringPaste = false
    private var isOpen = true
    /// True when the user's locale is not UTF-8: the terminal may read UTF-8's bytes
    /// 0x80–0x9F as C1 controls, so only ASCII is drawn (``ASCIIFallback``).
    let asciiOnly: Bool

    private init(screen: OpaquePointer, window: UnsafeMutablePointer<WINDOW>, colorPairs: [Int16]?, asciiOnly: Bool) {
        self.screen = screen
        self.asciiOnly = asciiOnly
        self.window = window
        self.supportsColor = colorPairs != nil
        self.colorPairs = colorPairs ?? Array(repeating: 0, count: Style.Color.allCases.count)
        self.size = Size(columns: 0, rows: 0)
        self.size = currentWindowSize()
    }

    deinit { close() }

    /// Whether standard input and standard output are both terminals.
    public static func standardStreamsAreTerminals() -> Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Takes over the terminal on standard input/output and enters curses mode.
    ///
    /// `environment` decides the terminal type (`TERM`) and colour (`NO_COLOR`, `COLORTERM`);
    /// the locale still comes from the process environment, which is what `setlocale` reads.
    /// `palette` gives each colour role its colours (none: every role in the default colours).
    /// - Throws: ``TerminalError`` when the streams are not terminals, `TERM` is unset,
    ///   `dumb` or unknown, or a terminal is already open.
    /// With `mouse`, the terminal is asked to report clicks and the wheel; without it nothing
    /// is asked, so the terminal's own selection keeps working.
    public static func open(
        environment: [String: String] = ProcessInfo.processInfo.environment, palette: ColorPalette = ColorPalette(),
        mouse: Bool = false
    ) throws -> CursesTerminal {
        guard standardStreamsAreTerminals() else { throw TerminalError.notATerminal }
        guard let term = environment["TERM"], !term.isEmpty else { throw TerminalError.terminalTypeNotSet }
        guard term != "dumb" else { throw TerminalError.terminalTooLimited(term) }
        guard !aTerminalIsOpen.exchange(true, ordering: .sequentiallyConsistent) else {
            throw TerminalError.alreadyOpen
        }

        SignalTrap.unblockSignals()
        SignalTrap.install()  // before newterm, so that ncurses keeps its own handlers out
        let asciiOnly = !configureLocale()

        // Captured before curses changes anything: the crash guard restores exactly this.
        let terminalFD = isatty(STDOUT_FILENO) == 1 ? STDOUT_FILENO : STDIN_FILENO
        var savedSettings = termios()
        let haveSettings = tcgetattr(terminalFD, &savedSettings) == 0

        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        // ncurses writes 24-bit colour only through a direct-colour terminal type: tried
        // first when the terminal claims truecolor and the theme has RGB colours.
        var direct: OpaquePointer?
        if !noColor, CursesPalette.claimsTruecolor(environment), CursesPalette.usesRGB(palette),
            let variant = CursesPalette.directVariant(of: term)
        {
            direct = newterm(variant, tidings_stdout(), tidings_stdin())
        }
        // newterm, unlike initscr, returns NULL for an unknown TERM instead of exiting.
        guard let screen = direct ?? newterm(term, tidings_stdout(), tidings_stdin()) else {
            SignalTrap.restore()
            aTerminalIsOpen.store(false, ordering: .sequentiallyConsistent)
            throw TerminalError.unknownTerminalType(term)
        }
        guard let window = tidings_stdscr() else {
            preconditionFailure("newterm succeeded without creating stdscr")
        }
        if haveSettings {
            CrashGuard.ensureAlternateStack()
            CrashGuard.arm(fd: terminalFD, savedSettings: savedSettings, resetSequence: CrashGuard.resetSequence())
        }

        cbreak()  // keys arrive one by one, while Ctrl-C/Ctrl-Z still raise signals
        noecho()
        nonl()  // Enter arrives as 13 and output newlines stay untranslated
        intrflush(window, false)
        keypad(window, true)
        defineFallbackKeys()
        prepareBracketedPaste()
        meta(window, true)
        set_escdelay(25)  // the default (1 s) makes Esc feel broken
        curs_set(0)
        leaveok(window, true)  // the cursor is hidden, so ncurses need not park it
        scrollok(window, false)
        if mouse {
            _ = tidings_enable_mouse()
        } else {
            tidings_disable_mouse()
            defineStrayMouseReports()
        }

        let pairs = noColor ? nil : CursesPalette.start(palette)
        setBracketedPaste(true)
        return CursesTerminal(screen: screen, window: window, colorPairs: pairs, asciiOnly: asciiOnly)
    }

    /// Leaves curses mode and restores the terminal. Safe to call more than once.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        // endwin writes the rest of the last frame and the reset sequence: a stalled reader
        // would block it, so the watchdog covers it again when a signal is ending us.
        SignalTrap.armWatchdogIfTerminating()
        endwin()
        Self.setBracketedPaste(false)
        Self.forgetBracketedPaste()
        CrashGuard.disarm()
        delscreen(screen)
        SignalTrap.restore()
        aTerminalIsOpen.store(false, ordering: .sequentiallyConsistent)
    }

    /// Forgets what is on the screen; the next ``present(_:)`` clears and repaints it all.
    public func invalidate() {
        lastBuffer = nil
        needsPhysicalClear = true
    }

    /// The size of `stdscr` as ncurses currently sees it.
    func currentWindowSize() -> Size {
        var rows: Int32 = 0
        var columns: Int32 = 0
        tidings_getmaxyx(window, &rows, &columns)
        return Size(columns: Int(columns), rows: Int(rows))
    }

    /// Re-reads the size after `KEY_RESIZE`; the next ``present(_:)`` repaints everything.
    func refreshSize() {
        size = currentWindowSize()
        lastBuffer = nil
    }

    /// Selects the user's locale, or C.UTF-8 when that is not UTF-8: ncursesw measures
    /// widths with the C library, which knows no wide characters without a UTF-8 codeset.
    /// The terminal itself is then not in UTF-8, so what is drawn is kept to ASCII.
    /// - Returns: whether the user's own locale is UTF-8.
    private static func configureLocale() -> Bool {
        setlocale(LC_ALL, "")
        let isUTF8 = codesetIsUTF8()
        if !isUTF8 {
            setlocale(LC_ALL, "C.UTF-8")
        }
        // Only character handling matters to the terminal; keep numbers formatted the
        // C way so that no library's output depends on the user's locale.
        setlocale(LC_NUMERIC, "C")
        return isUTF8
    }

    private static func codesetIsUTF8() -> Bool { ASCIIFallback.codesetIsUTF8() }
}
