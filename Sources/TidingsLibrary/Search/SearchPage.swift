import GRDB
import TidingsCore

/// One search result: the post's headline (`row.title` reads through to it), its score and,
/// when asked for, a snippet. Where the query matches the title is for the caller to mark
/// (``SearchHighlighter``): the browser does so on its side, for whatever query it shows.
@dynamicMemberLookup
public struct SearchRow: Hashable, Sendable {
    public var headline: Headline
    /// Relevance, higher is better (BM25 negated); nil in archive order. A live ranking's
    /// score of a query of one positive group (a word, phrase or prefix, with or without
    /// exclusions), left uncounted, is BM25's times a factor the same for every row
    /// (docs/search.md, "Ranking while typing", rule 4).
    public var score: Double?
    /// A piece of the body around the first match, when snippets were asked for.
    public var snippet: SearchSnippet?

    public subscript<Value>(dynamicMember field: KeyPath<Headline, Value>) -> Value { headline[keyPath: field] }
}

/// One page of search results with what the search line shows about the query.
public struct SearchPage: Hashable, Sendable {
    public var rows: [SearchRow]
    /// How many posts match, when they were counted (nil when `counting` was off): exactly,
    /// or, for a count bounded while typing, only that there are more than the bound.
    public var count: MatchCount?
    /// How many posts match in all, when they were counted exactly; nil when `counting` was
    /// off or the count stopped at its bound (``count`` says so).
    public var total: Int? { count?.exact }
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
        self.count = total.map(MatchCount.exact)
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
