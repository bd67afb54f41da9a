import Foundation
import GRDB
import TidingsCore

/// The local library: the one type that owns the SQLite database.
///
/// Everything Tidings stores (posts, their labels, the import bookkeeping, the full-text
/// index) lives in one SQLite file opened through a GRDB `DatabasePool` in WAL mode, so a
/// browser can read while an import writes. Callers speak in intents (`importArchives`,
/// `headlines`, `post(id:)`); SQL stays inside this target.
public final class Library: Sendable {
    /// Where the database file lives.
    public let path: String
    /// What the search caches (``SearchAnswers``, ``PrefixWords``, ``ArchiveOrder``) key this
    /// library by: its path and a token of this opening, so that another file later at the
    /// same path (a rebuild, a test's new library) never shares what they kept.
    let cacheScope: String
    let pool: DatabasePool
    /// This file in ``openFiles`` while this object lives.
    private let openFile: FileIdentity?

    /// Opens the library at `path` and brings its schema up to date.
    ///
    /// What is not a Tidings library (another program's database, a folder, a device) is
    /// refused before SQLite touches it (``inspect(_:)``); a library this process may not
    /// write is opened read-only (``isReadOnly``).
    ///
    /// - Parameter mayCreate: whether a missing library may be created (with its folder). Only
    ///   what fills a library (`import`, `bookmarks import`) and the browser pass true; every
    ///   other command passes false, so a mistyped `--library` path says ``LibraryError/noLibrary(path:)``
    ///   instead of leaving an empty library (and perhaps a folder) behind.
    public init(path: String, mayCreate: Bool = true) throws(LibraryError) {
        self.path = path
        cacheScope = path + "\u{0}" + UUID().uuidString
        let kind = try Library.inspect(path)
        if !mayCreate { try Library.requireExisting(path) }
        if kind == .absent {
            do {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw LibraryError.cannotOpen(
                    path: path, reason: "cannot create its folder: \(error.localizedDescription)")
            }
        }
        try Library.refuseEmptiedLibrary(path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Two browsers and an import may share the file; wait for the writer instead of failing.
        configuration.busyMode = .timeout(10)
        configuration.label = "tidings"
        configuration.prepareDatabase { db in
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            // The live ranking's function, on the writer and every reader alike.
            try RankCounts.register(db)
        }
        do {
            pool = try Library.openPool(
                path: path, configuration: configuration,
                writable: kind != .absent ? Library.isWritable(path) : true,
                isNew: kind == .absent || kind == .empty)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB && Library.isForeignFile(path) {
            // Looked at only once SQLite refused it: reading the file through a descriptor of
            // our own while a connection has it open would drop that connection's locks.
            throw LibraryError.notALibrary(path: path)
        } catch {
            throw LibraryError(error, path: path)
        }
        // Counted before anything below may throw: deinit then uncounts it.
        openFile = Library.registerOpenFile(path)
        if !isReadOnly {
            do { try stampApplicationID() } catch { throw LibraryError(error, path: path) }
            migrateLegacyBookmarkSidecar()
        }
    }

    deinit { Library.unregisterOpenFile(openFile) }

    /// Whether `path` holds something other than an SQLite database (a text file, an archive
    /// page, a binary): such a file is not damage, and nothing may write over it. A missing
    /// or empty file is not foreign, and neither is a library whose header was overwritten:
    /// its schema's text (`CREATE TABLE post`) is still there in its first pages, so it is
    /// damage for `tidings rebuild`. Opens and closes the file: never call it while this
    /// process has a connection to it (closing any descriptor drops SQLite's POSIX locks).
    public static func isForeignFile(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 20), !head.isEmpty else { return false }
        if head.starts(with: Data("SQLite format 3\u{0}".utf8)) { return false }
        return head.range(of: Data("CREATE TABLE post".utf8)) == nil
    }

    /// Refuses to open what is not there: no file, or a 0-byte one (SQLite would write a schema
    /// into it). An emptied file whose bookmarks copy is not empty gets the rebuild advice.
    private static func requireExisting(_ path: String) throws(LibraryError) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw LibraryError.noLibrary(path: path) }
        guard status.st_size == 0 else { return }
        try refuseEmptiedLibrary(path)
        var wal = stat()
        if stat(path + "-wal", &wal) == 0, wal.st_size > 0 { return }
        throw LibraryError.noLibrary(path: path)
    }

    /// Refuses a library file emptied to 0 bytes while its bookmarks copy says it held
    /// bookmarks: SQLite would quietly make a new, empty library of it, and the browser would
    /// show nothing and say nothing. A 0-byte file with no copy beside it (made by `touch`,
    /// say) is a new library as before; rebuild restores the copy's bookmarks.
    private static func refuseEmptiedLibrary(_ path: String) throws(LibraryError) {
        func size(_ file: String) -> Int? {
            var status = stat()
            return stat(file, &status) == 0 ? Int(status.st_size) : nil
        }
        guard size(path) == 0, (size(path + "-wal") ?? 0) == 0,
            !BookmarkSidecar.read(forLibrary: path).isEmpty
        else { return }
        throw LibraryError.cannotOpen(
            path: path,
            reason: "the file is empty but its bookmarks copy is not: "
                + "run `tidings rebuild` (your bookmarks are kept)")
    }

    /// True when the library could only be opened read-only: browsing works, saving fails.
    public var isReadOnly: Bool { pool.configuration.readonly }

    /// Opens and migrates the pool; a file this process may not write (permissions, a read-only
    /// disk) is opened read-only instead when its schema is current, so that it can still be
    /// browsed and every attempt to save says why it failed rather than nothing opening at all.
    private static func openPool(
        path: String, configuration: Configuration, writable: Bool, isNew: Bool
    ) throws -> DatabasePool {
        guard writable else { return try openReadOnly(path: path, configuration: configuration) }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            // A new file is stamped before its first table: a kill during the migrations must
            // leave a file that reads as ours, never an unstamped one with a half-made schema.
            if isNew {
                try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA application_id = \(applicationID)") }
            }
            try migrator.migrate(pool)
            return pool
        } catch let error as DatabaseError
            where [.SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN].contains(error.resultCode)
        {
            guard let pool = try? openReadOnly(path: path, configuration: configuration) else { throw error }
            return pool
        }
    }

    /// A read-only pool on a library whose schema is current; one that needs a migration
    /// cannot be read here and says so.
    private static func openReadOnly(path: String, configuration: Configuration) throws -> DatabasePool {
        let pool = try openReadOnlyPool(path: path, configuration: configuration)
        guard try pool.read(migrator.hasCompletedMigrations) else {
            throw LibraryError.cannotOpen(
                path: path,
                reason: "it is read-only here and was made by an older Tidings; "
                    + "open it once where it can be written, to bring it up to date")
        }
        return pool
    }
}

