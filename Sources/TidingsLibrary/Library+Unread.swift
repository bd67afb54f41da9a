import GRDB
import TidingsCore

/// A shelf's unread posts only, for the browser's unread-only toggle (`U`): the same order
/// as ``Library/headlines(on:offset:limit:)``, filtered in the query, so the browser pages
/// through them as through any list.
extension Library {
    /// One page of the shelf's unread headlines.
    ///
    /// The page is picked from the shelf's index with the read marks looked up per entry:
    /// work grows with the offset and the read posts skipped, never with joins of the whole archive.
    public func unreadHeadlines(on shelf: Shelf, offset: Int, limit: Int) throws(LibraryError) -> [Headline] {
        try read { db in
            let rows: [Row]
            switch shelf {
            case .all:
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(Library.headlineColumns)
                    FROM (SELECT p.seq, p.ordinal FROM post p WHERE \(Library.isUnread)
                          ORDER BY p.ordinal LIMIT ? OFFSET ?) page
                    JOIN post p ON p.seq = page.seq \(Library.markJoins) ORDER BY page.ordinal
                    """, arguments: [limit, offset])
            case .category, .tag, .author:
                let label = shelf.label!
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(Library.headlineColumns)
                    FROM (SELECT l.post, l.ordinal FROM label l JOIN post p ON p.seq = l.post
                          WHERE l.kind = ? AND l.name = ? AND \(Library.isUnread)
                          ORDER BY l.ordinal LIMIT ? OFFSET ?) page
                    JOIN post p ON p.seq = page.post \(Library.markJoins) ORDER BY page.ordinal
                    """, arguments: [label.kind, label.name, limit, offset])
            case .outlet(let name):
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(Library.headlineColumns)
                    FROM (SELECT p.seq, p.ordinal FROM post p WHERE p.outlet = ? AND \(Library.isUnread)
                          ORDER BY p.ordinal LIMIT ? OFFSET ?) page
                    JOIN post p ON p.seq = page.seq \(Library.markJoins) ORDER BY page.ordinal
                    """, arguments: [name, limit, offset])
            case .bookmarks:
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(Library.headlineColumns)
                    FROM bookmark b JOIN post p ON p.id = b.postID LEFT JOIN reading r ON r.postID = p.id
                    WHERE r.readAt IS NULL
                    ORDER BY b.createdAt DESC, b.postID DESC LIMIT ? OFFSET ?
                    """, arguments: [limit, offset])
            }
            return rows.map(Headline.init)
        }
    }

    /// How many of the shelf's posts are unread: its count less its read posts, counted from
    /// the read marks as ``readCounts()`` does.
    public func unreadCount(on shelf: Shelf) throws(LibraryError) -> Int {
        try read { db in
            let count: Int?
            switch shelf {
            case .all:
                count = try Int.fetchOne(db, sql: """
                    SELECT (SELECT posts FROM tally WHERE kind = 'all' AND name = '')
                         - (SELECT COUNT(*) FROM reading r JOIN post p ON p.id = r.postID WHERE r.readAt IS NOT NULL)
                    """)
            case .category, .tag, .author:
                let label = shelf.label!
                count = try Int.fetchOne(db, sql: """
                    SELECT (SELECT COALESCE(MAX(posts), 0) FROM tally WHERE kind = ?1 AND name = ?2)
                         - (SELECT COUNT(*) FROM reading r JOIN post p ON p.id = r.postID
                            JOIN label l ON l.post = p.seq AND l.kind = ?1 AND l.name = ?2
                            WHERE r.readAt IS NOT NULL)
                    """, arguments: [label.kind, label.name])
            case .outlet(let name):
                count = try Int.fetchOne(db, sql: """
                    SELECT (SELECT COUNT(*) FROM post WHERE outlet = ?1)
                         - (SELECT COUNT(*) FROM reading r JOIN post p ON p.id = r.postID
                            WHERE p.outlet = ?1 AND r.readAt IS NOT NULL)
                    """, arguments: [name])
            case .bookmarks:
                count = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM bookmark b JOIN post p ON p.id = b.postID
                    LEFT JOIN reading r ON r.postID = p.id WHERE r.readAt IS NULL
                    """)
            }
            return max(0, count ?? 0)
        }
    }

    /// The index post `id` has in the shelf's unread list, or would have were it unread (so
    /// a read post leads to the first unread one after it); nil when it is not on the shelf.
    public func unreadPosition(ofPost id: String, on shelf: Shelf) throws(LibraryError) -> Int? {
        try read { db in
            guard let post = try Row.fetchOne(db, sql: "SELECT seq, ordinal FROM post WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let seq: Int64 = post["seq"]
            let ordinal: Int64 = post["ordinal"]
            switch shelf {
            case .all:
                return try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM post p WHERE p.ordinal < ? AND \(Library.isUnread)
                    """, arguments: [ordinal])
            case .category, .tag, .author:
                let label = shelf.label!
                guard try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM label WHERE kind = ? AND name = ? AND post = ?)
                    """, arguments: [label.kind, label.name, seq]) == true else { return nil }
                return try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM label l JOIN post p ON p.seq = l.post
                    WHERE l.kind = ? AND l.name = ? AND l.ordinal < ? AND \(Library.isUnread)
                    """, arguments: [label.kind, label.name, ordinal])
            case .outlet(let name):
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM post WHERE seq = ? AND outlet = ?)",
                                        arguments: [seq, name]) == true else { return nil }
                return try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM post p WHERE p.outlet = ? AND p.ordinal < ? AND \(Library.isUnread)
                    """, arguments: [name, ordinal])
            case .bookmarks:
                guard let created = try Double.fetchOne(db, sql: "SELECT createdAt FROM bookmark WHERE postID = ?",
                                                        arguments: [id]) else { return nil }
                return try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM bookmark b JOIN post p ON p.id = b.postID
                    WHERE (b.createdAt > ?1 OR (b.createdAt = ?1 AND b.postID > ?2)) AND \(Library.isUnread)
                    """, arguments: [created, id])
            }
        }
    }

    /// The condition that post `p` has no read mark.
    static let isUnread = "NOT EXISTS (SELECT 1 FROM reading rm WHERE rm.postID = p.id AND rm.readAt IS NOT NULL)"
}
