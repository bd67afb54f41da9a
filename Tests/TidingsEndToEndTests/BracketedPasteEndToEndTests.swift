import Foundation
import Glibc
import Testing

/// Bracketed paste in the real browser: asked for while it has the terminal, given back
/// whenever the terminal is, and a paste read as text, never as keys.
@Suite struct BracketedPasteEndToEndTests {
    static let on = "\u{1B}[?2004h"
    static let off = "\u{1B}[?2004l"

    /// tmux's `paste-buffer -p` brackets the paste only because the browser asked: the
    /// pasted `q` and `A` stay text on the search line, one search runs, and a key typed
    /// right after is answered.
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func aPasteIsTextInTmux() async throws {
        let browser = try await BrowserTests.Browser()
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        // In the list a paste is refused: its `q` does not quit.
        try tmux.paste("q")
        try await tmux.waitFor("Paste ignored")
        try tmux.sendKeys("/")
        try tmux.paste("laun\nq\u{1B}[2J A")
        try await tmux.waitFor("/laun q A")
        try tmux.sendKeys("BSpace", "BSpace", "BSpace", "BSpace")
        try tmux.sendText("ch")
        try await tmux.waitFor("7 matches")
        try tmux.sendKeys("Escape")
        try await tmux.waitFor("1/50")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    /// On a pty: on after the first frame, off at exit, off while suspended and on again
    /// after resuming; a paste whose end marker never comes ends after a pause, and the
    /// keys after it work.
    @Test func theModeFollowsTheTerminal() async throws {
        let setup = try await TerminalSafetyTests.Setup()
        let pty = try setup.start(newSession: false)
        try TerminalSafetyTests.waitForFirstFrame(pty)
        #expect(TerminalSafetyTests.lastIndex(of: Self.on, in: pty.output) != nil, "bracketed paste never asked for")

        let beforeStop = pty.output.count
        Glibc.kill(pty.pid, SIGTSTP)
        #expect(
            pty.drain(
                timeout: 3,
                until: { TerminalSafetyTests.lastIndex(of: Self.off, in: $0.output, from: beforeStop) != nil }),
            "Ctrl-Z left bracketed paste on for the shell")
        let stopDeadline = ContinuousClock.now + .seconds(3)
        while pty.processState() != "T", ContinuousClock.now < stopDeadline { usleep(10_000) }
        #expect(pty.processState() == "T")
        let resumed = pty.output.count
        Glibc.kill(pty.pid, SIGCONT)
        #expect(
            pty.drain(
                timeout: 3, until: { TerminalSafetyTests.lastIndex(of: Self.on, in: $0.output, from: resumed) != nil }),
            "resuming did not ask for bracketed paste again")
        pty.drain(quietMilliseconds: 100, timeout: 1)

        // An unterminated paste holding a `q`: taken as a paste (refused in the list), and
        // after the pause the keys are keys again.
        pty.send("\u{1B}[200~qqq")
        let pasted = pty.output.count
        #expect(
            pty.drain(
                timeout: 3,
                until: { TerminalSafetyTests.lastIndex(of: "Paste ignored", in: $0.output, from: pasted) != nil }),
            "an unterminated paste was not ended")
        pty.drain(quietMilliseconds: 300, timeout: 2)
        #expect(try pty.poll() == nil, "a pasted q quit the browser")
        let moved = pty.output.count
        pty.send("j")
        #expect(
            pty.drain(timeout: 3, until: { TerminalSafetyTests.lastIndex(of: "2", in: $0.output, from: moved) != nil }))
        pty.send("q")
        let ended = try #require(pty.waitForExit(timeout: 3))
        #expect(ended.termination.status == 0)
        let lastOn = try #require(TerminalSafetyTests.lastIndex(of: Self.on, in: pty.output))
        #expect(TerminalSafetyTests.lastIndex(of: Self.off, in: pty.output, from: lastOn) != nil, "left on at exit")
        TerminalSafetyTests.expectRestored(pty, "bracketed paste")
    }

    /// A crash turns it off too (the crash guard's reset sequence).
    @Test func aCrashTurnsItOff() async throws {
        let setup = try await TerminalSafetyTests.Setup()
        let pty = try setup.start()
        try TerminalSafetyTests.waitForFirstFrame(pty)
        let before = pty.output.count
        Glibc.kill(pty.pid, SIGSEGV)
        _ = pty.waitForExit(timeout: 5)
        pty.drain(quietMilliseconds: 100, timeout: 1)
        #expect(TerminalSafetyTests.lastIndex(of: Self.off, in: pty.output, from: before) != nil)
    }
}
