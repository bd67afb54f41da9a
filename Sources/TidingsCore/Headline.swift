/// One row of a headline list: what the library reads for a shelf or a search and the
/// browser shows.
public struct Headline: Hashable, Sendable {
    /// The post's stable identity (what the article pane asks for).
    public var id: String
    public var title: String
    /// The news outlet the post quotes or links, when the archive names one.
    public var outlet: String?
    public var isBookmarked: Bool
    public var isUnread: Bool
    /// Publication day as `yyyy-MM-dd`, when the archive gives one (the list's date column).
    public var date: String?

    public init(
        id: String, title: String, outlet: String? = nil, isBookmarked: Bool = false, isUnread: Bool = false,
        date: String? = nil
    ) {
        self.id = id
        self.title = title
        self.outlet = outlet
        self.isBookmarked = isBookmarked
        self.isUnread = isUnread
        self.date = date
    }
}
