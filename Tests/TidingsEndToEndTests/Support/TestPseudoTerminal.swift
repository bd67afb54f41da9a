import Foundation
import Glibc

// glibc hides these behind _XOPEN_SOURCE, which Swift's Glibc module does not define.
@_silgen_name("posix_openpt") private func test_posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func test_grantpt(_ fd: Int32) -> Int32
@_silgen_name("unlockpt") private func test_unlockpt(_ fd: Int32) -> Int32
@_silgen_name("ptsname") private func test_ptsname(_ fd: Int32) -> UnsafeMutablePointer<CChar>?

/// A program on a pseudo-terminal of its own (its controlling terminal, in a new session),
/// with every byte it writes kept, for the terminal-safety tests.
///
/// The test keeps its own descriptor on the slave side, so it can compare the terminal's
/// settings before the program starts with those after it ends, and so the program's last
/// bytes stay readable after it exits.
final class TestPseudoTerminal: @unchecked Sendable {
    let pid: pid_t
    private(set) var master: Int32
    private let slave: Int32
    /// Terminal settings just before the program started.
    let settingsBefore: termios
    /// Everything the program has written so far (as read by ``drain(quietMilliseconds:timeout:until:)``).
    private(set) var output: [UInt8] = []
    private var reaped: ChildProcess.Termination?

