import GRDB
import TidingsCore

extension Headline {
    /// A row of ``Library/headlineColumns``.
    init(_ row: Row) {
        self.init(id: row["id"], title: row["title"], outlet: row["outlet"],
                  isBookmarked: row["bookmarked"], isUnread: row["unread"])
    }
}

extension Library {
    /// The post count of every shelf: all posts, each category by name, the bookmarks.
    public func shelfCounts() throws(LibraryError) -> (all: Int, categories: [FacetCount], bookmarks: Int) {
        try read { db in
            // From the tallies the triggers keep: a few rows whatever the archive's size.
            let all = try Int.fetchOne(db, sql: "SELECT posts FROM tally WHERE kind = 'all' AND name = ''") ?? 0
            let categories = try Row.fetchAll(db, sql: """
                SELECT name, posts FROM tally WHERE kind = 'category' AND posts > 0 ORDER BY name
                """).map { FacetCount(name: $0["name"], count: $0["posts"]) }
            return (all, categories, try Library.bookmarkCount(in: db))
        }
    }

    /// One page of a shelf's headlines, read state and bookmark marks included; reads only the
    /// rows asked for. All and the categories are in archive order, the bookmarks most recently
    /// bookmarked first.
    ///
    /// The page is picked from an index alone in a subquery, and only its rows are joined with
    /// the posts and the marks: a deep OFFSET then skips index entries, not joins.
    public func headlines(on shelf: Shelf, offset: Int, limit: Int) throws(LibraryError) -> [Headline] {
        try read { db in
            let rows: [Row]
            switch shelf {
            case .all:
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(Library.headlineColumns)
                    FROM (SELECT seq, ordinal FROM post ORDER BY ordinal LIMIT ? OFFSET ?) page
                    JOIN post p ON p.seq = page.seq \(Library.markJoins) ORDER BY page.ordinal
                    """, arguments: [limit, offset])
            case .category(let name):
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(Library.headlineColumns)
                    FROM (SELECT post, ordinal FROM label WHERE kind = 'category' AND name = ?
                          ORDER BY ordinal LIMIT ? OFFSET ?) page
                    JOIN post p ON p.seq = page.post \(Library.markJoins) ORDER BY page.ordinal
                    """, arguments: [name, limit, offset])
            case .bookmarks:
                rows = try Row.fetchAll(db, sql: """
                    SELECT \(Library.headlineColumns)
                    FROM bookmark b JOIN post p ON p.id = b.postID LEFT JOIN reading r ON r.postID = p.id
                    ORDER BY b.createdAt DESC, b.postID DESC LIMIT ? OFFSET ?
                    """, arguments: [limit, offset])
            }
            return rows.map(Headline.init)
        }
    }

    /// A headline's columns from `post p`, `bookmark b` and `reading r`.
    static let headlineColumns = "p.id, p.title, p.outlet, b.postID IS NOT NULL AS bookmarked, r.readAt IS NULL AS unread"
    /// Joins a post `p` with its marks; they follow the stable id, not the rowid.
    static let markJoins = "LEFT JOIN bookmark b ON b.postID = p.id LEFT JOIN reading r ON r.postID = p.id"
}
