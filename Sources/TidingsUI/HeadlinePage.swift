/// A window of a tab's headline list: the list is never loaded whole (100,000+ posts).
///
/// Answers one `.loadHeadlines(tab:offset:limit:)` effect: `rows` start at `offset` in the
/// tab's order, and `total` is the tab's full length at the time of the query.
public struct HeadlinePage: Equatable, Sendable {
    public var tab: TabKind
    public var offset: Int
    public var total: Int
    public var rows: [Headline]

    public init(tab: TabKind, offset: Int, total: Int, rows: [Headline]) {
        self.tab = tab
        self.offset = offset
        self.total = total
        self.rows = rows
    }
}
