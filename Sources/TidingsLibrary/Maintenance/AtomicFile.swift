import Foundation
import Glibc

/// Replaces a file's contents all at once: after a crash, a full disk or a refused write the
/// file holds either its old bytes or the new ones, never a mix or nothing.
///
/// Truncating and rewriting in place leaves a partial or empty file when the process dies
/// midway; instead the bytes go to a temporary file in the same folder (a rename is atomic
/// only within one file system), which is fsynced, renamed over the target, and then the
/// folder is fsynced so that the rename itself survives a power cut.
public enum AtomicFile {
    /// Why a write failed, from `errno`; the target file is left as it was.
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "could not write \(path): \(reason) (an existing file is left unchanged)" }
    }

    /// Replaces the file at `path` with `data`, or leaves it as it was and throws.
    public static func write(_ data: Data, to path: String) throws(WriteError) {
        // Write through a symbolic link to its target rather than replacing the link.
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let folder = (target as NSString).deletingLastPathComponent
        removeStaleTemporaries(of: target)
        var template = Array((folder + "/." + (target as NSString).lastPathComponent + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure(path) }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var renamed = false
        defer { if !renamed { unlink(temporary) } }

        // Keep the permissions of the file being replaced; a new file gets the usual 0644.
        var existing = stat()
        let mode = stat(target, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        let written = fchmod(fd, mode) == 0 && writeAll(data, to: fd) && fsync(fd) == 0
        let writeErrno = errno
        let closed = close(fd) == 0
        guard written, closed else {
            if !written { errno = writeErrno }
            throw failure(path)
        }
        guard rename(temporary, target) == 0 else { throw failure(path) }
        renamed = true
        guard syncFolder(folder) else { throw failure(path) }
    }

    /// How old a temporary file of ours must be to count as left by a killed writer: no
    /// write takes this long, so a younger one may belong to a writer still at work.
    static let staleAge: Double = 15 * 60

    /// Removes the temporary files a writer killed midway left beside `target`
    /// (`.NAME.XXXXXX`, the exact pattern ``write(_:to:)`` makes, older than ``staleAge``);
    /// nothing else is touched.
    static func removeStaleTemporaries(of target: String) {
        let folder = (target as NSString).deletingLastPathComponent
        let prefix = "." + (target as NSString).lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let now = Date().timeIntervalSince1970
        for name in names where name.hasPrefix(prefix) {
            let suffix = name.dropFirst(prefix.count)
            guard suffix.count == 6, suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { continue }
            var status = stat()
            let path = folder + "/" + name
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
                now - Double(status.st_mtim.tv_sec) > staleAge
            else { continue }
            unlink(path)
        }
    }

    /// Fsyncs a folder, so that a rename or a new entry in it survives a power cut.
    @discardableResult
    static func syncFolder(_ folder: String) -> Bool {
        let directory = open(folder, O_RDONLY | O_DIRECTORY)
        guard directory >= 0 else { return false }
        let synced = fsync(directory) == 0
        let reason = errno  // kept for the caller's message: close must not overwrite it
        close(directory)
        errno = reason
        return synced
    }

    private static func writeAll(_ data: Data, to fd: Int32) -> Bool {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// The failure for the current `errno`, naming the file the user gave.
    private static func failure(_ path: String) -> WriteError {
        WriteError(path: path, reason: String(cString: strerror(errno)))
    }
}
