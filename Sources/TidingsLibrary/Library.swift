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
    let pool: DatabasePool

    /// Opens (creating when needed) the library at `path` and brings its schema up to date.
    public init(path: String) throws(LibraryError) {
        self.path = path
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw LibraryError.cannotOpen(path: path, reason: "cannot create its folder: \(error.localizedDescription)")
        }
        try Library.refuseEmptiedLibrary(path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Two browsers and an import may share the file; wait for the writer instead of failing.
        configuration.busyMode = .timeout(10)
        configuration.label = "tidings"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try Library.openPool(path: path, configuration: configuration)
        } catch {
            throw LibraryError(error, path: path)
        }
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
              !BookmarkSidecar.read(forLibrary: path).isEmpty else { return }
        throw LibraryError.cannotOpen(path: path, reason: "the file is empty but its bookmarks copy is not: "
                                      + "run `tidings rebuild` (your bookmarks are kept)")
    }

    /// True when the library could only be opened read-only: browsing works, saving fails.
    public var isReadOnly: Bool { pool.configuration.readonly }

    /// Opens and migrates the pool; a file this process may not write (permissions, a read-only
    /// disk) is opened read-only instead when its schema is current, so that it can still be
    /// browsed and every attempt to save says why it failed rather than nothing opening at all.
    private static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try migrator.migrate(pool)
            return pool
        } catch let error as DatabaseError where [.SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN].contains(error.resultCode) {
            var readOnly = configuration
            readOnly.readonly = true
            guard let pool = try? DatabasePool(path: path, configuration: readOnly),
                  (try? pool.read(migrator.hasCompletedMigrations)) == true else { throw error }
            return pool
        }
    }
}

/// A failure of the library, phrased for a person rather than as raw SQL.
public enum LibraryError: Error, CustomStringConvertible, Equatable {
    case cannotOpen(path: String, reason: String)
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
                self = .storage("a disk read or write failed")
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
        do { return try pool.write(body) } catch { throw LibraryError(error, path: path) }
    }
}
