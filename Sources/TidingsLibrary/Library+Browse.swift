import GRDB
import TidingsCore

extension Headline {
    /// A row of ``Library/headlineColumns``.
    init(_ row: Row) {
        self.init(
            id: row["id"], title: row["title"], outlet: row["outlet"],
            isBookmarked: row["bookmarked"], isUnread: row["unread"], date: row["date"])
    }
}

extension Library {
    /// The post count of every shelf: all posts, each category by name, the bookmarks.
    public func shelfCounts() throws(LibraryError) -> (all: Int, categories: [FacetCount], bookmarks: Int) {
        try read { db in
            // From the tallies the triggers keep: a few rows whatever the archive's size.
            let all = try Int.fetchOne(db, sql: "SELECT posts FROM tally WHERE kind = 'all' AND name = ''") ?? 0
            let categories = try Row.fetchAll(
                db,
                sql: """
                    SELECT name, posts FROM tally WHERE kind = 'category' AND posts > 0 ORDER BY name
                    """
            ).map { FacetCount(name: $0["name"], count: $0["posts"]) }
            return (all, categories, try Library.bookmarkCount(in: db))
        }
    }

    /// How many posts are read, in all and per category. Read from the read marks, not the
    /// posts: the work grows with what the reader has read, not with the archive, so the tab
    /// bar's unread counts (count minus read) stay cheap on every reload of the tabs.
    public func readCounts() throws(LibraryError) -> (all: Int, categories: [String: Int]) {
        try read { db in
            let all =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM reading r JOIN post p ON p.id = r.postID WHERE r.readAt IS NOT NULL
                        """) ?? 0
            var categories: [String: Int] = [:]
            // CROSS JOIN keeps the read marks outermost: left to itself, SQLite walked every
            // category label of the archive (a second at a million posts, before the first frame).
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT l.name, COUNT(*) AS n FROM reading r CROSS JOIN post p ON p.id = r.postID
                    CROSS JOIN label l ON l.post = p.seq AND l.kind = 'category'
                    WHERE r.readAt IS NOT NULL GROUP BY l.name
                    """)
            {
                categories[row["name"]] = row["n"]
            }
            return (all, categories)
        }
    }

    /// One page of a shelf's headlines, read state and bookmark marks included; reads only the
    /// rows asked for. All and the categories are in archive order, the bookmarks most recently
    /// bookmarked first. With `unreadOnly`, only the posts with no read mark, in the same order
    /// (the browser's `U`): filtered in the query, so the browser pages through them as through
    /// any list.
    ///
    /// The page is picked from an index alone in a subquery, and only its rows are joined with
    /// the posts and the marks: a deep OFFSET then skips index entries, not joins (and, unread
    /// only, looks up one read mark per entry skipped).
    public func headlines(
        on shelf: Shelf, offset: Int, limit: Int, unreadOnly: Bool = false
    ) throws(LibraryError)
        -> [Headline]
    {
        let unread = unreadOnly ? "AND \(Library.isUnread)" : ""
        return try read { db in
            let rows: [Row]
            switch shelf {
            case .all:
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Library.headlineColumns)
                        FROM (SELECT p.seq, p.ordinal FROM post p WHERE 1 \(unread) ORDER BY p.ordinal LIMIT ? OFFSET ?) page
                        JOIN post p ON p.seq = page.seq \(Library.markJoins) ORDER BY page.ordinal
                        """, arguments: [limit, offset])
            case .category, .tag, .author:
                let label = shelf.label!
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Library.headlineColumns)
                        FROM (SELECT l.post, l.ordinal FROM label l \(unreadOnly ? "JOIN post p ON p.seq = l.post" : "")
                              WHERE l.kind = ? AND l.name = ? \(unread) ORDER BY l.ordinal LIMIT ? OFFSET ?) page
                        JOIN post p ON p.seq = page.post \(Library.markJoins) ORDER BY page.ordinal
                        """, arguments: [label.kind, label.name, limit, offset])
            case .outlet(let name):
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Library.headlineColumns)
                        FROM (SELECT p.seq, p.ordinal FROM post p WHERE p.outlet = ? \(unread)
                              ORDER BY p.ordinal LIMIT ? OFFSET ?) page
                        JOIN post p ON p.seq = page.seq \(Library.markJoins) ORDER BY page.ordinal
                        """, arguments: [name, limit, offset])
            case .bookmarks:
                rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Library.headlineColumns)
                        FROM bookmark b JOIN post p ON p.id = b.postID LEFT JOIN reading r ON r.postID = p.id
                        WHERE 1 \(unreadOnly ? "AND r.readAt IS NULL" : "")
                        ORDER BY b.createdAt DESC, b.postID DESC LIMIT ? OFFSET ?
                        """, arguments: [limit, offset])
            }
            return rows.map(Headline.init)
        }
    }

    /// The index of post `id` in the shelf's list (as ``headlines(on:offset:limit:unreadOnly:)``
    /// pages it), or nil when the post is not on the shelf: a count over the shelf's index.
    /// With `unreadOnly`, its index in the unread list, or the one it would have were it unread
    /// (so a read post leads to the first unread one after it).
    public func position(ofPost id: String, on shelf: Shelf, unreadOnly: Bool = false) throws(LibraryError) -> Int? {
        let unread = unreadOnly ? "AND \(Library.isUnread)" : ""
        return try read { db in
            guard let post = try Row.fetchOne(db, sql: "SELECT seq, ordinal FROM post WHERE id = ?", arguments: [id])
            else {
                return nil
            }
            let seq: Int64 = post["seq"]
            let ordinal: Int64 = post["ordinal"]
            switch shelf {
            case .all:
                return try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM post p WHERE p.ordinal < ? \(unread)",
                    arguments: [ordinal])
            case .category, .tag, .author:
                let label = shelf.label!
                guard
                    try Bool.fetchOne(
                        db,
                        sql: """
                            SELECT EXISTS (SELECT 1 FROM label WHERE kind = ? AND name = ? AND post = ?)
                            """, arguments: [label.kind, label.name, seq]) == true
                else { return nil }
                return try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM label l \(unreadOnly ? "JOIN post p ON p.seq = l.post" : "")
                        WHERE l.kind = ? AND l.name = ? AND l.ordinal < ? \(unread)
                        """, arguments: [label.kind, label.name, ordinal])
            case .outlet(let name):
                guard
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM post WHERE seq = ? AND outlet = ?)",
                        arguments: [seq, name]) == true
                else { return nil }
                return try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM post p WHERE p.outlet = ? AND p.ordinal < ? \(unread)",
                    arguments: [name, ordinal])
            case .bookmarks:
                guard
                    let created = try Double.fetchOne(
                        db, sql: "SELECT createdAt FROM bookmark WHERE postID = ?",
                        arguments: [id])
                else { return nil }
                return try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM bookmark b JOIN post p ON p.id = b.postID
                        WHERE (b.createdAt > ?1 OR (b.createdAt = ?1 AND b.postID > ?2)) \(unread)
                        """, arguments: [created, id])
            }
        }
    }

    /// A headline's columns from `post p`, `bookmark b` and `reading r`.
    static let headlineColumns =
        "p.id, p.title, p.outlet, p.date, b.postID IS NOT NULL AS bookmarked, r.readAt IS NULL AS unread"
    /// Joins a post `p` with its marks; they follow the stable id, not the rowid.
    static let markJoins = "LEFT JOIN bookmark b ON b.postID = p.id LEFT JOIN reading r ON r.postID = p.id"
}
