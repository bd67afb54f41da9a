import Foundation

extension BookmarkDocument {
    /// One bookmark; every field is written, `null` where unknown.
    public struct Entry: Codable, Sendable {
        public var id: String
        public var title: String?
        public var outlet: String?
        public var categories: [String]
        public var date: String?
        public var bookmarkedAt: String
        /// Whether the library holds the post: written by `bookmarks list --json` only, which
        /// prints entries one per line; documents leave it out.
        public var inLibrary: Bool?

        enum CodingKeys: String, CodingKey {
            case id, title, outlet, categories, date, bookmarkedAt, inLibrary
        }

        /// The entry for `bookmark`; with `withPresence`, saying whether the library holds it.
        public init(_ bookmark: Bookmark, withPresence: Bool = false) {
            id = bookmark.postID
            title = bookmark.title
            outlet = bookmark.outlet
            categories = bookmark.categories
            date = bookmark.date
            bookmarkedAt = BookmarkDocument.timestamp(bookmark.bookmarkedAt)
            inLibrary = withPresence ? bookmark.isInLibrary : nil
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            outlet = try container.decodeIfPresent(String.self, forKey: .outlet)
            categories = try container.decodeIfPresent([String].self, forKey: .categories) ?? []
            date = try container.decodeIfPresent(String.self, forKey: .date)
            bookmarkedAt = try container.decode(String.self, forKey: .bookmarkedAt)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(outlet, forKey: .outlet)
            try container.encode(categories, forKey: .categories)
            try container.encode(date, forKey: .date)
            try container.encode(bookmarkedAt, forKey: .bookmarkedAt)
            try container.encodeIfPresent(inLibrary, forKey: .inLibrary)
        }

        /// The bookmark to restore, or nil when the id or the time is not one Tidings writes.
        public var bookmark: Bookmark? {
            let id = id.lowercased()
            guard Library.isPostID(id), let time = BookmarkDocument.date(bookmarkedAt) else { return nil }
            return Bookmark(
                postID: id, bookmarkedAt: time, title: title, outlet: outlet,
                categories: categories, date: date, isInLibrary: false)
        }
    }
}
