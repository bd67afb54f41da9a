import Foundation
import GRDB
import Glibc
import TidingsCore

/// What a path given as the library holds, judged before SQLite may write a byte to it.
enum LibraryFileKind: Equatable {
    /// Nothing there yet: a new library is made.
    case absent
    /// A 0-byte file or a SQLite file without tables: made into a new library.
    case empty
    /// A library Tidings made, stamped with its application id.
    case tidings
    /// A library made by a Tidings from before the stamp: its migrations are ours. Stamped on
    /// its first writable open.
    case olderTidings
    /// Not a SQLite file at all. Left to SQLite, which calls it damaged (a library whose
    /// first page was overwritten looks the same), so that `check` and `rebuild` can act.
    case notSQLite
}

extension Library {
    /// `PRAGMA application_id` of every library Tidings makes: "TDNG" in ASCII. SQLite keeps it
    /// in the file header (offset 68), so a file can be told apart without opening it.
    static let applicationID: Int32 = 0x5444_4E47

    /// Looks at `path` without writing anything: refuses what is not a regular file and a
    /// SQLite database of another program, untouched, each with a sentence that says so.
    static func inspect(_ path: String) throws(LibraryError) -> LibraryFileKind {
        // A file this process already has open as a library was inspected then. It must not
        // be opened again here: closing any descriptor of a file drops every POSIX lock the
        // process holds on it, SQLite's included, and the open library would run unlocked.
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            openFiles.withLock({ $0[FileIdentity(status)] ?? 0 }) > 0
        {
            return .tidings
        }
        // O_NONBLOCK: a FIFO given as the library must not hang the open; fstat then says what it is.
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return .absent }
            if errno == EISDIR { throw refusal(path, "it is a folder; give the path of a library file inside it") }
            throw LibraryError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        guard fstat(fd, &status) == 0 else {
            throw LibraryError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw refusal(path, "it is a folder; give the path of a library file inside it")
        default: throw refusal(path, "it is not a regular file (a device, pipe or socket); a library is a file")
        }
        if status.st_size == 0 { return .empty }
        var header = [UInt8](repeating: 0, count: 100)
        let count = Glibc.read(fd, &header, header.count)
        guard count == header.count, header.starts(with: Array("SQLite format 3\0".utf8)) else { return .notSQLite }
        let stamp = header[68..<72].reduce(Int32(0)) { $0 << 8 | Int32($1) }
        if stamp == applicationID { return .tidings }
        if stamp != 0 { throw foreign(path) }
        // Stamped, but only in the write-ahead log so far (no checkpoint has copied page 1).
        if stampInLog(path) == applicationID { return .tidings }
        return try probeUnstamped(path)
    }

    /// A file by device and inode, however it is named.
    struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
        }
    }

    /// Library files this process has open, with how many ``Library`` objects have each.
    static let openFiles = Locked<[FileIdentity: Int]>([:])

    /// Counts the library file at `path` as open in this process (from init to deinit).
    static func registerOpenFile(_ path: String) -> FileIdentity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let identity = FileIdentity(status)
        openFiles.withLock { $0[identity, default: 0] += 1 }
        return identity
    }

    static func unregisterOpenFile(_ identity: FileIdentity?) {
        guard let identity else { return }
        openFiles.withLock { files in
            files[identity, default: 1] -= 1
            if files[identity] == 0 { files[identity] = nil }
        }
    }

    /// The application id in the newest copy of page 1 in the library's `-wal` file, read
    /// without SQLite: a library stamped since its last checkpoint has its stamp only there.
    /// Frames count while their salts match the log header's (the current generation).
    static func stampInLog(_ path: String) -> Int32? {
        let fd = Glibc.open(path + "-wal", O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        func bigEndian(_ bytes: [UInt8], _ at: Int) -> UInt32 {
            bytes[at..<(at + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
        var header = [UInt8](repeating: 0, count: 32)
        guard pread(fd, &header, 32, 0) == 32 else { return nil }
        let pageSize = Int(bigEndian(header, 8))
        guard pageSize >= 512, pageSize <= 65_536 else { return nil }
        var stamp: Int32?
        var frame = [UInt8](repeating: 0, count: 24)
        var offset = 32
        while pread(fd, &frame, 24, off_t(offset)) == 24,
            bigEndian(frame, 8) == bigEndian(header, 16), bigEndian(frame, 12) == bigEndian(header, 20)
        {
            if bigEndian(frame, 0) == 1 {
                var field = [UInt8](repeating: 0, count: 4)
                if pread(fd, &field, 4, off_t(offset + 24 + 68)) == 4 { stamp = Int32(bitPattern: bigEndian(field, 0)) }
            }
            offset += 24 + pageSize
        }
        return stamp
    }

    /// Tells an unstamped SQLite file apart: a library of an older Tidings (its migration
    /// names), an empty database, or another program's. Read-only, and `immutable` when no
    /// write-ahead log is beside it, so that not even a `-wal` or `-shm` file is left behind.
    private static func probeUnstamped(_ path: String) throws(LibraryError) -> LibraryFileKind {
        var status = stat()
        let hasLog = stat(path + "-wal", &status) == 0 && status.st_size > 0
        var configuration = Configuration()
        configuration.readonly = true
        let verdict: LibraryFileKind?
        do {
            let queue = try DatabaseQueue(path: hasLog ? path : immutableURI(path), configuration: configuration)
            verdict = try queue.read { db -> LibraryFileKind? in
                // A library stamped inside its log, not yet checkpointed into the header.
                let stamp = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if stamp == applicationID { return .tidings }
                if stamp != 0 { return nil }
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master")
                if tables.isEmpty { return .empty }
                guard tables.contains("grdb_migrations") else { return nil }
                // An older Tidings killed between making the migrations table and committing
                // the first migration left just that table, empty: a library never finished.
                if tables.filter({ !$0.hasPrefix("sqlite_") }) == ["grdb_migrations"],
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") == 0
                {
                    return .empty
                }
                let ours = try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = 'v1-posts')")
                return ours == true ? .olderTidings : nil
            }
        } catch {
            throw LibraryError(error, path: path)
        }
        guard let verdict else { throw foreign(path) }
        return verdict
    }

    /// `file:PATH?immutable=1`, with the characters a URI gives meaning to escaped.
    static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?immutable=1"
    }

    private static func foreign(_ path: String) -> LibraryError {
        refusal(path, "it is another program's SQLite database, not a Tidings library; it was left untouched")
    }

    private static func refusal(_ path: String, _ reason: String) -> LibraryError {
        .refused(path: path, reason: reason)
    }

    /// True when this process may write the library file and the folder it is in (SQLite
    /// needs the folder for its `-wal` and `-shm` files). `access` answers for read-only
    /// mounts too, root included.
    static func isWritable(_ path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return access(folder, W_OK) == 0 && (access(path, W_OK) == 0 || errno == ENOENT)
    }

    /// Stamps a library with ``applicationID`` (new ones, and those of an older Tidings).
    func stampApplicationID() throws {
        try pool.write { db in
            if try Int32.fetchOne(db, sql: "PRAGMA application_id") != Library.applicationID {
                try db.execute(sql: "PRAGMA application_id = \(Library.applicationID)")
            }
        }
    }

    /// Opens the pool read-only. A folder this process cannot write has no room for SQLite's
    /// `-shm` file; when no log is beside the file either (the library was closed cleanly),
    /// the file is opened `immutable`, which needs none.
    static func openReadOnlyPool(path: String, configuration: Configuration) throws -> DatabasePool {
        var readOnly = configuration
        readOnly.readonly = true
        do {
            let pool = try DatabasePool(path: path, configuration: readOnly)
            _ = try pool.read(migrator.hasCompletedMigrations)
            return pool
        } catch {
            var status = stat()
            guard stat(path + "-wal", &status) != 0 || status.st_size == 0 else { throw error }
            return try DatabasePool(path: immutableURI(path), configuration: readOnly)
        }
    }
}
