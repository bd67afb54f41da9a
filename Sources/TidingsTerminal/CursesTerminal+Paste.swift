import CNcursesw
import Glibc
import TidingsScreen

// What the suspend handler needs, allocated once (see CrashGuard.swift for why raw memory).

/// ncurses' SIGTSTP disposition, which ``suspendWithoutBracketedPaste`` wraps.
nonisolated(unsafe) private let ncursesSuspendAction: UnsafeMutablePointer<sigaction> = {
    let pointer = UnsafeMutablePointer<sigaction>.allocate(capacity: 1)
    pointer.initialize(to: sigaction())
    return pointer
}()
/// Whether ``suspendWithoutBracketedPaste`` is installed (touched only on the main thread).
nonisolated(unsafe) private var suspendHandlerWrapped = false
/// ``BracketedPaste/disable`` and ``BracketedPaste/enable`` as bytes for the handler.
nonisolated(unsafe) private let pasteOffBytes: UnsafeMutablePointer<UInt8> = bytes(BracketedPaste.disable)
nonisolated(unsafe) private let pasteOnBytes: UnsafeMutablePointer<UInt8> = bytes(BracketedPaste.enable)

private func bytes(_ text: String) -> UnsafeMutablePointer<UInt8> {
    let utf8 = Array(text.utf8)
    let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: utf8.count)
    pointer.initialize(from: utf8, count: utf8.count)
    return pointer
}

/// Ctrl-Z: the shell gets its terminal back without bracketed paste (it would read the
/// markers of its next paste as typed text), and the browser asks for it again on resume.
/// ncurses' handler, called in between, leaves curses mode, stops the process and redraws
/// after SIGCONT; it puts back the disposition it found, this one. Only `write` here is ours.
private func suspendWithoutBracketedPaste(_ signal: Int32) {
    _ = write(STDOUT_FILENO, pasteOffBytes, BracketedPaste.disable.utf8.count)
    ncursesSuspendAction.pointee.__sigaction_handler.sa_handler?(signal)
    _ = write(STDOUT_FILENO, pasteOnBytes, BracketedPaste.enable.utf8.count)
}

/// Bracketed paste: turned on while the browser has the terminal, read as one event.
extension CursesTerminal {
    /// Key codes given to the paste markers, past ncurses' own (`KEY_MAX`).
    static let pasteBeginCode = KEY_MAX + 1
    static let pasteEndCode = KEY_MAX + 2

    /// Teaches ncurses the markers and wraps its Ctrl-Z handler; called once from `open`.
    static func prepareBracketedPaste() {
        define_key(BracketedPaste.begin, pasteBeginCode)
        define_key(BracketedPaste.end, pasteEndCode)
        _ = ncursesSuspendAction
        _ = pasteOffBytes
        _ = pasteOnBytes
        // Only ncurses' own handler is wrapped: it installs one where Ctrl-Z had its default
        // action, and where Ctrl-Z is ignored (no job control) there is nothing to wrap.
        sigaction(SIGTSTP, nil, ncursesSuspendAction)
        let handlerBits = withUnsafeBytes(of: ncursesSuspendAction.pointee.__sigaction_handler) {
            $0.load(as: UInt.self)
        }
        guard handlerBits > 1, ncursesSuspendAction.pointee.sa_flags & SA_SIGINFO == 0 else { return }
        var ours = ncursesSuspendAction.pointee
        ours.__sigaction_handler.sa_handler = suspendWithoutBracketedPaste
        sigaction(SIGTSTP, &ours, nil)
        suspendHandlerWrapped = true
    }

    /// Puts back ncurses' Ctrl-Z handler; called from `close`.
    static func forgetBracketedPaste() {
        guard suspendHandlerWrapped else { return }
        sigaction(SIGTSTP, ncursesSuspendAction, nil)
        suspendHandlerWrapped = false
    }

    /// Asks the terminal to bracket pastes, or to stop.
    static func setBracketedPaste(_ on: Bool) {
        _ = writeBetweenFrames(Array((on ? BracketedPaste.enable : BracketedPaste.disable).utf8))
    }

    /// Reads a paste whose begin marker ncurses has just decoded, up to its end marker
    /// (or silence, or ``BracketedPaste/readLimit``), and returns its text.
    func readPaste() -> String {
        var collector = BracketedPaste.Collector()
        let clock = ContinuousClock()
        var instantFailures = 0
        while !collector.isFinished {
            wtimeout(window, Int32(BracketedPaste.silenceMilliseconds))
            let started = clock.now
            var character: wint_t = 0
            let result = wget_wch(window, &character)
            if result == KEY_CODE_YES {
                switch Int32(character) {
                case Self.pasteEndCode: collector.take(.end)
                case Self.pasteBeginCode: collector.take(.begin)
                case KEY_RESIZE:
                    refreshSize()
                    resizedDuringPaste = true
                default: collector.take(.functionKey)
                }
            } else if result == OK {
                collector.take(.character(UInt32(character)))
            } else if SignalTrap.pendingSignal != nil || Self.inputIsGone() {
                collector.take(.silence)  // the next read reports the signal or hang-up
            } else if started.duration(to: clock.now) < .milliseconds(BracketedPaste.silenceMilliseconds / 2) {
                // Interrupted early (a signal ncurses handled): keep reading, but never spin.
                instantFailures += 1
                if instantFailures >= 50 { collector.take(.silence) }
            } else {
                collector.take(.silence)
            }
        }
        return collector.text
    }
}
