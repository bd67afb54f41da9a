import Foundation
import Glibc
import TidingsPTY

/// A program on a pseudo-terminal of its own (its controlling terminal, in a new session),
/// with every byte it writes kept, for the terminal-safety tests.
///
/// The test keeps its own descriptor on the slave side, so it can compare the terminal's
/// settings before the program starts with those after it ends, and so the program's last
/// bytes stay readable after it exits.
final class TestPseudoTerminal: @unchecked Sendable {
    private let process: PseudoTerminalProcess
    /// The program's process id (and process group id).
    var pid: pid_t { process.pid }
    /// Terminal settings just before the program started.
    let settingsBefore: termios
    /// Everything the program has written so far (as read by ``drain(quietMilliseconds:timeout:until:)``).
    private(set) var output: [UInt8] = []

    /// - Parameters:
    ///   - environment: the program's environment; this run's sanitizer options are added
    ///     (``SanitizerEnvironment``).
    ///   - newSession: see ``PseudoTerminalProcess/init(executable:arguments:environment:on:newSession:)``;
    ///     false for job control (SIGTSTP).
    init(
        executable: String, arguments: [String] = [], environment: [String: String],
        columns: Int = 80, rows: Int = 24, newSession: Bool = true
    ) throws {
        let terminal = try PseudoTerminalPair(columns: columns, rows: rows, keepingSlave: true)
        settingsBefore = Self.settings(of: terminal)
        process = try PseudoTerminalProcess(
            executable: executable, arguments: arguments, environment: SanitizerEnvironment.adding(to: environment),
            on: terminal, newSession: newSession)
    }

    private static func settings(of terminal: PseudoTerminalPair) -> termios {
        var settings = termios()
        if let slave = terminal.slave { tcgetattr(slave, &settings) }
        return settings
    }

    /// The terminal's settings now (read on the slave side).
    func currentSettings() -> termios { Self.settings(of: process.terminal) }

    /// Writes bytes to the program as if typed.
    func send(_ text: String) { send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) { process.send(bytes) }

    /// Changes the window size (the kernel sends SIGWINCH to the foreground group).
    func resize(columns: Int, rows: Int) { process.resize(columns: columns, rows: rows) }

    /// Closes the master side: the terminal hangs up, as when an SSH connection drops.
    func hangUp() { process.hangUp() }

    /// Reads output until `done` holds for everything read so far, or nothing arrives
    /// for `quiet` ms after something did, or `timeout` s pass. Returns whether `done` held.
    @discardableResult
    func drain(
        quietMilliseconds quiet: Int32 = 250, timeout: Double = 10,
        until done: ((TestPseudoTerminal) -> Bool)? = nil
    ) -> Bool {
        guard process.terminal.master >= 0 else { return false }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        var sawBytes = false
        if let done, done(self) { return true }
        while DispatchTime.now().uptimeNanoseconds < deadline {
            switch process.read(waitingMilliseconds: done == nil && sawBytes ? quiet : 50) {
            case .closed:
                return false
            case .quiet:
                if done == nil, sawBytes { return false }
                if done == nil, (try? poll()) != nil { return false }
            case .bytes(let bytes):
                output += bytes
                sawBytes = true
                if let done, done(self) { return true }
            }
        }
        return false
    }

    /// Bytes the program has written that nobody has read yet (FIONREAD on the master side).
    func unreadBytes() -> Int {
        var count: Int32 = 0
        return ioctl(process.terminal.master, UInt(FIONREAD), &count) == 0 ? Int(count) : 0
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
    func poll() throws -> ChildProcess.Termination? { try process.poll() }

    /// Waits for the program to end, reading its output meanwhile; nil on timeout.
    func waitForExit(timeout: Double = 5) -> (termination: ChildProcess.Termination, seconds: Double)? {
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            if let done = try? poll() {
                drain(quietMilliseconds: 50, timeout: 0.5)
                return (done, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            if Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 > timeout { return nil }
            if process.terminal.master >= 0 {
                drain(quietMilliseconds: 10, timeout: 0.01)
            } else {
                usleep(5_000)
            }
        }
    }

    /// The process state letter from /proc (`R`, `S`, `T` when stopped, `Z`), or nil.
    func processState() -> Character? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ").first?.first
    }

    /// User plus system CPU time of the running program, in seconds (from /proc).
    func cpuSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
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
    static let bidiControls: Set<UInt32> = [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
        0x2066, 0x2067, 0x2068, 0x2069,
    ]
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
                guard index + 1 < bytes.count else {
                    report("ESC at end of output", at: index)
                    break
                }
                let kind = bytes[index + 1]
                switch kind {
                case UInt8(ascii: "["):
                    var end = index + 2
                    while end < bytes.count, (0x20...0x3F).contains(bytes[end]) { end += 1 }
                    guard end < bytes.count, (0x40...0x7E).contains(bytes[end]) else {
                        report("unterminated CSI", at: index)
                        index = end
                        continue
                    }
                    let body = Array(bytes[(index + 2)..<end])
                    let final = bytes[end]
                    let parameters = String(decoding: body, as: UTF8.self)
                    let isPlain = body.allSatisfy { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ";") }
                    let isPrivateMode =
                        body.first == UInt8(ascii: "?")
                        && body.dropFirst().allSatisfy { (0x30...0x39).contains($0) || $0 == UInt8(ascii: ";") }
                        && (final == UInt8(ascii: "h") || final == UInt8(ascii: "l"))
                    let isTitleStack = final == UInt8(ascii: "t") && (parameters == "22;0;0" || parameters == "23;0;0")
                    if !(isTitleStack || isPrivateMode || (isPlain && allowedCSIFinals.contains(final))) {
                        report(
                            "CSI \(parameters)\(Character(Unicode.Scalar(final))) is not one ncurses writes", at: index)
                    }
                    index = end + 1
                case UInt8(ascii: "("), UInt8(ascii: ")"):
                    index += 3  // charset designation
                case UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "7"), UInt8(ascii: "8"),
                    UInt8(ascii: "M"), UInt8(ascii: "D"), UInt8(ascii: "E"):
                    index += 2
                case UInt8(ascii: "]"):
                    report("OSC", at: index)
                    index += 2
                case UInt8(ascii: "P"):
                    report("DCS", at: index)
                    index += 2
                case UInt8(ascii: "_"):
                    report("APC", at: index)
                    index += 2
                case UInt8(ascii: "^"):
                    report("PM", at: index)
                    index += 2
                case UInt8(ascii: "X"):
                    report("SOS", at: index)
                    index += 2
                default:
                    report("ESC \(kind)", at: index)
                    index += 2
                }
                continue
            }
            if byte == 0x07 {
                report("BEL", at: index)
            } else if byte < 0x20, ![0x08, 0x09, 0x0A, 0x0D, 0x0E, 0x0F].contains(byte) {
                report("C0 control \(byte)", at: index)
            } else if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                report("C1 control U+00\(String(bytes[index + 1], radix: 16))", at: index)
            }
            index += 1
        }
        // Bidi controls, on the decoded text.
        var offset = 0
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if bidiControls.contains(scalar.value) {
                report("bidi control U+\(String(scalar.value, radix: 16))", at: min(offset, bytes.count - 1))
            }
            offset += String(scalar).utf8.count
        }
        return problems
    }
}
