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
        let pid = try ProcessSpawn.start(executable, arguments: arguments,
                                         environment: SanitizerEnvironment.adding(to: environment),
                                         grouping: .ownGroup) { actions in
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
    private static let addChdir: (@convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?
    ) -> Int32)? = {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (
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
    let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        + ["/usr/local/bin", "/usr/bin", "/bin"]
    for directory in directories where !directory.isEmpty {
        let candidate = directory + "/" + name
        if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
}

/// The sanitizer settings of the test run, which a child's explicit environment would drop.
///
/// Tests give their children a complete environment of their own. Under
/// `scripts/reliability.sh --asan` or `--tsan` those children are sanitized builds too and
/// need the run's options (LeakSanitizer's suppressions, `halt_on_error`), or a known leak in
/// a system library fails them; outside a sanitizer run none of these variables is set.
enum SanitizerEnvironment {
    static let names = ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"]

    /// Whether this test binary is built with a sanitizer (its runtime is linked in), so the
    /// programs under test are too. Not read from `*_OPTIONS`, which any shell may export.
    static let isSanitizedBuild: Bool = {
        let me = dlopen(nil, RTLD_NOW)
        let runtimes: [String] = ["__asan_init", "__tsan_init"]
        return runtimes.contains { name in dlsym(me, name) != nil }
    }()

    /// `environment` plus this process's sanitizer options that it does not set itself.
    ///
    /// In a sanitized run the child also gets `SWIFT_BACKTRACE=enable=no`: Swift's backtracer
    /// cannot work inside an ASan process (its memory server reads the crashed thread's stack,
    /// which ASan reports as an error of its own and exits 1), so the crash tests see only
    /// the program's own crash guard, which is what they test.
    static func adding(to environment: [String: String],
                       from inherited: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var result = environment
        for name in names where result[name] == nil {
            if let value = inherited[name] { result[name] = value }
        }
        if isSanitizedBuild { result["SWIFT_BACKTRACE"] = "enable=no" }
        return result
    }

    /// `environment` for a child that runs under `strace`: LeakSanitizer stops the process
    /// with ptrace to look for leaks, which fails ("fatal error", exit 1) in a process that
    /// is already traced, so leak checking is off there; ASan's other checks stay on.
    static func forTracedChild(_ environment: [String: String],
                               from inherited: [String: String] = ProcessInfo.processInfo.environment) -> [String: String] {
        var result = environment
        if let options = inherited["ASAN_OPTIONS"] ?? (isSanitizedBuild ? "" : nil) {
            result["ASAN_OPTIONS"] = options + (options.isEmpty ? "" : ":") + "detect_leaks=0"
        }
        return result
    }
}