/// A failure of the library, phrased for a person rather than as raw SQL.
public enum LibraryError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
    /// The path holds something that is not a Tidings library; nothing was written to it.
    case refused(path: String, reason: String)
    case storage(String)
    case notFound(String)
    case ambiguous(String)
    /// Nothing to open at the path, and the caller may not create a library there.
    case noLibrary(path: String)
    /// The file is not an SQLite database at all: not damage, and never to be written over.
    case notALibrary(path: String)

    init(_ error: any Error, path: String) {
        if let error = error as? LibraryError {
            self = error
            return
        }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                self = .cannotOpen(path: path, reason: Library.damagedAdvice)
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
                self = .cannotOpen(path: path, reason: "cannot open it for writing (check permissions)")
            case .SQLITE_FULL:
                self = .storage("the disk is full")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                self = .storage("the library is busy in another process; try again")
            case .SQLITE_IOERR:
                self = .storage("a disk read or write failed on \(path)")
            default:
                self = .storage(error.message ?? "\(error.resultCode)")
            }
            return
        }
        self = .storage("\(error)")
    }

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open the library \(path): \(reason)"
        case .refused(let path, let reason): return "will not use \(path) as a library: \(reason)"
        case .storage(let reason): return "library error: \(reason)"
        case .notFound(let what): return what
        case .ambiguous(let what): return what
        case .notALibrary(let path):
            return "\(path) is not a Tidings library (not an SQLite database); it was left untouched"
        case .noLibrary(let path): return "no library at \(path) (`tidings import ARCHIVE…` creates one)"
        }
    }
}

extension Library {
    /// Runs a read, mapping database errors to ``LibraryError``.
    func read<T>(_ body: (Database) throws -> T) throws(LibraryError) -> T {
        do { return try pool.read(body) } catch { throw LibraryError(error, path: path) }
    }

    /// Runs a write transaction, mapping database errors to ``LibraryError``.
    func write<T>(_ body: (Database) throws -> T) throws(LibraryError) -> T {
        if isReadOnly { throw .storage(readOnlyReason) }
        do { return try pool.write(body) } catch { throw LibraryError(error, path: path) }
    }
}
