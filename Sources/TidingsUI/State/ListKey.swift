import TidingsCore

/// Which headline list is meant: a tab, narrowed by a search query or not.
///
/// Every `.loadHeadlines` request and every ``HeadlinePage`` carries the parts of a key, and a
/// ``HeadlineList`` knows its own, so an answer is only ever stored in the list it was asked for.
public struct ListKey: Hashable, Sendable {
    public var tab: Shelf
    /// The search query (parsed from the trimmed search line, never empty), or `nil` for the
    /// tab's whole list.
    public var query: SearchQuery?
    /// The order of search results; `.archive` for an unfiltered list, where it means nothing.
    public var order: SearchOrder
    /// Only the tab's unread posts (`U`), as the library lists them: a query filter, so the
    /// list's length and its pages come from the library, never from hiding loaded rows.
    public var unreadOnly: Bool

    public init(tab: Shelf, query: SearchQuery? = nil, order: SearchOrder = .archive, unreadOnly: Bool = false) {
        self.tab = tab
        self.query = query
        self.order = order
        self.unreadOnly = unreadOnly
    }
}
