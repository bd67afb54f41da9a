import Foundation
import GRDB
import TidingsCore

/// The local library: the one type that owns the SQLite database.
///
/// Everything Tidings stores (posts, their labels, the import bookkeeping, the full-text
/// index) lives in one SQLite file opened through a GRDB `DatabasePool` in WAL mode, so a
/// browser can read while an import writes. Callers speak in intents (`importPages`,
/// `headlines`, `post(id:)`); SQL stays inside this target.
public final class Library: Sendable {
    /// Where the database file lives.
    public let path: String
    let pool: DatabasePool
    /// This file in ``openFiles`` while this object lives.
    private let openFile: FileIdentity?

    /// Opens (creating when needed) the library at `path` and brings its schema up to date.
    ///
    /// What is not a Tidings library (another program's database, a folder, a device) is
    /// refused before SQLite touches it (``inspect(_:)``); a library this process may not
    /// write is opened read-only (``isReadOnly``).
    public init(path: String) throws(LibraryError) {
        self.path = path
        let kind = try Library.inspect(path)
        if kind == .absent {
            do {
                let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw LibraryError.cannotOpen(path: path, reason: "cannot create its folder: \(error.localizedDescription)")
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
        }
        do {
            pool = try Library.openPool(path: path, configuration: configuration,
                                        writable: kind != .absent ? Library.isWritable(path) : true)
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
              !BookmarkSidecar.read(forLibrary: path).isEmpty else { return }
        throw LibraryError.cannotOpen(path: path, reason: "the file is empty but its bookmarks copy is not: "
                                      + "run `tidings rebuild` (your bookmarks are kept)")
    }

    /// True when the library could only be opened read-only: browsing works, saving fails.
    public var isReadOnly: Bool { pool.configuration.readonly }

    /// Opens and migrates the pool; a file this process may not write (permissions, a read-only
    /// disk) is opened read-only instead when its schema is current, so that it can still be
    /// browsed and every attempt to save says why it failed rather than nothing opening at all.
    private static func openPool(path: String, configuration: Configuration, writable: Bool) throws -> DatabasePool {
        guard writable else { return try openReadOnly(path: path, configuration: configuration) }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try migrator.migrate(pool)
            return pool
        } catch let error as DatabaseError where [.SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN].contains(error.resultCode) {
            guard let pool = try? openReadOnly(path: path, configuration: configuration) else { throw error }
            return pool
        }
    }

    /// A read-only pool on a library whose schema is current; one that needs a migration
    /// cannot be read here and says so.
    private static func openReadOnly(path: String, configuration: Configuration) throws -> DatabasePool {
        let pool = try openReadOnlyPool(path: path, configuration: configuration)
        guard try pool.read(migrator.hasCompletedMigrations) else {
            throw LibraryError.cannotOpen(path: path, reason: "it is read-only here and was made by an older Tidings; "
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
