/// Which posts a listing shows: every set field must match (names compare without case).
public struct PostFilter: Hashable, Sendable {
    public var category: String?
    public var tag: String?
    public var author: String?
    public var outlet: String?
    /// Only posts not read yet.
    public var unread = false
    /// Only bookmarked posts.
    public var bookmarked = false
    /// Only posts dated on or after this day (`yyyy-MM-dd`); undated posts are left out.
    public var since: String?

    public init(
        category: String? = nil, tag: String? = nil, author: String? = nil, outlet: String? = nil,
        unread: Bool = false, bookmarked: Bool = false, since: String? = nil
    ) {
        self.category = category
        self.tag = tag
        self.author = author
        self.outlet = outlet
        self.unread = unread
        self.bookmarked = bookmarked
        self.since = since
    }

    /// The SQL condition on `post` aliased `p`, with its arguments.
    var sql: (condition: String, arguments: [String]) {
        var conditions: [String] = []
        var arguments: [String] = []
        for (kind, value) in [("category", category), ("tag", tag), ("author", author)] {
            guard let value else { continue }
            conditions.append(
                "EXISTS (SELECT 1 FROM label l WHERE l.post = p.seq AND l.kind = '\(kind)' AND l.name = ? COLLATE NOCASE)"
            )
            arguments.append(value)
        }
        if let outlet {
            conditions.append("p.outlet = ? COLLATE NOCASE")
            arguments.append(outlet)
        }
        if unread {
            conditions.append("NOT EXISTS (SELECT 1 FROM reading r WHERE r.postID = p.id AND r.readAt IS NOT NULL)")
        }
        if bookmarked { conditions.append("EXISTS (SELECT 1 FROM bookmark b WHERE b.postID = p.id)") }
        if let since {
            conditions.append("p.date >= ?")
            arguments.append(since)
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments)
    }
}

/// What a listing of label counts groups by.
public enum Facet: String, CaseIterable, Sendable {
    case category, tag, author, outlet
}

/// A name with the number of posts carrying it.
public struct FacetCount: Hashable, Sendable, Codable {
    public var name: String
    public var count: Int
}

/// Figures about the whole library, for `tidings stats`.
public struct LibraryStatistics: Hashable, Sendable, Codable {
    public var posts: Int
    public var sources: Int
    public var categories: Int
    public var tags: Int
    public var authors: Int
    public var outlets: Int
    public var datedPosts: Int
    public var firstDate: String?
    public var lastDate: String?
    public var fileBytes: Int64
    /// Posts not read yet.
    public var unread = 0
    /// Bookmarks whose posts are in the library.
    public var bookmarks = 0
}
