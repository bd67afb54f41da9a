import GRDB
import TidingsCore

/// A list the browser pages through: every post, one category, or the bookmarks.
public enum Shelf: Hashable, Sendable {
    case all
    case category(String)
    case bookmarks
}

/// The little the headline list needs of a post.
public struct HeadlineRow: Hashable, Sendable {
    public var id: String
    public var title: String
    public var outlet: String?
}

extension Library {
    /// The post count of every shelf: all posts, then each category by name.
    public func shelfCounts() throws(LibraryError) -> (all: Int, categories: [FacetCount]) {
        try read { db in
            let all = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post") ?? 0
            let categories = try Row.fetchAll(db, sql: """
                SELECT name, COUNT(*) AS n FROM label WHERE kind = 'category' GROUP BY name ORDER BY name
                """).map { FacetCount(name: $0["name"], count: $0["n"]) }
            return (all, categories)
        }
    }

    /// One page of a shelf's headlines in archive order; reads only the rows asked for.
    public func headlines(on shelf: Shelf, offset: Int, limit: Int) throws(LibraryError) -> [HeadlineRow] {
        try read { db in
            let rows: [Row]
            switch shelf {
            case .all:
                rows = try Row.fetchAll(db, sql: "SELECT id, title, outlet FROM post ORDER BY ordinal LIMIT ? OFFSET ?",
                                        arguments: [limit, offset])
            case .category(let name):
                rows = try Row.fetchAll(db, sql: """
                    SELECT p.id, p.title, p.outlet FROM label l JOIN post p ON p.seq = l.post
                    WHERE l.kind = 'category' AND l.name = ? ORDER BY l.ordinal LIMIT ? OFFSET ?
                    """, arguments: [name, limit, offset])
            case .bookmarks:
                rows = []
            }
            return rows.map { HeadlineRow(id: $0["id"], title: $0["title"], outlet: $0["outlet"]) }
        }
    }
}
