import Foundation
import GRDB

extension Library {
    /// Bookmarks the post `postID` names, or takes its bookmark away; on disk when this returns.
    ///
    /// `postID` may be a unique prefix of 4+ characters. Removing also accepts the id of a
    /// bookmark whose post has left the library. Bookmarking a post that already is keeps its
    /// original time, so it does not jump to the top of the Bookmarks shelf.
    ///
    /// - Throws: ``LibraryError/notFound(_:)`` naming an unknown id; ``LibraryError/storage(_:)``
    ///   ("could not save the bookmark: the disk is full") when it could not be saved.
    @discardableResult
    public func setBookmark(_ on: Bool, postID: String) throws(LibraryError) -> BookmarkChange {
        defer { scheduleBookmarkSidecar() }
        return try save("the bookmark") { db in
            let id = try Library.resolve(postID, in: db, orBookmark: !on)
            let title = try String.fetchOne(
                db,
                sql: """
                    SELECT title FROM post WHERE id = ?1 UNION ALL SELECT title FROM bookmark WHERE postID = ?1
                    """, arguments: [id])
            let changed = on ? try Library.addBookmark(id, at: Date(), in: db) : try Library.removeBookmark(id, in: db)
            return BookmarkChange(postID: id, title: title, isBookmarked: on, changed: changed)
        }
    }

    /// Flips the bookmark of the post `postID` names and returns the new state (true: bookmarked).
    ///
    /// The read and the write are one IMMEDIATE transaction, so two browsers toggling at once
    /// never lose either's change; the change is on disk when this returns (see ``save``).
    public func toggleBookmark(postID: String) throws(LibraryError) -> Bool {
        defer { scheduleBookmarkSidecar() }
        return try save("the bookmark") { db in
            let id = try Library.resolve(postID, in: db, orBookmark: true)
            if try Library.removeBookmark(id, in: db) { return false }
            return try Library.addBookmark(id, at: Date(), in: db)
        }
    }

    /// Every bookmark, including those whose posts have left the library, most recently
    /// bookmarked first: for listings and exports. `limit` nil means all.
    public func bookmarks(offset: Int = 0, limit: Int? = nil) throws(LibraryError) -> [Bookmark] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT b.postID, b.createdAt, p.seq, p.date,
                           CASE WHEN p.seq IS NULL THEN b.title ELSE p.title END AS title,
                           CASE WHEN p.seq IS NULL THEN b.outlet ELSE p.outlet END AS outlet
                    FROM bookmark b LEFT JOIN post p ON p.id = b.postID
                    ORDER BY b.createdAt DESC, b.postID DESC LIMIT ? OFFSET ?
                    """, arguments: [limit ?? -1, max(offset, 0)])
            let categories = try Library.categories(of: rows.compactMap { $0["seq"] as Int64? }, in: db)
            return rows.map { row in
                let seq: Int64? = row["seq"]
                return Bookmark(
                    postID: row["postID"], bookmarkedAt: Date(timeIntervalSince1970: row["createdAt"]),
                    title: row["title"], outlet: row["outlet"], categories: seq.flatMap { categories[$0] } ?? [],
                    date: row["date"], isInLibrary: seq != nil)
            }
        }
    }

    /// Bookmarks restored per transaction: each batch is one durable commit, so a huge export
    /// neither holds one transaction's worth of journal nor waits on one fsync per bookmark.
    public static let restoreBatch = 10_000

    /// Restores bookmarks exported elsewhere, a batch of ``restoreBatch`` per durable
    /// transaction. Restoring is idempotent: should a batch fail, the ones before it are saved
    /// and restoring the same bookmarks again completes the rest.
    ///
    /// Ids must be whole (exports carry them whole). Each bookmark keeps its time, so the
    /// Bookmarks shelf keeps its order; one already here keeps its own. A bookmark whose post
    /// this library does not hold is kept, with the given title and outlet, only when
    /// `keepingMissing`; either way it is reported (counted when not kept).
    ///
    /// The bookmarks copy beside the library is rewritten afterwards, unless `updatingCopy` is
    /// false: a caller restoring many batches writes it once at the end
    /// (``writeBookmarkSidecar()``), since each rewrite reads and writes every bookmark.
    public func restoreBookmarks(
        _ bookmarks: [Bookmark], keepingMissing: Bool = true, updatingCopy: Bool = true
    ) throws(LibraryError) -> BookmarkRestore {
        defer { if updatingCopy { scheduleBookmarkSidecar() } }
        var outcome = BookmarkRestore()
        var start = 0
        repeat {
            let batch = bookmarks[start..<min(bookmarks.count, start + Self.restoreBatch)]
            try save("the bookmarks") { db in
                try Library.restore(batch, keepingMissing: keepingMissing, into: &outcome, in: db)
            }
            start += Self.restoreBatch
        } while start < bookmarks.count
        return outcome
    }

    /// Restores one batch inside the caller's transaction.
    private static func restore(
        _ batch: ArraySlice<Bookmark>, keepingMissing: Bool, into outcome: inout BookmarkRestore, in db: Database
    ) throws {
        let present = try db.cachedStatement(sql: "SELECT 1 FROM post WHERE id = ?")
        let insert = try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO bookmark (postID, createdAt, title, outlet)
                SELECT ?1, ?2, COALESCE(p.title, ?3), CASE WHEN p.seq IS NULL THEN ?4 ELSE p.outlet END
                FROM (SELECT 1) LEFT JOIN post p ON p.id = ?1
                """)
        for bookmark in batch {
            let id = bookmark.postID.lowercased()
            let inLibrary = try Bool.fetchOne(present, arguments: [id]) ?? false
            if !inLibrary, !keepingMissing {
                outcome.skippedMissing += 1
                continue
            }
            try insert.execute(arguments: [
                id, bookmark.bookmarkedAt.timeIntervalSince1970, bookmark.title, bookmark.outlet,
            ])
            if !inLibrary {
                var missing = bookmark
                missing.postID = id
                missing.isInLibrary = false
                outcome.notInLibrary.append(missing)
            } else if db.changesCount > 0 {
                outcome.restored.append(id)
            } else {
                outcome.alreadyBookmarked.append(id)
            }
        }
    }

    /// Inserts a bookmark with the post's title and outlet; false when it already existed.
    static func addBookmark(_ id: String, at time: Date, in db: Database) throws -> Bool {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO bookmark (postID, createdAt, title, outlet)
                SELECT id, ?, title, outlet FROM post WHERE id = ?
                """, arguments: [time.timeIntervalSince1970, id])
        return db.changesCount > 0
    }

    /// Deletes a bookmark; false when there was none.
    static func removeBookmark(_ id: String, in db: Database) throws -> Bool {
        try db.execute(sql: "DELETE FROM bookmark WHERE postID = ?", arguments: [id])
        return db.changesCount > 0
    }

    /// Bookmarks whose posts are in the library.
    static func bookmarkCount(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bookmark b JOIN post p ON p.id = b.postID") ?? 0
    }

    /// Category names of the posts `seqs`, sorted, keyed by post.
    static func categories(of seqs: [Int64], in db: Database) throws -> [Int64: [String]] {
        var names: [Int64: [String]] = [:]
        for start in stride(from: 0, to: seqs.count, by: 500) {
            let part = Array(seqs[start..<min(start + 500, seqs.count)])
            let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT post, name FROM label WHERE post IN (\(marks)) AND kind = 'category' ORDER BY name
                    """, arguments: StatementArguments(part))
            {
                names[row["post"], default: []].append(row["name"])
            }
        }
        return names
    }
}
