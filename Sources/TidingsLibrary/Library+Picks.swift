import GRDB
import TidingsCore

/// A shelf the browser's picker (`t`) offers, with its post and unread counts.
public struct ShelfCount: Hashable, Sendable {
    public var shelf: Shelf
    public var count: Int
    public var unread: Int

    public init(shelf: Shelf, count: Int, unread: Int) {
        self.shelf = shelf
        self.count = count
        self.unread = unread
    }
}

/// The shelves beyond the tab bar: every tag, author and outlet, for the browser's picker.
extension Library {
    /// Every tag, author and outlet with its post count and unread count: tags, then authors,
    /// then outlets, each by name. The counts come from the tallies (tags, authors) and the
    /// outlet index; the read posts are counted from the read marks, as ``readCounts()`` does.
    public func pickableShelves() throws(LibraryError) -> [ShelfCount] {
        try read { db in
            var read: [String: Int] = [:]
            // CROSS JOIN keeps the read marks outermost, as in ``readCounts()``: SQLite's own
            // choice walked every label or post of the archive.
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT l.kind, l.name, COUNT(*) AS n FROM reading r CROSS JOIN post p ON p.id = r.postID
                    CROSS JOIN label l ON l.post = p.seq AND l.kind IN ('tag', 'author')
                    WHERE r.readAt IS NOT NULL GROUP BY l.kind, l.name
                    """)
            {
                read[(row["kind"] as String) + "\u{0}" + (row["name"] as String)] = row["n"]
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT p.outlet AS name, COUNT(*) AS n FROM reading r CROSS JOIN post p ON p.id = r.postID
                    WHERE r.readAt IS NOT NULL AND p.outlet IS NOT NULL GROUP BY p.outlet
                    """)
            {
                read["outlet\u{0}" + (row["name"] as String)] = row["n"]
            }
            var shelves: [ShelfCount] = []
            for kind in ["tag", "author"] {
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT name, posts FROM tally WHERE kind = ? AND posts > 0 ORDER BY name
                        """, arguments: [kind])
                {
                    let name: String = row["name"]
                    let count: Int = row["posts"]
                    let shelf: Shelf = kind == "tag" ? .tag(name) : .author(name)
                    shelves.append(
                        ShelfCount(
                            shelf: shelf, count: count,
                            unread: max(0, count - (read[kind + "\u{0}" + name] ?? 0))))
                }
            }
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT outlet AS name, COUNT(*) AS n FROM post WHERE outlet IS NOT NULL AND outlet <> ''
                    GROUP BY outlet ORDER BY outlet
                    """)
            {
                let name: String = row["name"]
                let count: Int = row["n"]
                shelves.append(
                    ShelfCount(
                        shelf: .outlet(name), count: count,
                        unread: max(0, count - (read["outlet\u{0}" + name] ?? 0))))
            }
            return shelves
        }
    }

    /// The post and unread counts of one shelf (for a picked tab whose counts may have changed).
    public func shelfCount(_ shelf: Shelf) throws(LibraryError) -> ShelfCount {
        let count: Int = try read { db in
            switch shelf {
            case .all:
                return try Int.fetchOne(db, sql: "SELECT posts FROM tally WHERE kind = 'all' AND name = ''") ?? 0
            case .category, .tag, .author:
                let label = shelf.label!
                return try Int.fetchOne(
                    db, sql: "SELECT posts FROM tally WHERE kind = ? AND name = ?",
                    arguments: [label.kind, label.name]) ?? 0
            case .outlet(let name):
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post WHERE outlet = ?", arguments: [name]) ?? 0
            case .bookmarks:
                return try Library.bookmarkCount(in: db)
            }
        }
        return ShelfCount(shelf: shelf, count: count, unread: try unreadCount(on: shelf))
    }
}
