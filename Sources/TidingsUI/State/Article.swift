/// A whole post, loaded one at a time for the article pane.
public struct Article: Equatable, Sendable {
    public var id: String
    public var title: String
    public var categories: [String]
    public var authors: [String]
    /// The post's tags, shown as `#Tag` in the article's header as `tidings show` prints them.
    public var tags: [String]
    public var outlet: String?
    /// Publication day as `yyyy-MM-dd`, when the archive gives one.
    public var date: String?
    /// Body text, one element per paragraph, unwrapped.
    public var paragraphs: [String]
    public var isBookmarked: Bool
    public var isUnread: Bool
    /// Where the reader left this article, as last saved with `.saveReadingPosition`; the pane
    /// opens there. Blocks count as in ``ArticleAnchor``: 0 is the heading, `n` the `n`th
    /// paragraph that is not blank.
    public var savedPosition: ArticleAnchor?

    public init(
        id: String, title: String, categories: [String] = [], authors: [String] = [], tags: [String] = [],
        outlet: String? = nil, date: String? = nil, paragraphs: [String] = [],
        isBookmarked: Bool = false, isUnread: Bool = false, savedPosition: ArticleAnchor? = nil
    ) {
        self.id = id
        self.title = title
        self.categories = categories
        self.authors = authors
        self.tags = tags
        self.outlet = outlet
        self.date = date
        self.paragraphs = paragraphs
        self.isBookmarked = isBookmarked
        self.isUnread = isUnread
        self.savedPosition = savedPosition
    }
}
