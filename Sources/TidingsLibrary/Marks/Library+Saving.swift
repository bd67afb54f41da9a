import GRDB
import TidingsCore

extension Library {
    /// Runs `body` in one write transaction for something a person did (a bookmark, a read
    /// mark), and reports a failure as what could not be saved and why.
    ///
    /// Durability: the pool's connections run with `synchronous = NORMAL`, under which a WAL
    /// commit survives the process being killed (the frames are in the OS's page cache) but not
    /// a power cut or a kernel crash. With `durable`, the writer switches to `synchronous =
    /// FULL` around this one transaction, so the WAL is fsynced at COMMIT and the change is on
    /// the disk when this returns; that also makes a failing fsync an error here, not silence.
    /// The pragma cannot change inside a transaction, hence the transaction is opened here
    /// rather than through `pool.write`. It is IMMEDIATE: the write lock is taken before the
    /// first read, so a read-modify-write (a toggle) in another process can never interleave
    /// and lose an update; a second process waits up to the busy timeout instead.
    ///
    /// - Parameter what: the thing being saved, as the message names it ("the bookmark").
    func save<T>(_ what: String, durable: Bool = true, _ body: (Database) throws -> T) throws(LibraryError) -> T {
        if isReadOnly { throw .storage("could not save \(what): \(readOnlyReason)") }
        do {
            return try pool.writeWithoutTransaction { db in
                if durable { try db.execute(sql: "PRAGMA synchronous = FULL") }
                defer { if durable { try? db.execute(sql: "PRAGMA synchronous = NORMAL") } }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw Library.savingError(error, what: what)
        }
    }

    /// Why nothing can be saved in a library opened read-only.
    var readOnlyReason: String {
        "the library is read-only here (this user cannot write \(path) or its folder)"
    }

    /// A database error while saving, phrased for the status line: never "success" by silence.
    static func savingError(_ error: any Error, what: String) -> LibraryError {
        if let error = error as? LibraryError { return error }
        guard let error = error as? DatabaseError else { return .storage("could not save \(what): \(error)") }
        let reason: String
        // The full-text index refusing a change is a fault in Tidings' own writes, not damage
        // to the file: a rebuild would not help (and would drop what only the web gave).
        if error.extendedResultCode == ResultCode(rawValue: 267) {  // SQLITE_CORRUPT_VTAB
            return .storage(
                "could not save \(what): the search index refused the change (an internal error in Tidings; nothing was saved)"
            )
        }
        switch error.resultCode {
        case .SQLITE_FULL:
            reason = "the disk is full"
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_AUTH:
            reason = "the library is read-only (check the permissions of its file and folder)"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            reason = "the library is busy in another process; try again"
        case .SQLITE_IOERR:
            reason = "writing to the disk failed"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            reason = Library.damagedAdvice
        default:
            reason = error.message ?? "\(error.resultCode)"
        }
        return .storage("could not save \(what): \(reason)")
    }

    /// The full id of the post `id` names: the id itself, or a unique prefix of at least four
    /// characters (like ``post(id:)``). With `orBookmark`, ids of bookmarks whose posts are
    /// not in the library count too, so that such a bookmark can still be removed.
    static func resolve(_ id: String, in db: Database, orBookmark: Bool = false) throws -> String {
        let wanted = id.lowercased()
        guard wanted.count >= 4 else {
            throw LibraryError.notFound("post id “\(id)” is too short: give at least 4 characters")
        }
        var sql = "SELECT id FROM post WHERE id >= ?1 AND id < ?2"
        if orBookmark { sql += " UNION SELECT postID FROM bookmark WHERE postID >= ?1 AND postID < ?2" }
        let ids = try String.fetchAll(db, sql: sql + " ORDER BY 1 LIMIT 5", arguments: [wanted, wanted + "~"])
        if ids.contains(wanted) { return wanted }
        guard let first = ids.first else { throw LibraryError.notFound("no post with id “\(VisibleText.escaped(id))”") }
        if ids.count > 1 {
            throw LibraryError.ambiguous("post id “\(id)” is ambiguous: \(ids.joined(separator: ", "))")
        }
        return first
    }
}
