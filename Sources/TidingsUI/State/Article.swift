/// A whole post, loaded one at a time for the article pane.
public struct Article: Equatable, Sendable {
    public var id: String
    public var title: String
    public var categories: [String]
    public var authors: [String]
    public var outlet: String?
    /// Publication day as `yyyy-MM-dd`, when the archive gives one.
    public var date: String?
    /// Body text, one element per paragraph, unwrapped.
    public var paragraphs: [String]
    public var isBookmarked: Bool
    public var isUnread: Bool
    /// Words of the title matched by the query of `.loadArticle(id:query:)`, as `Character`
    /// offsets into `title` as given; empty without a query.
    public var titleHighlights: [Range<Int>]
    /// The same for the body: element `i` holds the matches in `paragraphs[i]` (missing
    /// elements mean none). `n` and `N` jump between these and the title's.
    public var paragraphHighlights: [[Range<Int>]]
    /// Where the reader left this article, as last saved with `.saveReadingPosition`; the pane
    /// opens there. Blocks count as in ``ArticleAnchor``: 0 is the heading, `n` the `n`th
    /// paragraph that is not blank.
    public var savedPosition: ArticleAnchor?

    public init(
        id: String, title: String, categories: [String] = [], authors: [String] = [],
        outlet: String? = nil, date: String? = nil, paragraphs: [String] = [],
        isBookmarked: Bool = false, isUnread: Bool = false,
        titleHighlights: [Range<Int>] = [], paragraphHighlights: [[Range<Int>]] = [],
        savedPosition: ArticleAnchor? = nil
    ) {
        self.id = id
        self.title = title
        self.categories = categories
        self.authors = authors
        self.outlet = outlet
        self.date = date
        self.paragraphs = paragraphs
        self.isBookmarked = isBookmarked
        self.isUnread = isUnread
        self.titleHighlights = titleHighlights
        self.paragraphHighlights = paragraphHighlights
        self.savedPosition = savedPosition
    }
}
