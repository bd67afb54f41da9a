import Foundation
import Glibc

// glibc hides these behind _XOPEN_SOURCE, which Swift's Glibc module does not define.
@_silgen_name("posix_openpt") private func posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

/// A program running on a pseudo-terminal, for measuring what a user's terminal would see.
final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    /// What the program has drawn so far, as read by ``read(quietMilliseconds:timeout:until:)``
    /// and ``settle(quietMilliseconds:timeout:ready:)``.
    private(set) var screen: TerminalScreen

    /// Starts `executable` with `arguments` on a new pty of `columns` x `rows`.
    init(executable: String, arguments: [String], environment: [String: String], columns: Int, rows: Int) throws {
        screen = TerminalScreen(columns: columns, rows: rows)
        master = posix_openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            throw BenchError("cannot open a pseudo-terminal")
        }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slavePath = String(cString: name)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [Int32(0), 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, slavePath, fd == 0 ? O_RDWR : O_RDWR, 0)
        }
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        // A session of its own makes the pty its controlling terminal, as in a real login.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | 0x80 /* POSIX_SPAWN_SETSID */))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(status)))") }
        pid = child
    }

    deinit {
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Writes keys to the program as if typed.
    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads output until `done` says so or nothing arrives for `quiet` ms; returns the bytes
    /// and the time the last byte arrived.
    func read(quietMilliseconds quiet: Int32, timeout: Double = 10, until done: (([UInt8]) -> Bool)? = nil)
        -> (bytes: [UInt8], lastByte: DispatchTime?) {
        var output: [UInt8] = []
        var last: DispatchTime?
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, done == nil || last != nil ? quiet : 100)
            if ready <= 0 {
                if last != nil, done == nil { break }
                continue
            }
            let count = buffer.withUnsafeMutableBufferPointer { Glibc.read(master, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            output += buffer[0..<count]
            last = DispatchTime.now()
            screen.feed(buffer[0..<count])
            if let done, done(output) { break }
        }
        return (output, last)
    }

    /// What ``settle(quietMilliseconds:timeout:ready:)`` saw.
    struct Settled {
        /// Bytes the program wrote.
        var bytes = 0
        /// When the first chunk arrived after which `ready` held.
        var readyAt: DispatchTime?
        /// When the last byte arrived.
        var lastByte: DispatchTime?
        /// Whether the screen reached the state asked for before the timeout.
        var isReady: Bool { readyAt != nil }
    }

    /// Reads output into ``screen`` until `ready` holds for it (at once when nil), then until
    /// nothing arrives for `quiet` ms and the program used under 2 ms of CPU meanwhile (work
    /// under way, such as a query, may still draw): the screen has settled. Gives up after
    /// `timeout` s.
    ///
    /// Only the bytes before `ready` holds are interpreted as they come (to test it); the rest
    /// are interpreted after the last one, so that the screen model never delays a reading.
    func settle(quietMilliseconds quiet: Int32 = 40, timeout: Double = 10,
                ready: ((TerminalScreen) -> Bool)? = nil) -> Settled {
        var result = Settled()
        var cpu = cpuNanoseconds()
        var unread: [UInt8] = []
        defer { screen.feed(unread) }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { break }
            let settling = result.lastByte != nil && (ready == nil || result.readyAt != nil)
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let answer = poll(&descriptor, 1, settling ? quiet : Int32(min(100, (deadline - now) / 1_000_000 + 1)))
            if answer <= 0 {
                guard settling else { continue }
                let now = cpuNanoseconds()
                if now > cpu + 2_000_000 {
                    cpu = now  // still working: another window
                    continue
                }
                break
            }
            let count = buffer.withUnsafeMutableBufferPointer { Glibc.read(master, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            let arrived = DispatchTime.now()
            result.lastByte = arrived
            result.bytes += count
            guard result.readyAt == nil else {
                unread += buffer[0..<count]
                continue
            }
            guard let ready else {
                result.readyAt = arrived
                unread += buffer[0..<count]
                continue
            }
            screen.feed(buffer[0..<count])
            if ready(screen) { result.readyAt = arrived }
        }
        return result
    }

    /// CPU time all the program's threads have used so far, in ns (`/proc/PID/task/*/schedstat`).
    func cpuNanoseconds() -> UInt64 {
        let tasks = "/proc/\(pid)/task"
        guard let threads = try? FileManager.default.contentsOfDirectory(atPath: tasks) else { return 0 }
        return threads.reduce(0) { sum, thread in
            guard let text = try? String(contentsOfFile: "\(tasks)/\(thread)/schedstat", encoding: .utf8),
                  let first = text.split(separator: " ").first, let used = UInt64(first) else { return sum }
            return sum + used
        }
    }

    /// Peak resident memory of the program so far (VmHWM), in KiB.
    func peakMemoryKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "")
        }
        return nil
    }
}

/// A benchmark failure with a message.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
