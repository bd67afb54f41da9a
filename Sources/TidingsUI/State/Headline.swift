/// One row of a headline list, as the session loop hands it over from the library.
public struct Headline: Equatable, Sendable {
    /// The post's stable identity (what `.loadArticle(id:)` asks for).
    public var id: String
    public var title: String
    /// The news outlet the post quotes or links, when the archive names one.
    public var outlet: String?
    public var isBookmarked: Bool
    public var isUnread: Bool
    /// Words of the title matched by the list's search query, as `Character` offsets into
    /// `title` as given (the renderer maps them through ``Sanitizer`` itself); empty outside
    /// a search. Out-of-range or overlapping ranges are tolerated.
    public var titleHighlights: [Range<Int>]

    public init(
        id: String, title: String, outlet: String? = nil, isBookmarked: Bool = false, isUnread: Bool = false,
        titleHighlights: [Range<Int>] = []
    ) {
        self.id = id
        self.title = title
        self.outlet = outlet
        self.isBookmarked = isBookmarked
        self.isUnread = isUnread
        self.titleHighlights = titleHighlights
    }
}
