import Foundation
import Glibc

/// A copy of every bookmark beside the library file, so that bookmarks survive even a library
/// file SQLite can no longer read (`tidings rebuild` restores them from it).
///
/// The format is ``BookmarkDocument``, the one `tidings bookmarks export --format json`
/// writes. The file is replaced atomically after each bookmark change: written to a temporary
/// file in the same folder, fsynced, renamed over the old one, and the folder fsynced; a crash
/// leaves the old copy or the new one, never a mix. Writing it is best effort: the database is the record, the copy a
/// spare, so a failure to write it never fails the bookmark. Two processes changing bookmarks
/// at the same moment may leave the copy one change behind until the next change.
public enum BookmarkSidecar {
    /// `NAME.bookmarks.json` beside the library file `NAME`: named after the library, so that
    /// it can never be taken for another program's `bookmarks.json` (nor for the file the
    /// README tells users to carry to another machine), and two libraries in one folder keep
    /// separate copies.
    public static func path(forLibrary library: String) -> String {
        library + ".bookmarks.json"
    }

    /// Where Tidings kept the copy of a library named `library.sqlite` before the copy was
    /// named after the library: `bookmarks.json` beside it. Only ever read, as a fallback
    /// until the first copy under the new name is written; never written nor removed, since
    /// a file of that name may as well be the user's own export.
    static func legacyPath(forLibrary library: String) -> String? {
        let url = URL(fileURLWithPath: library)
        guard url.lastPathComponent == "library.sqlite" else { return nil }
        return url.deletingLastPathComponent().path + "/bookmarks.json"
    }

    /// The bookmarks in the copy beside `library` (the old `bookmarks.json` while there is no
    /// copy under the new name); empty when there is none or it cannot be read. Entries that
    /// cannot be read are skipped, the rest kept.
    public static func read(forLibrary library: String) -> [Bookmark] {
        let current = path(forLibrary: library)
        if let data = FileManager.default.contents(atPath: current) {
            return BookmarkDocument.salvageBookmarks(from: data)
        }
        guard let legacy = legacyPath(forLibrary: library),
            let data = FileManager.default.contents(atPath: legacy)
        else { return [] }
        return BookmarkDocument.salvageBookmarks(from: data)
    }

    /// Whether Tidings may replace the file at `path`: it may when there is none, or when it
    /// is a regular file holding a bookmarks document (`"format": "tidings-bookmarks"`), as
    /// every copy Tidings writes does. Anything else (another program's file, a folder, a
    /// link to a device) is not ours and is left alone.
    static func mayReplace(_ path: String) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return errno == ENOENT }
        if status.st_mode & S_IFMT == S_IFLNK {
            // AtomicFile writes through a link to its target: judge the target.
            guard stat(path, &status) == 0 else { return errno == ENOENT }
        }
        guard status.st_mode & S_IFMT == S_IFREG,
            let data = FileManager.default.contents(atPath: path)
        else { return false }
        return BookmarkDocument.isBookmarksDocument(data)
    }

    /// A sentence for the user when the copy's name is taken by a file Tidings did not write
    /// (and so will not replace); nil when the copy can be written.
    public static func blockedWarning(forLibrary library: String) -> String? {
        let copy = path(forLibrary: library)
        guard !mayReplace(copy) else { return nil }
        return "\(copy) is not a bookmarks copy Tidings wrote, so it is left alone and your bookmarks "
            + "are not copied beside the library (they are safe in it); move that file away to have the copy again"
    }

    /// Replaces `path` with `data` atomically (``AtomicFile``) when it is ours to replace;
    /// false when it is not or could not be written.
    static func replace(_ path: String, with data: Data) -> Bool {
        guard mayReplace(path) else { return false }
        return (try? AtomicFile.write(data, to: path)) != nil
    }
}

extension Library {
    /// Rewrites the bookmark copy beside the library from the database now (best effort).
    @discardableResult
    public func writeBookmarkSidecar() -> Bool {
        guard !isReadOnly, let all = try? self.bookmarks(), let data = try? BookmarkDocument(all).json() else {
            return false
        }
        return BookmarkSidecar.replace(BookmarkSidecar.path(forLibrary: path), with: data)
    }

    /// Asks for the bookmark copy to be rewritten on a background queue, so that a toggle does
    /// not wait for it (about 20 ms with its two fsyncs on this machine, four times a key's
    /// budget). Requests that arrive while one is pending are merged: a burst of toggles costs
    /// one or two rewrites, each reading the bookmarks as they are when it runs. The copy is
    /// flushed when the process exits normally (``flushBookmarkSidecars()``, registered with
    /// `atexit`); a process killed in between leaves the copy behind by its last changes,
    /// which the database itself holds.
    func scheduleBookmarkSidecar() {
        SidecarWriter.shared.schedule(self)
    }

    /// Writes the copy under its new name when a library still has only the old
    /// `bookmarks.json` beside it, so that the copy follows the library from now on; the
    /// old file is left as it was (it may be the user's).
    func migrateLegacyBookmarkSidecar() {
        guard !isReadOnly, let legacy = BookmarkSidecar.legacyPath(forLibrary: path),
            access(legacy, F_OK) == 0, access(BookmarkSidecar.path(forLibrary: path), F_OK) != 0
        else { return }
        scheduleBookmarkSidecar()
    }

    /// Waits until every requested bookmark copy is written.
    public static func flushBookmarkSidecars() {
        SidecarWriter.shared.flush()
    }
}

/// The background queue that writes bookmark copies.
final class SidecarWriter: @unchecked Sendable {
    static let shared = SidecarWriter()
    private let queue = DispatchQueue(label: "tidings.bookmark-copy")
    private let lock = NSLock()
    private var pending: [String: Library] = [:]

    private init() {
        atexit { SidecarWriter.shared.flush() }
    }

    func schedule(_ library: Library) {
        lock.lock()
        let first = pending[library.path] == nil
        pending[library.path] = library
        lock.unlock()
        guard first else { return }
        queue.async { [self] in
            lock.lock()
            let next = pending.removeValue(forKey: library.path)
            lock.unlock()
            next?.writeBookmarkSidecar()
        }
    }

    func flush() {
        queue.sync {}
    }
}
