import Dispatch
import Foundation
import GRDB
import Glibc
import Testing
import TidingsLibrary

/// Issue 7: a termination signal ends the browser through its normal exit when the loop is
/// alive, even if that exit has to wait for another process's write. The watchdog that ends a
/// program stuck writing to a stalled terminal (after 0.6 s) must not cut that exit short
/// and lose the reading position it is saving.
@Suite struct SignalDuringSaveTests {
    @Test func aSignalWhileAnotherProcessWritesStillSavesTheReadingPosition() async throws {
        let setup = try await TerminalSafetyTests.Setup()
        let first = try await setup.cli.run("list", "--limit", "1")
        let id = try #require(first.standardOutput.split(separator: " ").first.map(String.init))
        let pty = try setup.start()
        try TerminalSafetyTests.waitForFirstFrame(pty)
        // Into the article, and down a few lines: a position to save when leaving it.
        pty.send("\t")
        pty.send("jjjj")
        pty.drain(quietMilliseconds: 300, timeout: 3)
        #expect(try Library(path: setup.cli.library).marks(postID: id).position == .top, "saved before the signal")

        // Another process (here: this one, on its own connection) holds the write lock 1.5 s.
        let holder = try DatabaseQueue(path: setup.cli.library)
        let locked = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? holder.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                usleep(1_500_000)
                try db.execute(sql: "COMMIT")
            }
            released.signal()
        }
        locked.wait()
        Glibc.kill(pty.pid, SIGTERM)
        let ended = try #require(pty.waitForExit(timeout: 10), "still running 10 s after SIGTERM")
        released.wait()
        #expect(ended.termination.status == 143, "\(ended.termination)")
        TerminalSafetyTests.figure("SIGTERM during another process's write: exit after \(ended.seconds) s")
        TerminalSafetyTests.expectRestored(pty, "SIGTERM during another process's write")
        let position = try Library(path: setup.cli.library).marks(postID: id).position
        #expect(position != .top, "the reading position was not saved on the way out")
    }
}
