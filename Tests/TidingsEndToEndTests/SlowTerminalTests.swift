import Foundation
import Glibc
import Testing

/// A terminal slow to take output (an SSH link whose buffers are full): the browser goes on
/// taking keys, draws only the latest screen, and says so on the status line.
@Suite struct SlowTerminalTests {
    @Test func aStalledReaderGetsTheLatestScreenNotEveryFrame() async throws {
        let cli = try CLI()
        let imported = try await cli.run("import", CLI.repository + "/data")
        #expect(imported.status == 0, "\(imported)")
        let environment = cli.environment.merging(["TERM": "xterm-256color", "SWIFT_BACKTRACE": "interactive=no"]) {
            _, new in new
        }
        let pty = try TestPseudoTerminal(
            executable: try BuiltProducts.executable(named: "tidings"), environment: environment,
            columns: 200, rows: 60)
        #expect(pty.drain(timeout: 20, until: { $0.outputContains("1/50") }))
        pty.drain(quietMilliseconds: 200, timeout: 3)

        // One Ctrl-L (a whole repaint) while the reader keeps up: what one frame costs.
        let before = pty.output.count
        pty.send("\u{0C}")
        pty.drain(quietMilliseconds: 300, timeout: 5)
        let oneFrame = pty.output.count - before
        try #require(oneFrame > 4_000, "a repaint of 200x60 wrote \(oneFrame) bytes")

        // Forty repaints asked for while nobody reads: far more than the pty's buffer holds,
        // so the browser's writes block. Wait until it has stopped writing (blocked, or done).
        let start = pty.output.count
        pty.send(String(repeating: "\u{0C}", count: 40))
        var unread = -1
        while pty.unreadBytes() != unread {
            unread = pty.unreadBytes()
            usleep(500_000)
        }
        // Then a slow reader: a few KiB at a time, until the screen settles.
        var reads = 0
        while pty.drain(quietMilliseconds: 400, timeout: 0.05) || pty.unreadBytes() > 0 || reads < 10 {
            reads += 1
            usleep(20_000)
            if reads > 2_000 { break }
        }
        pty.drain(quietMilliseconds: 500, timeout: 5)
        let written = pty.output.count - start
        #expect(
            written < 40 * oneFrame / 2,
            "40 repaints wrote \(written) bytes, \(oneFrame) each would be \(40 * oneFrame)")
        #expect(pty.outputContains("terminal slow"), "the status line said so")
        // Still answering keys.
        pty.send("q")
        let exit = pty.waitForExit(timeout: 10)
        #expect(exit?.termination.exitCode == 0, "\(String(describing: exit))")
    }
}
