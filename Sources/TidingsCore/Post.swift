/// A news post as Tidings stores it: one story, whatever pages it appeared on.
///
/// The same story found on a category page and on its author's page is one `Post` whose
/// labels are the union of both pages' labels; ``id`` is derived from the story's content
/// (see ``PostIdentity``), so it is the same on every machine and after every re-import.
public struct Post: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var paragraphs: [String]
    public var outlet: String?
    public var date: PostDate?
    public var categories: [String]
    public var tags: [String]
    public var authors: [String]
    /// The story's own address on the web (its permalink), when it came from a page or feed
    /// that gave one; text archives have none.
    public var url: String?

    public init(
        id: String, title: String, paragraphs: [String], outlet: String?, date: PostDate?,
        categories: [String] = [], tags: [String] = [], authors: [String] = [], url: String? = nil
    ) {
        self.id = id
        self.title = title
        self.paragraphs = paragraphs
        self.outlet = outlet
        self.date = date
        self.categories = categories
        self.tags = tags
        self.authors = authors
        self.url = url
    }
}

/// A label a page gives its posts, such as a category or an author.
public struct PostLabel: Hashable, Sendable, Codable, Comparable {
    /// What kind of label it is; the raw value is stored in the library.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        case category, tag, author
    }

    public var kind: Kind
    public var name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    public static func < (lhs: PostLabel, rhs: PostLabel) -> Bool {
        (lhs.kind.rawValue, lhs.name) < (rhs.kind.rawValue, rhs.name)
    }
}
