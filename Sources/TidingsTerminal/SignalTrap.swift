import CNcursesw
import Glibc
import Synchronization

/// The first termination signal received since ``SignalTrap/install()``; 0 when none.
///
/// A global `let` so that the C signal handler can reach it without capturing context;
/// `Atomic` is lock-free, so storing into it is async-signal-safe.
private let pendingTerminationSignal = Atomic<Int32>(0)

/// Saved dispositions of the trapped signals, indexed by signal number. Raw memory
/// allocated once, so that restoring them never allocates.
nonisolated(unsafe) private let savedTerminationActions: UnsafeMutablePointer<sigaction> = {
    let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(NSIG))
    pointer.initialize(repeating: sigaction(), count: Int(NSIG))
    return pointer
}()

/// The termination watchdog's state: 0 idle, 1 armed (the timer runs), 2 firing (its
/// handler owns the exit). One atomic, so that the handler and ``SignalTrap/restore()``
/// can never both think they own the end of the program.
private let watchdogState = Atomic<Int>(0)
private let watchdogIdle = 0
private let watchdogArmed = 1
private let watchdogFiring = 2
/// Whether our SIGALRM handler is installed; it stays installed once it is (it does
/// nothing unless armed), so that a SIGALRM raised just as the timer is stopped can never
/// meet the default disposition and kill a program that closed normally.
private let alarmHandlerInstalled = Atomic<Bool>(false)

/// Starts (or restarts) the watchdog's timer: the program must be gone 0.6 s from now.
/// Async-signal-safe (an atomic store and `setitimer`).
private func armTerminationWatchdog() {
    watchdogState.store(watchdogArmed, ordering: .sequentiallyConsistent)
    var timer = itimerval()
    // 0.6 s: the bound is 1 s; a normal exit takes 0.06–0.16 s.
    timer.it_value.tv_usec = 600_000
    _ = setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &timer, nil)
}

/// Stops the watchdog's timer if it is armed; returns false when its handler is already
/// ending the program.
private func disarmTerminationWatchdog() -> Bool {
    let (exchanged, original) = watchdogState.compareExchange(
        expected: watchdogArmed, desired: watchdogIdle, ordering: .sequentiallyConsistent)
    if exchanged {
        var stop = itimerval()
        _ = setitimer(__itimer_which_t(ITIMER_REAL.rawValue), &stop, nil)
    }
    return original != watchdogFiring
}

/// Records a termination signal; everything else happens in the event loop.
private func recordTerminationSignal(_ signal: Int32) {
    // The first signal wins: a SIGHUP followed by the SIGTERM a dying SSH session
    // sends should still exit with 128+SIGHUP.
    if pendingTerminationSignal.compareExchange(expected: 0, desired: signal, ordering: .relaxed).exchanged {
        // The loop may never see the flag: a reader that stopped reading (a frozen SSH
        // link) leaves ncurses blocked in write() for good. SIGALRM ends it regardless.
        armTerminationWatchdog()
    }
    // If the user stopped output (Ctrl-S), ncurses is blocked in write() and retries it
    // after the signal: restart output so the frame, and then the exit, can go through.
    if isatty(STDOUT_FILENO) == 1 { restartStoppedOutput(STDOUT_FILENO) }
}

/// The termination watchdog: the loop did not restore the terminal in time, so discard the
/// output a stalled reader left queued, restore the terminal and exit as the signal asked.
/// Only async-signal-safe calls.
private func terminationWatchdogExpired(_: Int32) {
    guard
        watchdogState.compareExchange(
            expected: watchdogArmed, desired: watchdogFiring,
            ordering: .sequentiallyConsistent
        ).exchanged
    else { return }
    restoreSavedTerminal(discardingQueuedOutput: true)
    _exit(128 + pendingTerminationSignal.load(ordering: .relaxed))
}

