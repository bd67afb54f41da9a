import TidingsCore

@testable import TidingsUI

/// What the suites of the count bounded while typing share (docs/search.md, "Counting while
/// typing").
extension Harness {
    /// A session on 240 posts whose searches count up to 100, as the worker counts up to its bound.
    static func countingUpTo100(options: BrowserOptions = .standard) -> Harness {
        var library = Fixtures.library(count: 240)
        library.countBound = 100
        return Harness(library, options: options)
    }

    /// How many posts match `text` in all (the fake library's exact count).
    func exactCount(_ text: String) -> Int {
        library.rows(.all, query: SearchQuery(text, typing: true), order: .archive)?.count ?? 0
    }
}

extension [Effect] {
    /// The requests for an exact count among these effects.
    var countRequests: [Effect] { filter { if case .countMatches = $0 { true } else { false } } }
}
