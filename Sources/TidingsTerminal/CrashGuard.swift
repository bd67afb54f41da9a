import CNcursesw
import Glibc
import Synchronization
import TidingsScreen

// State the crash handler reads. Raw memory allocated once and never freed, and atomics,
// so that the handler touches no Swift object, takes no lock and never allocates. Every
// global here is first touched by `CrashGuard.arm`, before any handler is installed,
// so their lazy initialisation never runs inside a signal handler.

/// Whether the terminal is in curses mode and must be restored on a crash.
private let crashRestoreArmed = Atomic<Bool>(false)
/// The terminal file descriptor whose settings were saved, or -1.
private let crashTerminalFD = Atomic<Int32>(-1)
/// The terminal settings captured before `newterm`.
nonisolated(unsafe) private let crashSavedTermios: UnsafeMutablePointer<termios> = {
    let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    pointer.initialize(to: termios())
    return pointer
}()
/// Capacity of ``crashResetBytes``; terminfo reset strings are far shorter.
private let crashResetCapacity = 512
/// The escape sequences that leave curses mode, precomputed from terminfo.
nonisolated(unsafe) private let crashResetBytes: UnsafeMutablePointer<UInt8> = {
    let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: crashResetCapacity)
    pointer.initialize(repeating: 0, count: crashResetCapacity)
    return pointer
}()
private let crashResetCount = Atomic<Int>(0)
/// Dispositions that were in place before ours (often Swift's backtracer), by signal number.
nonisolated(unsafe) private let crashPreviousActions: UnsafeMutablePointer<sigaction> = {
    let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(NSIG))
    pointer.initialize(repeating: sigaction(), count: Int(NSIG))
    return pointer
}()
/// Whether our crash handlers are installed (so ``CrashGuard/disarm()`` knows what to undo).
private let crashHandlersInstalled = Atomic<Bool>(false)
/// Whether the `atexit` hook has been registered (it must happen at most once).
private let exitHookRegistered = Atomic<Bool>(false)

/// Restores the terminal if armed: only `tcsetattr`, `tcflow` and `write`, all async-signal-safe.
///
/// - Parameter discardingQueuedOutput: also drop output the terminal has not read yet (see
///   ``restoreSavedTerminal(discardingQueuedOutput:)``). Not at a plain `exit`, whose last
///   message may still be on its way to the user.
private func restoreTerminalIfArmed(discardingQueuedOutput: Bool = false) {
    guard crashRestoreArmed.exchange(false, ordering: .acquiringAndReleasing) else { return }
    restoreSavedTerminal(discardingQueuedOutput: discardingQueuedOutput)
}

/// Restarts output the user stopped with Ctrl-S, so a blocked write can go through.
/// Linux's TCOON alone only undoes TCOOFF, not a Ctrl-S; TCOOFF then TCOON undoes both.
/// `tcflow` is an ioctl, async-signal-safe; on a hung-up terminal it just fails.
func restartStoppedOutput(_ fd: Int32) {
    _ = tcflow(fd, TCOOFF)
    _ = tcflow(fd, TCOON)
}

/// Initialises the state ``restoreSavedTerminal(discardingQueuedOutput:)`` reads, so that a
/// handler never runs a global's lazy initialiser (when ``CrashGuard/arm`` never ran, say,
/// because the terminal's settings could not be read).
func prepareSavedTerminalForHandlers() {
    _ = crashTerminalFD.load(ordering: .relaxed)
    _ = crashResetCount.load(ordering: .relaxed)
    _ = crashSavedTermios
    _ = crashResetBytes
}

/// Puts back the settings saved by ``CrashGuard/arm(fd:savedSettings:resetSequence:)`` and
/// writes the reset sequence, armed or not. Async-signal-safe.
///
/// - Parameter discardingQueuedOutput: first drop the output queued for a reader that has
///   stopped reading. Over a frozen SSH link the pseudo-terminal's buffer stays full, every
///   write blocks, and so would the reset sequence; on a pty slave `tcflush(TCOFLUSH)`
///   empties the master's buffer, which makes room. Only the screen being left is lost.
func restoreSavedTerminal(discardingQueuedOutput: Bool) {
    let fd = crashTerminalFD.load(ordering: .relaxed)
    let output = fd >= 0 ? fd : STDOUT_FILENO
    if discardingQueuedOutput { _ = tcflush(output, TCOFLUSH) }
    if fd >= 0 {
        _ = tcsetattr(fd, TCSANOW, crashSavedTermios)
        // Output stopped by Ctrl-S would block the write below (and the backtracer's report).
        restartStoppedOutput(fd)
    }
    let count = crashResetCount.load(ordering: .relaxed)
    var written = 0
    while written < count {
        let result = write(output, crashResetBytes + written, count - written)
        if result <= 0 { break }
        written += result
    }
}

