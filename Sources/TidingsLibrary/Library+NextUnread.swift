import GRDB
import TidingsCore

extension Library {
    /// The first unread post on `shelf` after the row at `offset` (-1 to search from the top),
    /// with its offset on the shelf; nil when every later post is read.
    ///
    /// What the browser's "next unread" key asks; wrapping around is the caller's choice
    /// (ask again from -1). Each shelf is walked in its own order along its index, so the cost
    /// grows with the read posts skipped, not with the shelf's length.
    public func nextUnread(on shelf: Shelf, after offset: Int) throws(LibraryError) -> (offset: Int, row: Headline)? {
        try read { db in
            switch shelf {
            case .all: return try Library.nextUnreadInArchive(after: offset, in: db)
            case .category, .tag, .author:
                return try Library.nextUnread(inLabel: shelf.label!, after: offset, in: db)
            case .outlet(let name): return try Library.nextUnread(inOutlet: name, after: offset, in: db)
            case .bookmarks: return try Library.nextUnreadBookmark(after: offset, in: db)
            }
        }
    }

    private static func nextUnreadInArchive(after offset: Int, in db: Database) throws -> (Int, Headline)? {
        var start = Int64.min
        if offset >= 0 {
            guard
                let ordinal = try Int64.fetchOne(
                    db, sql: "SELECT ordinal FROM post ORDER BY ordinal LIMIT 1 OFFSET ?",
                    arguments: [offset])
            else { return nil }
            start = ordinal
        }
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT p.ordinal AS key, \(headlineColumns) FROM post p \(markJoins)
                    WHERE p.ordinal > ? AND r.readAt IS NULL ORDER BY p.ordinal LIMIT 1
                    """, arguments: [start])
        else { return nil }
        let index =
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post WHERE ordinal < ?", arguments: [row["key"] as Int64])
            ?? 0
        return (index, Headline(row))
    }

    private static func nextUnread(
        inLabel label: (kind: String, name: String), after offset: Int, in db: Database
    ) throws -> (Int, Headline)? {
        var start = Int64.min
        if offset >= 0 {
            guard
                let ordinal = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT ordinal FROM label WHERE kind = ? AND name = ? ORDER BY ordinal LIMIT 1 OFFSET ?
                        """, arguments: [label.kind, label.name, offset])
            else { return nil }
            start = ordinal
        }
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT l.ordinal AS key, \(headlineColumns) FROM label l JOIN post p ON p.seq = l.post \(markJoins)
                    WHERE l.kind = ? AND l.name = ? AND l.ordinal > ? AND r.readAt IS NULL
                    ORDER BY l.ordinal LIMIT 1
                    """, arguments: [label.kind, label.name, start])
        else { return nil }
        let index =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM label WHERE kind = ? AND name = ? AND ordinal < ?
                    """, arguments: [label.kind, label.name, row["key"] as Int64]) ?? 0
        return (index, Headline(row))
    }

    /// An outlet's posts along the `post_by_outlet` index.
    private static func nextUnread(inOutlet name: String, after offset: Int, in db: Database) throws -> (Int, Headline)?
    {
        var start = Int64.min
        if offset >= 0 {
            guard
                let ordinal = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT ordinal FROM post WHERE outlet = ? ORDER BY ordinal LIMIT 1 OFFSET ?
                        """, arguments: [name, offset])
            else { return nil }
            start = ordinal
        }
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT p.ordinal AS key, \(headlineColumns) FROM post p \(markJoins)
                    WHERE p.outlet = ? AND p.ordinal > ? AND r.readAt IS NULL ORDER BY p.ordinal LIMIT 1
                    """, arguments: [name, start])
        else { return nil }
        let index =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM post WHERE outlet = ? AND ordinal < ?",
                arguments: [name, row["key"] as Int64]) ?? 0
        return (index, Headline(row))
    }

    /// The Bookmarks shelf runs newest first: (createdAt, postID) descending.
    private static func nextUnreadBookmark(after offset: Int, in db: Database) throws -> (Int, Headline)? {
        var time = Double.infinity
        var id = ""
        if offset >= 0 {
            guard
                let start = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT b.createdAt, b.postID FROM bookmark b JOIN post p ON p.id = b.postID
                        ORDER BY b.createdAt DESC, b.postID DESC LIMIT 1 OFFSET ?
                        """, arguments: [offset])
            else { return nil }
            time = start["createdAt"]
            id = start["postID"]
        }
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT b.createdAt AS time, \(headlineColumns)
                    FROM bookmark b JOIN post p ON p.id = b.postID LEFT JOIN reading r ON r.postID = p.id
                    WHERE (b.createdAt < ?1 OR (b.createdAt = ?1 AND b.postID < ?2)) AND r.readAt IS NULL
                    ORDER BY b.createdAt DESC, b.postID DESC LIMIT 1
                    """, arguments: [time, id])
        else { return nil }
        let found: String = row["id"]
        let index =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM bookmark b JOIN post p ON p.id = b.postID
                    WHERE b.createdAt > ?1 OR (b.createdAt = ?1 AND b.postID > ?2)
                    """, arguments: [row["time"] as Double, found]) ?? 0
        return (index, Headline(row))
    }
}
