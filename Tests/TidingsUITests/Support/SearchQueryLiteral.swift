import TidingsCore

/// Lets tests write a query as the browser parses it from the search line: `"launch"` is
/// `SearchQuery("launch", typing: true)`.
extension SearchQuery: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        self.init(text, typing: true)
    }
}
