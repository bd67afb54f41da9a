import Foundation
import Glibc

/// What a finished run printed and how it ended.
struct ProcessResult: Sendable, CustomStringConvertible {
    /// The exit code, or 128 + signal when a signal ended the process (the shell's `$?`).
    var status: Int32
    /// The signal that ended the process, if one did.
    var signal: Int32?
    var standardOutput: String
    var standardError: String

    var succeeded: Bool { status == 0 && signal == nil }

    var description: String {
        let ending = signal.map { "killed by signal \($0)" } ?? "exit status \(status)"
        return "\(ending)\n--- stdout ---\n\(standardOutput)\n--- stderr ---\n\(standardError)"
    }
}

/// Runs a program to completion and captures its output, for the CLI tests.
///
/// Output goes to temporary files, never pipes, so a child that leaves a daemon behind
/// cannot hang the test, and large outputs cannot fill a pipe and deadlock.
enum ProcessRunner {
    /// The run exceeded its timeout; the process group was killed.
    struct Timeout: Error, CustomStringConvertible {
        var command: String
        var timeout: Duration
        var partial: ProcessResult
        var description: String { "\(command) did not finish within \(timeout)\n\(partial)" }
    }

    /// Runs `executable` with `arguments` and waits for it, suspending between checks.
    ///
    /// - Parameters:
    ///   - executable: an absolute path, or a bare name looked up on `PATH`.
    ///   - environment: the whole environment of the child; nil inherits this process's.
    ///   - standardInput: text fed to the child's standard input; nil connects /dev/null.
    ///   - timeout: after this the process group is killed and ``Timeout`` is thrown.
    static func run(
        _ executable: String,
        arguments: [String] = [],
        environment: [String: String]? = nil,
        standardInput: String? = nil,
        workingDirectory: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> ProcessResult {
        let running = try Running(executable, arguments, environment, standardInput, workingDirectory)
        defer { running.scratch.remove() }
        let deadline = ContinuousClock.now + timeout
        while true {
            if let termination = try running.child.poll() { return running.result(termination) }
            if ContinuousClock.now >= deadline { throw running.timedOut(timeout) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Runs `executable` like ``run(_:arguments:environment:standardInput:workingDirectory:timeout:)``
    /// but blocks the calling thread; for short commands (tmux) outside async code.
    static func runBlocking(
        _ executable: String,
        arguments: [String] = [],
        environment: [String: String]? = nil,
        standardInput: String? = nil,
        workingDirectory: String? = nil,
        timeout: Duration = .seconds(60)
    ) throws -> ProcessResult {
        let running = try Running(executable, arguments, environment, standardInput, workingDirectory)
        defer { running.scratch.remove() }
        let deadline = ContinuousClock.now + timeout
        while true {
            if let termination = try running.child.poll() { return running.result(termination) }
            if ContinuousClock.now >= deadline { throw running.timedOut(timeout) }
            usleep(2_000)
        }
    }

    /// A started child with its scratch files.
    private struct Running {
        let child: ChildProcess
        let scratch: ScratchDirectory
        let command: String

        init(
            _ executable: String, _ arguments: [String], _ environment: [String: String]?,
            _ standardInput: String?, _ workingDirectory: String?
        ) throws {
            let environment = environment ?? ProcessInfo.processInfo.environment
            guard
                let path = executable.contains("/")
                    ? executable : executableOnPath(executable, environment: environment)
            else { throw ChildProcess.Failure(description: "\(executable) not found on PATH") }
            scratch = try ScratchDirectory(prefix: "process-runner")
            command = ([path] + arguments).joined(separator: " ")
            var inputPath = "/dev/null"
            if let standardInput {
                inputPath = scratch.file("stdin")
                do {
                    try standardInput.write(toFile: inputPath, atomically: false, encoding: .utf8)
                } catch {
                    scratch.remove()
                    throw error
                }
            }
            do {
                child = try ChildProcess.spawn(
                    executable: path, arguments: arguments, environment: environment,
                    standardInput: inputPath, standardOutput: scratch.file("stdout"),
                    standardError: scratch.file("stderr"), workingDirectory: workingDirectory)
            } catch {
                scratch.remove()
                throw error
            }
        }

        func result(_ termination: ChildProcess.Termination) -> ProcessResult {
            ProcessResult(
                status: termination.status, signal: termination.signal,
                standardOutput: read("stdout"), standardError: read("stderr"))
        }

        func timedOut(_ timeout: Duration) -> Timeout {
            child.killGroup(SIGKILL)
            let termination = (try? waitAfterKill()) ?? ChildProcess.Termination(exitCode: nil, signal: SIGKILL)
            return Timeout(command: command, timeout: timeout, partial: result(termination))
        }

        private func waitAfterKill() throws -> ChildProcess.Termination? {
            for _ in 0..<500 {
                if let termination = try child.poll() { return termination }
                usleep(2_000)
            }
            return nil
        }

        private func read(_ name: String) -> String {
            guard let data = FileManager.default.contents(atPath: scratch.file(name)) else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
