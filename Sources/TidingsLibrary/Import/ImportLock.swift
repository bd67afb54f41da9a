import Glibc

/// Lets one import at a time write into a library, across processes.
///
/// A large file is replaced a slice at a time, over several transactions, so SQLite's write
/// lock no longer covers a file's whole replacement: a second import of the same changed
/// file in between would move the first one's new rows aside and write over their
/// positions. Imports therefore take this lock for their whole run, and the second one
/// waits; it then reads the stamps the first left and skips what is already done. Browsing
/// and bookmarks never take it.
///
/// The lock is `flock` on a file beside the library (`NAME-import.lock`), never on the
/// database itself: closing any descriptor of the database file would drop SQLite's own
/// POSIX locks with it. The file stays (deleting a lock file races with the next taker); the
/// kernel drops the lock when its holder ends, however it ends.
struct ImportLock: ~Copyable {
    private let descriptor: Int32

    /// The lock file of the library at `libraryPath`.
    static func path(forLibrary libraryPath: String) -> String { libraryPath + "-import.lock" }

    /// Waits until no other import holds the library's lock, then holds it; nil when the
    /// lock file cannot be made (a read-only folder: that import fails at its first write).
    /// `whileWaiting` is called once, before waiting, when another process holds the lock.
    static func acquire(forLibrary libraryPath: String, whileWaiting: (() -> Void)? = nil) -> ImportLock? {
        let descriptor = open(path(forLibrary: libraryPath), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return ImportLock(descriptor: descriptor) }
        if errno == EWOULDBLOCK { whileWaiting?() }
        while flock(descriptor, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            close(descriptor)
            return nil
        }
        return ImportLock(descriptor: descriptor)
    }

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
