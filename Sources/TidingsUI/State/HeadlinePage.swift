import TidingsCore

/// A window of a headline list: the list is never loaded whole (100,000+ posts).
///
/// Answers one `.loadHeadlines` effect and echoes its `tab`, `query`, `order` and `generation`,
/// so that the reducer can tell which list it belongs to and drop an answer that was
/// superseded. `rows` start at `offset` in the list's order, and `total` is the list's full
/// length at the time of the query (for a search, the number of matches that can be paged).
public struct HeadlinePage: Equatable, Sendable {
    public var tab: Shelf
    public var offset: Int
    public var total: Int
    /// False when `total` is only a lower bound: a search counted while typing stopped at its
    /// bound and more posts match (docs/search.md, "Counting while typing"). The list pages no
    /// further than `total` until the exact figure arrives (`.matchesCounted`).
    public var totalIsExact: Bool
    public var rows: [Headline]
    /// The search query this page answers, `nil` for the tab's whole list.
    public var query: SearchQuery?
    public var order: SearchOrder
    /// The `generation` of the request; an answer whose generation the list no longer waits
    /// for is stale and dropped.
    public var generation: Int
    /// For a search: how the search line states the matches (`2 matches`, `1,000+ matches`);
    /// when `nil` the count is made from `total`.
    public var summary: String?
    /// For a search: what the query was understood as, when that is not obvious (`unbalanced
    /// quote closed`), or why nothing could be searched (`nothing understood yet`).
    public var hint: String?
    /// For a search: the query could not be run at all (no usable word, syntax the library
    /// rejected). The rows are ignored, the last good results stay on screen, and `hint` is shown.
    public var failed: Bool
    /// An early answer that another page for the same request will replace: ranking every
    /// match of a common word takes a few hundred milliseconds, so a relevance search first
    /// answers with the matches in archive order (cheap at any size), then with the ranked
    /// page, unless the next keystroke supersedes it first.
    public var isProvisional: Bool
    /// The request was for the tab's unread posts only; `total` is then their number.
    public var unreadOnly: Bool
    /// A relevance request answered in archive order: the live ranking declined (the hint
    /// says why), so the search line must not call the results ranked.
    public var isUnranked: Bool

    public init(
        tab: Shelf, offset: Int, total: Int, rows: [Headline],
        query: SearchQuery? = nil, order: SearchOrder = .archive, generation: Int = 0,
        summary: String? = nil, hint: String? = nil, failed: Bool = false, isProvisional: Bool = false,
        unreadOnly: Bool = false, isUnranked: Bool = false, totalIsExact: Bool = true
    ) {
        self.totalIsExact = totalIsExact
        self.unreadOnly = unreadOnly
        self.isUnranked = isUnranked
        self.tab = tab
        self.offset = offset
        self.total = total
        self.rows = rows
        self.query = query
        self.order = order
        self.generation = generation
        self.summary = summary
        self.hint = hint
        self.failed = failed
        self.isProvisional = isProvisional
    }
}
