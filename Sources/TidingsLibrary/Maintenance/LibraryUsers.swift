import Foundation
import Glibc

/// Which other processes have a library file open, read from `/proc`.
///
/// `tidings rebuild` moves the library file aside and writes a new one. A browser still
/// running on the old file would go on saving bookmarks into the file set aside, where
/// nobody looks: so rebuild asks first. SQLite's own locks cannot tell: in WAL mode a reader
/// blocks no writer, and a lock of our own on the database file would be dropped with
/// SQLite's when any descriptor on it closes (POSIX record locks belong to the process).
/// Reading `/proc/PID/fd` needs no cooperation and sees any program, sqlite3 included.
public enum LibraryUsers {
    /// A process that has the library (or its -wal or -shm) open.
    public struct User: Equatable, Sendable, CustomStringConvertible {
        public var pid: Int32
        /// The program's name (`/proc/PID/comm`), e.g. `tidings`.
        public var command: String
        public var description: String { "\(command) (pid \(pid))" }
    }

    /// Processes other than this one with the library at `path` open, by pid; empty when
    /// none, or when `/proc` cannot be read (not Linux), which is no proof of absence.
    public static func others(of path: String) -> [User] {
        let processRoot = "/proc"
        let targets = Set(["", "-wal", "-shm"].map { canonical(path + $0) })
        let me = getpid()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: processRoot) else { return [] }
        var users: [User] = []
        for entry in entries {
            guard let pid = Int32(entry), pid != me else { continue }
            let fdFolder = "\(processRoot)/\(entry)/fd"
            // Another user's processes are unreadable: skip them, they cannot write our files.
            guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: fdFolder) else { continue }
            let holds = descriptors.contains { descriptor in
                guard
                    let target = try? FileManager.default.destinationOfSymbolicLink(atPath: fdFolder + "/" + descriptor)
                else { return false }
                return targets.contains(target)
            }
            guard holds else { continue }
            let command =
                (try? String(contentsOfFile: "\(processRoot)/\(entry)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            users.append(User(pid: pid, command: command))
        }
        return users.sorted { $0.pid < $1.pid }
    }

    /// The path as `/proc/PID/fd` links show it: absolute, symbolic links resolved.
    static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        guard let resolved = realpath(absolute, nil) else {
            // A -wal or -shm that does not exist yet: resolve its folder instead.
            let folder = (absolute as NSString).deletingLastPathComponent
            guard let resolvedFolder = realpath(folder, nil) else { return absolute }
            defer { free(resolvedFolder) }
            return String(cString: resolvedFolder) + "/" + (absolute as NSString).lastPathComponent
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
