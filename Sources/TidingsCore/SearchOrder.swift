/// How search results are ordered: what the library ranks by, the browser's `toggle-order`
/// (Ctrl-O) and the CLI's `--order`.
public enum SearchOrder: String, Hashable, Sendable, CaseIterable {
    /// Best match first: BM25 with titles weighing ten times the body. Ranking reads every
    /// match, so on a large library it is the slow order (see docs/search.md).
    case relevance
    /// Archive order, like the shelves: cheap at any size, what the browser paints first.
    case archive

    /// The other order: what the toggle switches to.
    public var toggled: SearchOrder { self == .relevance ? .archive : .relevance }

    /// How the search line names it: `relevance`, `archive order`.
    public var name: String { self == .relevance ? "relevance" : "archive order" }
}
