import Foundation
import GRDB

@testable import TidingsLibrary

/// Questions only tests ask of a library, one post or the whole file at a time; the products
/// read marks with ``Library/marks(postID:)`` and pages, and check a file with `quickCheck`.
extension Library {
    /// Marks the post read unless it already is, keeping the time it was first read. Returns
    /// true when the post was unread until now.
    @discardableResult
    func markRead(postID: String) throws(LibraryError) -> Bool {
        try save("the read mark") { db in
            let id = try Library.resolve(postID, in: db)
            try db.execute(
                sql: """
                    INSERT INTO reading (postID, readAt) VALUES (?, ?)
                    ON CONFLICT (postID) DO UPDATE SET readAt = excluded.readAt WHERE readAt IS NULL
                    """, arguments: [id, Date().timeIntervalSince1970])
            return db.changesCount > 0
        }
    }

    /// Flips read and unread in one transaction (`m`); returns true when the post is now read.
    func toggleRead(postID: String) throws(LibraryError) -> Bool {
        try save("the read mark") { db in
            let id = try Library.resolve(postID, in: db)
            let wasRead = try Library.isRead(id, in: db)
            try Library.storeRead(!wasRead, id, in: db)
            return !wasRead
        }
    }

    /// Whether the post `postID` names has not been read (or was marked unread again).
    func isUnread(postID: String) throws(LibraryError) -> Bool {
        try read { db in try !Library.isRead(Library.resolve(postID, in: db), in: db) }
    }

    /// Where the reader left the article `postID` names; ``ReadingPosition/top`` when never stored.
    func readingPosition(postID: String) throws(LibraryError) -> ReadingPosition {
        try marks(postID: postID).position
    }

    /// Whether the post `postID` names is bookmarked.
    func isBookmarked(postID: String) throws(LibraryError) -> Bool {
        try read { db in
            let id = try Library.resolve(postID, in: db, orBookmark: true)
            return try Bool.fetchOne(db, sql: "SELECT 1 FROM bookmark WHERE postID = ?", arguments: [id]) ?? false
        }
    }

    /// How many bookmarked posts the library holds: the Bookmarks shelf's length. Bookmarks
    /// whose posts have left the library are not counted (``bookmarks(offset:limit:)`` lists them).
    func bookmarkCount() throws(LibraryError) -> Int {
        try read { db in try Library.bookmarkCount(in: db) }
    }

    /// SQLite's own check of the whole file (`PRAGMA integrity_check`): `["ok"]` when sound,
    /// else the problems it found.
    func integrityCheck() throws(LibraryError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
