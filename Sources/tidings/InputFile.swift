import Foundation
import Glibc
import TidingsCore

/// Reads a file the user names for the CLI: a regular file, or a stream (`-` for standard
/// input, a pipe, `<(…)`, a FIFO, a character device) read to its end up to a limit, since a
/// stream has no size to check first (`/dev/zero` never ends).
enum InputFile {
    /// The most a bookmarks export may be: 300,000 bookmarks take about 90 MB.
    static let bookmarksLimit = 256 << 20

    /// The bytes of `path`, or a ``Failure`` (74) that names it and says why in words.
    static func read(_ path: String, limit: Int) throws(Failure) -> Data {
        // Opened by its exact bytes: a name that is not UTF-8 came in as a ``RawPath``.
        let fd =
            path == "-" ? dup(STDIN_FILENO) : RawPath.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        let name = path == "-" ? "standard input" : RawPath.displayed(path)
        guard fd >= 0 else { throw failure(name, errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw failure(name, errno) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            throw Failure("cannot read \(name): it is a folder", status: 74)
        case S_IFREG where Int(status.st_size) > limit, S_IFBLK where Int(status.st_size) > limit:
            throw tooLarge(name, limit)
        default:
            break
        }
        // Opened without blocking so that a FIFO with no writer cannot hang the open; the
        // reads below may wait for the writer like any stream.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { throw failure(name, errno) }
            if n == 0 { return data }
            if data.count + n > limit { throw tooLarge(name, limit) }
            data.append(contentsOf: chunk[0..<n])
        }
    }

    private static func failure(_ name: String, _ code: Int32) -> Failure {
        Failure("cannot read \(name): \(String(cString: strerror(code)).lowercased())", status: 74)
    }

    private static func tooLarge(_ name: String, _ limit: Int) -> Failure {
        Failure(
            "cannot read \(name): it is larger than \(limit >> 20) MB, more than a bookmarks export can be", status: 74)
    }
}
