import Foundation
import Glibc
import Testing
import TidingsPTY

/// The shared pseudo-terminal spawner on its own, with small system programs: what a child
/// writes arrives, a hang-up ends it, and it starts as a shell would start it.
@Suite struct PseudoTerminalProcessTests {
    /// Reads until `text` has arrived or `timeout` s pass; everything read.
    static func read(_ process: PseudoTerminalProcess, until text: String, timeout: Double = 5) -> String {
        var output: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, !String(decoding: output, as: UTF8.self).contains(text) {
            switch process.read(waitingMilliseconds: 50) {
            case .bytes(let bytes): output += bytes
            case .quiet: continue
            case .closed: return String(decoding: output, as: UTF8.self)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Polls until the child has ended or `timeout` s pass.
    static func waitForEnd(_ process: PseudoTerminalProcess, timeout: Double = 5) throws -> ProcessTermination? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let ended = try process.poll() { return ended }
            usleep(5_000)
        }
        return nil
    }

    /// The kernel's view of one line of `/proc/PID/status` (`SigBlk:`, say).
    static func status(_ pid: pid_t, _ field: String) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix(field + ":") }?
            .dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces)
    }

    @Test func echoedTextArrivesAndTheExitIsReaped() throws {
        // The slave kept open, so echo's bytes stay readable after it exits.
        let terminal = try PseudoTerminalPair(columns: 40, rows: 10, keepingSlave: true)
        let echo = try PseudoTerminalProcess(
            executable: "/bin/echo", arguments: ["hello", "pty"],
            environment: [:], on: terminal)
        #expect(Self.read(echo, until: "hello pty").contains("hello pty"))
        #expect(try Self.waitForEnd(echo) == ProcessTermination(exitCode: 0, signal: nil))
        #expect(try echo.poll() == ProcessTermination(exitCode: 0, signal: nil), "reaped once, answered again")
    }

    @Test func hangingUpEndsTheSessionWithSIGHUP() throws {
        let cat = try PseudoTerminalProcess(executable: "/bin/cat", environment: [:], columns: 80, rows: 24)
        cat.send(Array("ping\n".utf8))
        #expect(Self.read(cat, until: "ping").contains("ping"))
        #expect(try cat.poll() == nil)
        cat.hangUp()
        #expect(cat.read(waitingMilliseconds: 0) == .closed)
        #expect(try Self.waitForEnd(cat)?.signal == SIGHUP)
    }

    @Test func newSessionOrOwnProcessGroup() throws {
        let leader = try PseudoTerminalProcess(executable: "/bin/cat", environment: [:], columns: 80, rows: 24)
        #expect(getsid(leader.pid) == leader.pid)
        let member = try PseudoTerminalProcess(
            executable: "/bin/cat", environment: [:], columns: 80, rows: 24,
            newSession: false)
        #expect(getpgid(member.pid) == member.pid)
        #expect(getsid(member.pid) == getsid(0))
    }

    @Test func childStartsWithNothingBlockedOrIgnored() throws {
        // A signal blocked here, as a test runner might block one, must not stay blocked in the
        // child; nor may anything this process ignores stay ignored there.
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGWINCH)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let cat = try PseudoTerminalProcess(executable: "/bin/cat", environment: [:], columns: 80, rows: 24)
        #expect(Self.status(cat.pid, "SigBlk") == "0000000000000000")
        // Only the classic signals (1-31): glibc's posix_spawn ignores its own internal
        // real-time signals (32, 33) in the child whenever this process has handlers for them.
        let ignored = try #require(Self.status(cat.pid, "SigIgn").flatMap { UInt64($0, radix: 16) })
        #expect(ignored & 0x7FFF_FFFF == 0, "ignored: \(String(ignored, radix: 16))")
    }

    @Test func descriptorsAreCloseOnExec() throws {
        let terminal = try PseudoTerminalPair(columns: 80, rows: 24, keepingSlave: true)
        let slave = try #require(terminal.slave)
        #expect(fcntl(terminal.master, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(slave, F_GETFD) & FD_CLOEXEC != 0)
        var size = winsize()
        _ = ioctl(slave, UInt(TIOCGWINSZ), &size)
        #expect(size.ws_col == 80 && size.ws_row == 24)
    }

    @Test func waitStatusesDecode() {
        #expect(ProcessTermination(waitStatus: 3 << 8) == ProcessTermination(exitCode: 3, signal: nil))
        let killed = ProcessTermination(waitStatus: SIGKILL)
        #expect(killed.signal == SIGKILL && killed.exitCode == nil && killed.status == 137)
    }
}
