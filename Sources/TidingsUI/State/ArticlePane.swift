import TidingsCore

/// What the article pane shows: the post it follows, the post once loaded, and the scroll.
///
/// Only the current article is kept: the pane follows the list selection, and moving on
/// replaces it (the library answers a single-post query in well under a frame).
public struct ArticlePane: Equatable, Sendable {
    /// Where the automatic mark-as-read stands for the post shown.
    public enum ReadTimer: Hashable, Sendable {
        /// Not started: the post is read already, or not shown yet.
        case idle
        /// `.startReadTimer` went out; its `.readTimerFired` marks the post read if it is
        /// still shown then.
        case running
        /// Nothing more to do for this showing (marked, or the reader marked it by hand).
        case done
    }

    /// The post the pane follows (asked for with `.loadArticle`); `nil` when nothing is selected
    /// or the selected row is not loaded yet.
    public internal(set) var id: String?
    /// The search query of the list the article was opened from: the renderer marks its matches.
    public internal(set) var query: SearchQuery?
    /// The post, once it has arrived; `nil` while loading.
    public internal(set) var article: Article?
    /// The scroll position, kept across resizes.
    public internal(set) var anchor: ArticleAnchor = .top
    /// The search match `n`/`N` last moved to (drawn in reverse), if any.
    public internal(set) var match: Int?
    public internal(set) var readTimer: ReadTimer = .idle
    /// The last layout of the article, kept across frames; not state (always equal).
    var layoutMemo = ArticleLayoutMemo()

    public init() {}

    /// The loaded article, if it is the one the pane follows.
    public var current: Article? {
        guard let article, article.id == id else { return nil }
        return article
    }
}
