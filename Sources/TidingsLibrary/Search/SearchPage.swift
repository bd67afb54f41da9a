import GRDB
import TidingsCore

/// How search results are ordered.
public enum SearchOrder: String, Hashable, Sendable, CaseIterable {
    /// Best match first: BM25 with titles weighing ten times the body. Ranking reads every
    /// match, so on a large library it is the slow order (see docs/search.md).
    case relevance
    /// Archive order, like the shelves: cheap at any size, what the browser paints first.
    case archive
}

/// One search result: what a headline list needs, plus where to mark matches.
public struct SearchRow: Hashable, Sendable {
    public var id: String
    public var title: String
    public var outlet: String?
    /// Relevance, higher is better (BM25 negated); nil in archive order.
    public var score: Double?
    /// Ranges of ``title`` to mark, in characters (see ``SearchHighlighter``).
    public var titleMatches: [Range<Int>]
    /// A piece of the body around the first match, when snippets were asked for.
    public var snippet: SearchSnippet?
    /// The post's marks, when the library keeps them (false otherwise).
    public var isBookmarked: Bool
    public var isUnread: Bool

    public init(id: String, title: String, outlet: String? = nil, score: Double? = nil, titleMatches: [Range<Int>] = [],
                snippet: SearchSnippet? = nil, isBookmarked: Bool = false, isUnread: Bool = false) {
        self.id = id
        self.title = title
        self.outlet = outlet
        self.score = score
        self.titleMatches = titleMatches
        self.snippet = snippet
        self.isBookmarked = isBookmarked
        self.isUnread = isUnread
    }
}

/// One page of search results with what the search line shows about the query.
public struct SearchPage: Hashable, Sendable {
    public var rows: [SearchRow]
    /// How many posts match in all, when it was counted (nil when `counting` was off).
    public var total: Int?
    /// The offset the page starts at.
    public var offset: Int
    /// The order the rows are in: a query with no words to rank (only filters or exclusions)
    /// comes back in archive order even when relevance was asked for.
    public var order: SearchOrder
    /// The query as understood, in the query language (``SearchQuery/understood``).
    public var understood: String
    /// Short notes for the search line: what the parser ignored or repaired, and names a
    /// filter found nothing for.
    public var hints: [String]

    public init(rows: [SearchRow], total: Int?, offset: Int, order: SearchOrder, understood: String, hints: [String]) {
        self.rows = rows
        self.total = total
        self.offset = offset
        self.order = order
        self.understood = understood
        self.hints = hints
    }
}

/// Why a search gave no page. Never a raw SQL message: each case reads as a short hint.
public enum SearchError: Error, Equatable, CustomStringConvertible {
    /// The search was cancelled (its task was, because a newer query superseded it); show
    /// nothing, keep the last results.
    case cancelled
    /// The index refused the query; keep the last results and show the hint.
    case unsearchable(String)
    /// The library itself failed (cannot read the file, disk errors).
    case library(LibraryError)

    init(_ error: any Error, path: String) {
        if let error = error as? SearchError {
            self = error
        } else if error is CancellationError {
            self = .cancelled
        } else if let error = error as? DatabaseError, error.isInterruptionError {
            self = .cancelled
        } else if let error = error as? DatabaseError, error.resultCode == .SQLITE_ERROR {
            // Queries are built so that the index never sees raw input; if one still fails,
            // the person gets a hint and keeps the last results, never the SQL message.
            self = .unsearchable("could not search for that: try other words")
        } else {
            self = .library(LibraryError(error, path: path))
        }
    }

    public var description: String {
        switch self {
        case .cancelled: return "search cancelled"
        case .unsearchable(let hint): return hint
        case .library(let error): return error.description
        }
    }
}
