/// How search results are ordered; toggled with `toggle-order` (Ctrl-O).
public enum SearchOrder: Hashable, Sendable {
    /// Best matches first, as the library ranks them.
    case relevance
    /// The tab's own order, as if the matches were a filter over it.
    case archive

    /// The other order: what the toggle switches to.
    public var toggled: SearchOrder { self == .relevance ? .archive : .relevance }

    /// How the search line names it: `relevance`, `archive order`.
    public var name: String { self == .relevance ? "relevance" : "archive order" }
}
