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
    /// `bookmarks.json` beside `library.sqlite`; `NAME.bookmarks.json` beside any other name,
    /// so that two libraries in one folder keep separate copies.
    public static func path(forLibrary library: String) -> String {
        let url = URL(fileURLWithPath: library)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        return folder + "/" + (name == "library.sqlite" ? "bookmarks.json" : name + ".bookmarks.json")
    }

    /// The bookmarks in the copy beside `library`; empty when there is none or it cannot be
    /// read. Entries that cannot be read are skipped, the rest kept.
    public static func read(forLibrary library: String) -> [Bookmark] {
        guard let data = FileManager.default.contents(atPath: path(forLibrary: library)) else { return [] }
        return BookmarkDocument.salvageBookmarks(from: data)
    }

    /// Replaces `path` with `data` atomically (``AtomicFile``); false when it could not.
    static func replace(_ path: String, with data: Data) -> Bool {
        (try? AtomicFile.write(data, to: path)) != nil
    }
}

extension Library {
    /// Rewrites the bookmark copy beside the library from the database now (best effort).
    @discardableResult
    public func writeBookmarkSidecar() -> Bool {
        guard !isReadOnly, let all = try? self.bookmarks(), let data = try? BookmarkDocument(all).json() else { return false }
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
