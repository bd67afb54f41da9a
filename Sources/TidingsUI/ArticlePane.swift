/// What the article pane shows: the post it follows, the post once loaded, and the scroll.
///
/// Only the current article is kept: the pane follows the list selection, and moving on
/// replaces it (the library answers a single-post query in well under a frame).
public struct ArticlePane: Equatable, Sendable {
    /// The post the pane follows (asked for with `.loadArticle`); `nil` when nothing is selected
    /// or the selected row is not loaded yet.
    public internal(set) var id: String?
    /// The post, once it has arrived; `nil` while loading.
    public internal(set) var article: Article?
    /// The scroll position, kept across resizes.
    public internal(set) var anchor: ArticleAnchor = .top

    public init() {}

    /// The loaded article, if it is the one the pane follows.
    public var current: Article? {
        guard let article, article.id == id else { return nil }
        return article
    }
}
