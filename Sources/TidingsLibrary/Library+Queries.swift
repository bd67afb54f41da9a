import Foundation
import GRDB
import TidingsCore

extension Library {
    /// Posts in archive order, filtered, with all their labels.
    public func posts(
        matching filter: PostFilter = PostFilter(), limit: Int? = nil, offset: Int = 0
    ) throws(LibraryError) -> [Post] {
        try read { db in
            let (condition, arguments) = filter.sql
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.* FROM post p WHERE \(condition) ORDER BY p.ordinal LIMIT ? OFFSET ?
                    """, arguments: StatementArguments(arguments) + [limit ?? -1, offset])
            return try Library.assemble(rows, in: db)
        }
    }

    /// Whether the library holds any post: one row looked at, where counting them all walks
    /// an index of the whole archive (the browser asks before its first frame).
    public func hasPosts() throws(LibraryError) -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM post)") ?? false }
    }

    /// How many posts match `filter`.
    public func count(matching filter: PostFilter = PostFilter()) throws(LibraryError) -> Int {
        try read { db in
            let (condition, arguments) = filter.sql
            return try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM post p WHERE \(condition)",
                arguments: StatementArguments(arguments)) ?? 0
        }
    }

    /// The post whose id is `id`, or starts with it (at least four characters, like git).
    public func post(id: String) throws(LibraryError) -> Post {
        let wanted = id.lowercased()
        guard wanted.count >= 4 else {
            throw LibraryError.notFound("post id “\(id)” is too short: give at least 4 characters")
        }
        return try read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM post WHERE id >= ? AND id < ? ORDER BY id LIMIT 5",
                arguments: [wanted, wanted + "~"])
            if rows.isEmpty { throw LibraryError.notFound("no post with id “\(VisibleText.escaped(id))”") }
            if rows.count > 1, let exact = rows.first(where: { ($0["id"] as String) == wanted }) {
                return try Library.assemble([exact], in: db)[0]
            }
            if rows.count > 1 {
                let ids = rows.map { $0["id"] as String }.joined(separator: ", ")
                throw LibraryError.ambiguous("post id “\(id)” is ambiguous: \(ids)")
            }
            return try Library.assemble(rows, in: db)[0]
        }
    }

    /// Names of one facet with their post counts, most posts first.
    public func counts(by facet: Facet) throws(LibraryError) -> [FacetCount] {
        try read { db in
            let sql =
                facet == .outlet
                ? "SELECT outlet AS name, COUNT(*) AS n FROM post WHERE outlet IS NOT NULL GROUP BY outlet"
                : "SELECT name, posts AS n FROM tally WHERE kind = ? AND posts > 0"
            let arguments: StatementArguments = facet == .outlet ? [] : [facet.rawValue]
            return try Row.fetchAll(db, sql: sql + " ORDER BY n DESC, name", arguments: arguments).map {
                FacetCount(name: $0["name"], count: $0["n"])
            }
        }
    }

    /// Figures about the whole library.
    public func statistics() throws(LibraryError) -> LibraryStatistics {
        let stats = try read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM post) AS posts,
                           (SELECT COUNT(*) FROM source) AS sources,
                           (SELECT COUNT(DISTINCT name) FROM label WHERE kind = 'category') AS categories,
                           (SELECT COUNT(DISTINCT name) FROM label WHERE kind = 'tag') AS tags,
                           (SELECT COUNT(DISTINCT name) FROM label WHERE kind = 'author') AS authors,
                           (SELECT COUNT(DISTINCT outlet) FROM post) AS outlets,
                           (SELECT COUNT(date) FROM post) AS dated,
                           (SELECT MIN(date) FROM post) AS firstDate,
                           (SELECT MAX(date) FROM post) AS lastDate,
                           (SELECT COUNT(*) FROM post p WHERE NOT EXISTS
                               (SELECT 1 FROM reading r WHERE r.postID = p.id AND r.readAt IS NOT NULL)) AS unread,
                           (SELECT COUNT(*) FROM bookmark b JOIN post p ON p.id = b.postID) AS bookmarks
                    """)!
            return LibraryStatistics(
                posts: row["posts"], sources: row["sources"], categories: row["categories"], tags: row["tags"],
                authors: row["authors"], outlets: row["outlets"], datedPosts: row["dated"],
                firstDate: row["firstDate"], lastDate: row["lastDate"], fileBytes: 0, unread: row["unread"],
                bookmarks: row["bookmarks"])
        }
        var result = stats
        for suffix in ["", "-wal"] {
            let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? NSNumber)?
                .int64Value
            result.fileBytes += size ?? 0
        }
        return result
    }

    /// Turns post rows into posts, fetching their labels in a few queries.
    static func assemble(_ rows: [Row], in db: Database) throws -> [Post] {
        var labels: [Int64: [PostLabel]] = [:]
        let seqs: [Int64] = rows.map { $0["seq"] }
        for chunk in stride(from: 0, to: seqs.count, by: 500) {
            let part = Array(seqs[chunk..<min(chunk + 500, seqs.count)])
            let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
            for row in try Row.fetchAll(
                db, sql: "SELECT post, kind, name FROM label WHERE post IN (\(marks))",
                arguments: StatementArguments(part))
            {
                guard let kind = PostLabel.Kind(rawValue: row["kind"]) else { continue }
                labels[row["post"], default: []].append(PostLabel(kind, row["name"]))
            }
        }
        return rows.map { row in
            let own = (labels[row["seq"]] ?? []).sorted()
            let body: String = row["body"]
            return Post(
                id: row["id"], title: row["title"],
                paragraphs: body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                outlet: row["outlet"], date: (row["date"] as String?).flatMap(PostDate.init(iso:)),
                categories: own.filter { $0.kind == .category }.map(\.name),
                tags: own.filter { $0.kind == .tag }.map(\.name),
                authors: own.filter { $0.kind == .author }.map(\.name), url: row["url"])
        }
    }
}
