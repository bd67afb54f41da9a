import Foundation
import GRDB
import TidingsCore

extension Library {
    /// Marks the post `postID` names read or unread; on disk when this returns.
    ///
    /// Marking it unread keeps its reading position.
    public func setRead(_ read: Bool, postID: String) throws(LibraryError) {
        try save("the read mark") { db in
            let id = try Library.resolve(postID, in: db)
            try Library.storeRead(read, id, in: db)
        }
    }

    /// Remembers where the reader is in the article `postID` names. Negative values count as 0.
    ///
    /// Committed before this returns, so it survives the process being killed, but not fsynced:
    /// the view may call this on every scroll, and a position lost to a power cut is cheap.
    public func setReadingPosition(_ position: ReadingPosition, postID: String) throws(LibraryError) {
        try save("the reading position", durable: false) { db in
            let id = try Library.resolve(postID, in: db)
            try db.execute(
                sql: """
                    INSERT INTO reading (postID, paragraph, characterOffset) VALUES (?, ?, ?)
                    ON CONFLICT (postID) DO UPDATE SET paragraph = excluded.paragraph,
                        characterOffset = excluded.characterOffset
                    """, arguments: [id, max(position.paragraph, 0), max(position.characterOffset, 0)])
        }
    }

    /// Bookmark, read state and reading position of the post `postID` names, in one read:
    /// what the article view shows with a post and where it scrolls to.
    public func marks(postID: String) throws(LibraryError) -> PostMarks {
        try read { db in
            let id = try Library.resolve(postID, in: db, orBookmark: true)
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM bookmark WHERE postID = ?1) AS bookmarked,
                           r.readAt, r.paragraph, r.characterOffset
                    FROM (SELECT 1) LEFT JOIN reading r ON r.postID = ?1
                    """, arguments: [id])!
            let readAt: Double? = row["readAt"]
            return PostMarks(
                isBookmarked: row["bookmarked"], isUnread: readAt == nil,
                position: ReadingPosition(
                    paragraph: row["paragraph"] ?? 0, characterOffset: row["characterOffset"] ?? 0))
        }
    }

    /// Whether the post with the whole id `id` is read.
    static func isRead(_ id: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT readAt IS NOT NULL FROM reading WHERE postID = ?", arguments: [id]) ?? false
    }

    /// Marks every unread post of `shelf` read, in one durable transaction; returns how many
    /// became read. Reading positions are kept.
    public func markAllRead(on shelf: Shelf) throws(LibraryError) -> Int {
        try save("the read marks") { db in
            let (source, arguments): (String, StatementArguments) =
                switch shelf {
                case .all: ("SELECT id FROM post", [])
                case .category, .tag, .author:
                    (
                        "SELECT p.id FROM label l JOIN post p ON p.seq = l.post WHERE l.kind = ? AND l.name = ?",
                        [shelf.label!.kind, shelf.label!.name]
                    )
                case .outlet(let name): ("SELECT id FROM post WHERE outlet = ?", [name])
                case .bookmarks: ("SELECT b.postID FROM bookmark b JOIN post p ON p.id = b.postID", [])
                }
            let before = db.totalChangesCount
            // WHERE true: SQLite's upsert needs it after a SELECT to parse the ON CONFLICT.
            try db.execute(
                sql: """
                    INSERT INTO reading (postID, readAt) SELECT id, ? FROM (\(source)) WHERE true
                    ON CONFLICT (postID) DO UPDATE SET readAt = excluded.readAt WHERE readAt IS NULL
                    """, arguments: [Date().timeIntervalSince1970] + arguments)
            return db.totalChangesCount - before
        }
    }

    /// Sets the read state of the post with the whole id `id`, keeping its position.
    static func storeRead(_ read: Bool, _ id: String, in db: Database) throws {
        if read {
            try db.execute(
                sql: """
                    INSERT INTO reading (postID, readAt) VALUES (?, ?)
                    ON CONFLICT (postID) DO UPDATE SET readAt = COALESCE(readAt, excluded.readAt)
                    """, arguments: [id, Date().timeIntervalSince1970])
        } else {
            try db.execute(sql: "UPDATE reading SET readAt = NULL WHERE postID = ?", arguments: [id])
        }
    }
}