/// Turns termination signals into a flag that ``CursesTerminal/nextEvent(timeoutMilliseconds:wakingOn:)`` reports.
///
/// ncurses' own SIGINT/SIGTERM handling calls `endwin` and `_exit(1)`, so the program's
/// cleanup never runs, and it ignores SIGHUP entirely (leaving the terminal raw). ncurses
/// installs its handlers only where the disposition is still the default, so installing
/// ours before `newterm` keeps it out. SIGTSTP/SIGCONT and SIGWINCH stay with ncurses:
/// it restores the terminal while stopped, redraws on resume and reports `KEY_RESIZE`.
enum SignalTrap {
    /// The signals that end the browser: hang-up, Ctrl-C, `kill`, Ctrl-\.
    static let terminationSignals: [Int32] = [SIGHUP, SIGINT, SIGTERM, SIGQUIT]

    /// Every signal the terminal relies on; a parent (Foundation's `Process`, for one)
    /// may hand us a mask that blocks them, and then we would never see SIGTERM or resizes.
    static let signalsToUnblock: [Int32] = [SIGHUP, SIGINT, SIGTERM, SIGQUIT, SIGWINCH, SIGTSTP, SIGCONT]

    /// Unblocks ``signalsToUnblock`` on the calling thread (call it from the main thread),
    /// and gives SIGWINCH back its default disposition if a parent left it ignored:
    /// ncurses only catches it where it is the default, and resizes would go unnoticed.
    static func unblockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signalsToUnblock { sigaddset(&set, signal) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)

        var current = sigaction()
        sigaction(SIGWINCH, nil, &current)
        let handlerBits = withUnsafeBytes(of: current.__sigaction_handler) { $0.load(as: UInt.self) }
        if handlerBits == 1 {  // SIG_IGN
            var defaultAction = sigaction()
            sigemptyset(&defaultAction.sa_mask)
            sigaction(SIGWINCH, &defaultAction, nil)
        }
    }

    /// Clears the flag and installs the flag-setting handlers, saving the previous ones.
    ///
    /// Also the watchdog (SIGALRM): once a termination signal has arrived, the program must
    /// be gone within a second even when ncurses is blocked writing to a terminal nobody
    /// reads. The loop stands it down when it takes the signal (``standDownWatchdog()``:
    /// it is not blocked, and may need a moment to save the reading position while another
    /// process holds the write lock); ``CursesTerminal/close()`` arms it again around its
    /// last writes. If it expires, it restores the terminal itself and exits with 128 +
    /// the signal.
    static func install() {
        pendingTerminationSignal.store(0, ordering: .relaxed)
        watchdogState.store(watchdogIdle, ordering: .sequentiallyConsistent)
        // Everything the handlers read is initialised here, never inside a handler.
        prepareSavedTerminalForHandlers()
        if !alarmHandlerInstalled.exchange(true, ordering: .sequentiallyConsistent) {
            var alarm = sigaction()
            alarm.__sigaction_handler.sa_handler = terminationWatchdogExpired
            sigemptyset(&alarm.sa_mask)
            alarm.sa_flags = 0
            sigaction(SIGALRM, &alarm, nil)
        }
        for signal in terminationSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = recordTerminationSignal
            sigemptyset(&action.sa_mask)
            // No SA_RESTART: a blocking read should be interrupted so the loop sees the flag.
            action.sa_flags = 0
            sigaction(signal, &action, savedTerminationActions + Int(signal))
        }
    }

    /// The loop has taken the termination signal: it is not stuck, so the watchdog stands
    /// down until ``armWatchdogIfTerminating()``.
    static func standDownWatchdog() {
        _ = disarmTerminationWatchdog()
    }

    /// Arms the watchdog again when a termination signal is pending: for the last writes to
    /// the terminal, which a stalled reader would block.
    static func armWatchdogIfTerminating() {
        if pendingSignal != nil { armTerminationWatchdog() }
    }

    /// Stops the watchdog and puts back the termination signals' dispositions saved by
    /// ``install()``. The flag keeps its value. Call it once the terminal is restored.
    static func restore() {
        if !disarmTerminationWatchdog() {
            // The watchdog's handler is ending the program on another thread: let it.
            while true { pause() }
        }
        for signal in terminationSignals {
            sigaction(signal, savedTerminationActions + Int(signal), nil)
        }
    }

    /// The first termination signal received since ``install()``, if any.
    static var pendingSignal: Int32? {
        let signal = pendingTerminationSignal.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }
}