/// The crash handler: restore the terminal, let the previous handler (usually Swift's
/// backtracer) report the crash, then die of the signal.
private func handleCrashSignal(
    _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
) {
    restoreTerminalIfArmed(discardingQueuedOutput: true)
    // Call the previous handler directly rather than re-raising into it: Swift's
    // backtracer returns after its report, and for a signal sent with kill() (nothing to
    // fault again) the program would then carry on with a terminal it no longer owns.
    let previous = crashPreviousActions + Int(signal)
    let handlerBits = withUnsafeBytes(of: previous.pointee.__sigaction_handler) { $0.load(as: UInt.self) }
    if handlerBits > 1 {  // 0 is SIG_DFL, 1 is SIG_IGN: neither is a function to call
        if previous.pointee.sa_flags & SA_SIGINFO != 0 {
            previous.pointee.__sigaction_handler.sa_sigaction?(signal, info, context)
        } else {
            previous.pointee.__sigaction_handler.sa_handler?(signal)
        }
    }
    // Then the default action: a CPU fault (si_code > 0) happens again when we return,
    // with its real siginfo for the core dump; a sent signal is sent again, and since it
    // is blocked while we run it is delivered the moment we return.
    var defaultAction = sigaction()
    defaultAction.__sigaction_handler.sa_handler = nil  // SIG_DFL
    sigemptyset(&defaultAction.sa_mask)
    sigaction(signal, &defaultAction, nil)
    if let info, info.pointee.si_code > 0 { return }
    raise(signal)
}

/// Restores the terminal when the program crashes or exits without ``CursesTerminal/close()``.
///
/// A crash in curses mode otherwise leaves the shell raw, on the alternate screen, with
/// the cursor hidden; Swift's backtracer would also print its report where nobody can
/// read it. Signals covered: SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE.
enum CrashGuard {
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Records how to restore the terminal and installs the handlers.
    ///
    /// - Parameters:
    ///   - fd: the terminal whose settings `savedSettings` came from.
    ///   - savedSettings: termios captured before `newterm`.
    ///   - resetSequence: bytes that leave curses mode (see ``resetSequence()``).
    static func arm(fd: Int32, savedSettings: termios, resetSequence: [UInt8]) {
        crashRestoreArmed.store(false, ordering: .sequentiallyConsistent)
        crashSavedTermios.pointee = savedSettings
        let count = min(resetSequence.count, crashResetCapacity)
        resetSequence.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { crashResetBytes.update(from: base, count: count) }
        }
        crashResetCount.store(count, ordering: .relaxed)
        crashTerminalFD.store(fd, ordering: .relaxed)
        _ = crashPreviousActions  // initialise before any handler can need it
        crashRestoreArmed.store(true, ordering: .sequentiallyConsistent)

        if !crashHandlersInstalled.exchange(true, ordering: .sequentiallyConsistent) {
            for signal in crashSignals {
                var action = sigaction()
                action.__sigaction_handler.sa_sigaction = handleCrashSignal
                sigemptyset(&action.sa_mask)
                // SA_ONSTACK: a stack overflow can only be handled on the alternate stack.
                action.sa_flags = SA_SIGINFO | SA_ONSTACK
                sigaction(signal, &action, crashPreviousActions + Int(signal))
            }
        }
        if !exitHookRegistered.exchange(true, ordering: .sequentiallyConsistent) {
            // exit() without close() (an error thrown past the browser, say) must not
            // leave the shell raw either.
            atexit { restoreTerminalIfArmed() }
        }
    }

    /// Forgets the saved state (the terminal was restored normally) and puts back the
    /// previous crash handlers.
    static func disarm() {
        crashRestoreArmed.store(false, ordering: .sequentiallyConsistent)
        if crashHandlersInstalled.exchange(false, ordering: .sequentiallyConsistent) {
            for signal in crashSignals {
                sigaction(signal, crashPreviousActions + Int(signal), nil)
            }
        }
    }

    /// The bytes that leave curses mode on the current terminal, from terminfo:
    /// attributes off, keypad transmit off, cursor visible, alternate screen off.
    ///
    /// Read after `newterm` (terminfo must be loaded). Padding markers such as `$<2>`
    /// are for tputs and are dropped, since the handler writes the bytes raw.
    static func resetSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "rmkx", "cnorm", "rmcup"] {
            guard let value = tigetstr(capability),
                Int(bitPattern: value) != -1  // (char *)-1: not a string capability
            else { continue }
            bytes += withoutPadding(Array(String(cString: value).utf8))
        }
        // Not in terminfo: the shell must not be left receiving paste markers.
        return bytes + Array(BracketedPaste.disable.utf8)
    }

    /// Removes terminfo padding specifications (`$<5>`, `$<2*/>`).
    static func withoutPadding(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<"),
                let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ">"))
            {
                index = close + 1
                continue
            }
            result.append(bytes[index])
            index += 1
        }
        return result
    }

    /// Gives the calling thread an alternate signal stack if it has none, so that the
    /// handler can run after a stack overflow.
    static func ensureAlternateStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        let size = 64 * 1024
        var stack = stack_t()
        // Deliberately never freed: the stack must outlive every possible crash.
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        stack.ss_flags = 0
        sigaltstack(&stack, nil)
    }
}
