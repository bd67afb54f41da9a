import Foundation
import Glibc
import TidingsPTY

/// A program running on a pseudo-terminal, for measuring what a user's terminal would see.
final class PseudoTerminal {
    private let process: PseudoTerminalProcess
    private var pid: pid_t { process.pid }
    /// What the program has drawn so far, as read by ``settle(quietMilliseconds:timeout:ready:)``.
    private(set) var screen: TerminalScreen
    /// Every byte read from the program so far, by any of the readers below.
    private(set) var bytesRead = 0

    /// Starts `executable` with `arguments` on a new pty of `columns` x `rows`, in a session
    /// of its own (the pty its controlling terminal, as in a real login).
    init(executable: String, arguments: [String], environment: [String: String], columns: Int, rows: Int) throws {
        screen = TerminalScreen(columns: columns, rows: rows)
        process = try PseudoTerminalProcess(
            executable: executable, arguments: arguments, environment: environment,
            columns: columns, rows: rows)
    }

    /// Writes keys to the program as if typed.
    func send(_ bytes: [UInt8]) {
        process.send(bytes)
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
    ///
    /// `ready` counts only once the frame it held in is complete: a read can end in the middle
    /// of a frame, and a half-drawn search line (the new text typed, the old count not yet
    /// overwritten with `searching…`) would otherwise pass for the answer. So when it holds,
    /// reading goes on until `frameGap` ms pass without output; if it no longer holds by then,
    /// it did not hold. The time kept is still that of the chunk it first held after.
    func settle(
        quietMilliseconds quiet: Int32 = 40, frameGap: Int32 = 5, timeout: Double = 10,
        ready: ((TerminalScreen) -> Bool)? = nil
    ) -> Settled {
        var result = Settled()
        // When `ready` held after a chunk whose frame may not be complete yet.
        var candidate: DispatchTime?
        var cpu = cpuNanoseconds()
        var unread: [UInt8] = []
        defer { screen.feed(unread) }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        while true {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { break }
            let settling = result.lastByte != nil && (ready == nil || result.readyAt != nil)
            let chunk: [UInt8]
            let wait =
                settling ? quiet : candidate != nil ? frameGap : Int32(min(100, (deadline - now) / 1_000_000 + 1))
            switch process.read(waitingMilliseconds: wait) {
            case .closed:
                return result
            case .quiet:
                if let held = candidate, result.readyAt == nil {
                    // The frame is complete and `ready` still holds.
                    result.readyAt = held
                    candidate = nil
                    continue
                }
                guard settling else { continue }
                let now = cpuNanoseconds()
                if now > cpu + 2_000_000 {
                    cpu = now  // still working: another window
                    continue
                }
                return result
            case .bytes(let bytes):
                chunk = bytes
            }
            let arrived = DispatchTime.now()
            result.lastByte = arrived
            result.bytes += chunk.count
            bytesRead += chunk.count
            guard result.readyAt == nil else {
                unread += chunk
                continue
            }
            guard let ready else {
                result.readyAt = arrived
                unread += chunk
                continue
            }
            screen.feed(chunk)
            if !ready(screen) {
                candidate = nil
            } else if candidate == nil {
                candidate = arrived
            }
        }
        return result
    }

    /// Reads output into ``screen`` until `ready` holds for it; returns when the chunk that made
    /// it hold arrived, or nil after `timeout` s. Unlike ``settle(quietMilliseconds:timeout:ready:)``
    /// it does not wait for quiet: for timing a key while other threads of the program work.
    func waitUntil(timeout: Double, _ ready: (TerminalScreen) -> Bool) -> DispatchTime? {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        while true {
            if ready(screen) { return DispatchTime.now() }
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return nil }
            switch process.read(waitingMilliseconds: Int32(min(100, (deadline - now) / 1_000_000 + 1))) {
            case .closed:
                return nil
            case .quiet:
                continue
            case .bytes(let bytes):
                let arrived = DispatchTime.now()
                bytesRead += bytes.count
                screen.feed(bytes)
                if ready(screen) { return arrived }
            }
        }
    }

    /// CPU time all the program's threads have used so far, in ns (`/proc/PID/task/*/schedstat`).
    func cpuNanoseconds() -> UInt64 {
        let tasks = "/proc/\(pid)/task"
        guard let threads = try? FileManager.default.contentsOfDirectory(atPath: tasks) else { return 0 }
        return threads.reduce(0) { sum, thread in
            guard let text = try? String(contentsOfFile: "\(tasks)/\(thread)/schedstat", encoding: .utf8),
                let first = text.split(separator: " ").first, let used = UInt64(first)
            else { return sum }
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
