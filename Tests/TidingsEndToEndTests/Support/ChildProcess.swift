import Foundation
import Glibc
import TidingsPTY

/// A child process started with `posix_spawn`, its output going to files.
///
/// Not Foundation's `Process` with a `Pipe`: a tmux server started that way inherits the
/// pipe and reading to the end hangs forever; and `Process` hands its child a signal mask
/// that blocks SIGHUP, SIGINT, SIGTERM and SIGWINCH. Here the child gets an empty mask
/// and default dispositions, as if a shell had started it.
struct ChildProcess {
    /// Why a child could not be started or waited for.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let pid: pid_t

    /// Starts `executable` (an absolute path) in its own process group, so that a timeout
    /// can kill everything it started.
    ///
    /// - Parameters:
    ///   - environment: the complete environment of the child.
    ///   - standardInput, standardOutput, standardError: paths of files to connect;
    ///     output files are created or truncated.
    static func spawn(
        executable: String,
        arguments: [String],
        environment: [String: String],
        standardInput: String = "/dev/null",
        standardOutput: String,
        standardError: String,
        workingDirectory: String? = nil
    ) throws -> ChildProcess {
        let pid = try ProcessSpawn.start(
            executable, arguments: arguments,
            environment: SanitizerEnvironment.adding(to: environment),
            grouping: .ownGroup
        ) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, standardInput, O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if let workingDirectory {
                guard let addChdir = Self.addChdir else {
                    throw Failure(description: "this C library cannot set a child's working directory")
                }
                _ = addChdir(&actions, workingDirectory)
            }
        }
        return ChildProcess(pid: pid)
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc module
    /// does not export; looked up at run time instead.
    private static let addChdir:
        (
            @convention(c) (
                UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?
            ) -> Int32
        )? = {
            guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np") else { return nil }
            return unsafeBitCast(
                symbol,
                to: (@convention(c) (
                    UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?
                ) -> Int32).self)
        }()

    /// How a child ended (the same type the pseudo-terminal tests get).
    typealias Termination = ProcessTermination

    /// Reaps the child if it has ended; nil while it still runs.
    func poll() throws -> Termination? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == 0 { return nil }
        if result < 0 {
            if errno == EINTR { return nil }
            throw Failure(description: "waitpid(\(pid)) failed: \(String(cString: strerror(errno)))")
        }
        return Termination(waitStatus: status)
    }

    /// Sends `signal` to the child's whole process group.
    func killGroup(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(-pid, signal)
    }
}

/// The directory of temporary files for one helper instance; removed by ``remove()``.
struct ScratchDirectory {
    let path: String

    /// Creates a fresh directory under the system temporary directory.
    init(prefix: String) throws {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array((base + "/\(prefix).XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw ChildProcess.Failure(description: "mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = String(cString: created)
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Finds `name` on `PATH` (plus the usual system directories); nil if absent.
func executableOnPath(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
    let directories =
        (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        + ["/usr/local/bin", "/usr/bin", "/bin"]
    for directory in directories where !directory.isEmpty {
        let candidate = directory + "/" + name
        if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
}