    /// - Parameter newSession: start the program in a session of its own, so the pty is its
    ///   controlling terminal (closing the master then sends it SIGHUP). When false it gets a
    ///   process group of its own in the test's session instead: a group with a parent in
    ///   another group of the same session, so job control works (the kernel discards
    ///   SIGTSTP sent to an orphaned group, such as a session leader's).
    init(executable: String, arguments: [String] = [], environment: [String: String],
         columns: Int = 80, rows: Int = 24, newSession: Bool = true) throws {
        // Close-on-exec: tests run in parallel, and a copy of this master inherited by
        // another test's child (a tmux server, say) would keep the pty from hanging up
        // when ``hangUp()`` closes it.
        master = test_posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        if master >= 0 { _ = fcntl(master, F_SETFD, FD_CLOEXEC) }
        guard master >= 0, test_grantpt(master) == 0, test_unlockpt(master) == 0, let name = test_ptsname(master) else {
            throw ChildProcess.Failure(description: "cannot open a pseudo-terminal")
        }
        let slavePath = String(cString: name)
        slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw ChildProcess.Failure(description: "cannot open \(slavePath)") }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        var settings = termios()
        tcgetattr(slave, &settings)
        settingsBefore = settings

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [Int32(0), 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, slavePath, O_RDWR, 0) }
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addclose(&actions, slave)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // POSIX_SPAWN_SETSID (0x80): the pty becomes the controlling terminal, as in a login.
        posix_spawnattr_setpgroup(&attributes, 0)
        let grouping = newSession ? 0x80 : POSIX_SPAWN_SETPGROUP
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | grouping))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = SanitizerEnvironment.adding(to: environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw ChildProcess.Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
    }

    deinit {
        if reaped == nil {
            Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        if master >= 0 { close(master) }
        close(slave)
    }

    /// The terminal's settings now (read on the slave side).
    func currentSettings() -> termios {
        var settings = termios()
        tcgetattr(slave, &settings)
        return settings
    }

    /// Writes bytes to the program as if typed.
    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Changes the window size (the kernel sends SIGWINCH to the foreground group).
    func resize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Closes the master side: the terminal hangs up, as when an SSH connection drops.
    func hangUp() {
        if master >= 0 { close(master) }
        master = -1
    }

    /// Reads output until `done` holds for everything read so far, or nothing arrives
    /// for `quiet` ms after something did, or `timeout` s pass. Returns whether `done` held.
    @discardableResult
    func drain(quietMilliseconds quiet: Int32 = 250, timeout: Double = 10,
               until done: ((TestPseudoTerminal) -> Bool)? = nil) -> Bool {
        guard master >= 0 else { return false }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var sawBytes = false
        if let done, done(self) { return true }
        while DispatchTime.now().uptimeNanoseconds < deadline {
            var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            let ready = Glibc.poll(&descriptor, 1, done == nil && sawBytes ? quiet : 50)
            if ready <= 0 {
                if done == nil, sawBytes { return false }
                if done == nil, reaped != nil || (try? poll()) != nil { return false }
                continue
            }
            let count = buffer.withUnsafeMutableBufferPointer { Glibc.read(master, $0.baseAddress, $0.count) }
            if count <= 0 { return false }
            output += buffer[0..<count]
            sawBytes = true
            if let done, done(self) { return true }
        }
        return false
    }

    /// Whether the output contains `text` (bytes, as written).
    func outputContains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, output.count >= needle.count else { return needle.isEmpty }
        for start in 0...(output.count - needle.count) where output[start] == needle[0] {
            if Array(output[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    /// Reaps the program if it has ended.
    func poll() throws -> ChildProcess.Termination? {
        if let reaped { return reaped }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        let low = status & 0x7F
        reaped = low == 0 ? ChildProcess.Termination(exitCode: (status >> 8) & 0xFF, signal: nil)
            : ChildProcess.Termination(exitCode: nil, signal: low)
        return reaped
    }

    /// Waits for the program to end, reading its output meanwhile; nil on timeout.
    func waitForExit(timeout: Double = 5) -> (termination: ChildProcess.Termination, seconds: Double)? {
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            if let done = try? poll() {
                drain(quietMilliseconds: 50, timeout: 0.5)
                return (done, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            if Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 > timeout { return nil }
            if master >= 0 {
                drain(quietMilliseconds: 10, timeout: 0.01)
            } else {
                usleep(5_000)
            }
        }
    }

    /// The process state letter from /proc (`R`, `S`, `T` when stopped, `Z`), or nil.
    func processState() -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ").first?.first
    }

    /// User plus system CPU time of the running program, in seconds (from /proc).
    func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state is field 3, utime field 14, stime field 15.
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}

/// Field-by-field comparison of terminal settings; empty when equal.
func termiosDifferences(_ before: termios, _ after: termios) -> [String] {
    var differences: [String] = []
    if before.c_iflag != after.c_iflag { differences.append("c_iflag \(before.c_iflag) → \(after.c_iflag)") }
    if before.c_oflag != after.c_oflag { differences.append("c_oflag \(before.c_oflag) → \(after.c_oflag)") }
    if before.c_cflag != after.c_cflag { differences.append("c_cflag \(before.c_cflag) → \(after.c_cflag)") }
    if before.c_lflag != after.c_lflag { differences.append("c_lflag \(before.c_lflag) → \(after.c_lflag)") }
    let ccBefore = withUnsafeBytes(of: before.c_cc) { Array($0) }
    let ccAfter = withUnsafeBytes(of: after.c_cc) { Array($0) }
    if ccBefore != ccAfter { differences.append("c_cc \(ccBefore) → \(ccAfter)") }
    return differences
}

/// Checks a terminal output stream: the only escape sequences allowed are those ncurses
/// itself writes (CSI cursor movement, erasing, SGR, mode set/reset, scroll region, the
/// xterm title-stack save/restore of its smcup/rmcup, charset selection, keypad mode,
/// cursor save/restore); no OSC, DCS, APC, PM, SOS, no BEL or other stray C0 control, no
/// C1 control, no bidirectional override. Returns one line per problem (empty: clean).
enum TerminalStreamAudit {
    static let bidiControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                            0x2066, 0x2067, 0x2068, 0x2069]
    /// CSI final bytes ncurses uses for the terminals tested.
    static let allowedCSIFinals = Set("ABCDEFGHJKLMPSTXZ@`abdefghlmr".utf8)

    static func problems(in bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        func report(_ what: String, at index: Int) {
            guard problems.count < 20 else { return }
            let context = bytes[max(0, index - 20)..<min(bytes.count, index + 20)]
            problems.append("\(what) at byte \(index): \(String(decoding: context, as: UTF8.self).debugDescription)")
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B {
                guard index + 1 < bytes.count else { report("ESC at end of output", at: index); break }
                let kind = bytes[index + 1]
                switch kind {
                case UInt8(ascii: "["):
                    var end = index + 2
                    while end < bytes.count, (0x20...0x3F).contains(bytes[end]) { end += 1 }
                    guard end < bytes.count, (0x40...0x7E).contains(bytes[end]) else {
                        report("unterminated CSI", at: index); index = end; continue
                    }
                    let body = Array(bytes[(index + 2)..<end])
                    let final = bytes[end]
                    let parameters = String(decoding: body, as: UTF8.self)
                    let isPlain = body.allSatisfy { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ";") }
                    let isPrivateMode = body.first == UInt8(ascii: "?")
                        && body.dropFirst().allSatisfy { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ";") }
                        && (final == UInt8(ascii: "h") || final == UInt8(ascii: "l"))
                    let isTitleStack = final == UInt8(ascii: "t") && (parameters == "22;0;0" || parameters == "23;0;0")
                    if !(isTitleStack || isPrivateMode || (isPlain && allowedCSIFinals.contains(final))) {
                        report("CSI \(parameters)\(Character(Unicode.Scalar(final))) is not one ncurses writes", at: index)
                    }
                    index = end + 1
                case UInt8(ascii: "("), UInt8(ascii: ")"):
                    index += 3 // charset designation
                case UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "7"), UInt8(ascii: "8"),
                     UInt8(ascii: "M"), UInt8(ascii: "D"), UInt8(ascii: "E"):
                    index += 2
                case UInt8(ascii: "]"): report("OSC", at: index); index += 2
                case UInt8(ascii: "P"): report("DCS", at: index); index += 2
                case UInt8(ascii: "_"): report("APC", at: index); index += 2
                case UInt8(ascii: "^"): report("PM", at: index); index += 2
                case UInt8(ascii: "X"): report("SOS", at: index); index += 2
                default: report("ESC \(kind)", at: index); index += 2
                }
                continue
            }
            if byte == 0x07 { report("BEL", at: index) }
            else if byte < 0x20, ![0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x0F].contains(byte) { report("C0 control \(byte)", at: index) }
            else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                report("C1 control U+00\(String(bytes[index + 1], radix: 16))", at: index)
            }
            index += 1
        }
        // Bidi controls, on the decoded text.
        var offset = 0
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if bidiControls.contains(scalar.value) { report("bidi control U+\(String(scalar.value, radix: 16))", at: min(offset, bytes.count - 1)) }
            offset += String(scalar).utf8.count
        }
        return problems
    }
}
