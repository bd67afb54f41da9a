import TidingsCore

/// A search in one tab: the search line, the results on screen and the query under way.
///
/// Typing never waits: each change of the query asks for its first page under a new
/// generation while the last good results stay on screen (``results``); the newest answer
/// replaces them when it arrives, and answers to superseded queries are dropped. A query the
/// library cannot run leaves the results alone and shows its hint.
public struct SearchState: Equatable, Sendable {
    public internal(set) var line: SearchLine {
        didSet { if line.query != oldValue.query { query = line.query.map { SearchQuery($0, typing: true) } } }
    }
    /// The line's query, parsed once per change of its text (the last word as a prefix).
    public private(set) var query: SearchQuery?
    /// Whether the search line has the keys (after `/`), or the filter is kept while browsing
    /// its results (after Enter).
    public internal(set) var isEditing: Bool
    /// The order asked for (the results on screen may still be in the other one).
    public internal(set) var order: SearchOrder
    /// The last good results, on screen; `nil` until a query has answered, and then the tab's
    /// whole list shows.
    public internal(set) var results: HeadlineList?
    /// How the search line states the results' matches, when the library said.
    public internal(set) var summary: String?
    /// What the results' query was understood as, when the library said.
    public internal(set) var resultsHint: String?
    /// Whether the results on screen answer a relevance request in archive order (the live
    /// ranking declined it).
    public internal(set) var resultsUnranked = false
    /// The newest query, waiting for its first page.
    public internal(set) var pending: HeadlineList?
    /// The newest query, when it could not be run, and why.
    public internal(set) var failedKey: ListKey?
    public internal(set) var failureHint: String?
    /// The generation of the results whose exact count was asked for (`.countMatches`), so it
    /// is asked once per list.
    public internal(set) var countAsked: Int?
    /// The generation of the results whose exact count failed: not asked again for them (the
    /// bound stays and says so), so a failing count cannot loop.
    public internal(set) var countFailed: Int?
    /// A row beyond the rows known while the count is a bound (End: `Int.max`; the next unread
    /// match found past them): the selection moves there once the exact count arrives, and
    /// any other move forgets it.
    public internal(set) var wantedRow: Int?
    /// The last result the reader opened (the story pane had the keys on it): clearing the
    /// search selects it in the tab's whole list, so Esc keeps what was found.
    public internal(set) var opened: String?

    public init(line: SearchLine = SearchLine(), order: SearchOrder, isEditing: Bool = true) {
        self.line = line
        query = line.query.map { SearchQuery($0, typing: true) }
        self.order = order
        self.isEditing = isEditing
    }

    /// The list the line asks for now, `nil` while it holds no word.
    func wantedKey(tab: Shelf) -> ListKey? {
        query.map { ListKey(tab: tab, query: $0, order: order) }
    }

    /// The list last asked for: under way, failed, or on screen.
    var askedKey: ListKey? { pending?.key ?? failedKey ?? results?.key }

    /// The hint to show: the failure's while the newest query is one that failed.
    public var hint: String? { failedKey != nil ? failureHint : resultsHint }

    /// Whether the query on screen failed (the results shown are older).
    public var hasFailed: Bool { failedKey != nil }

    /// The order the results are really in: a query of filters only (`author:`, `outlet:` …)
    /// has nothing to rank, so the library lists it in archive order whatever was asked, and
    /// so are results the live ranking declined.
    public var shownOrder: SearchOrder {
        if resultsUnranked, failedKey == nil { return .archive }
        guard let query = line.query, !SearchQuery(query, typing: true).hasPositiveTerms else { return order }
        return .archive
    }

    /// Asks for `wanted` if it is not what was last asked for. Returns the effects: the first
    /// page of a new query, or `.cancelSearch` when a query under way is no longer wanted.
    mutating func ask(for wanted: ListKey?, generation: () -> Int) -> [Effect] {
        guard wanted != askedKey else { return [] }
        let cancelled = pending != nil
        pending = nil
        failedKey = nil
        failureHint = nil
        if let wanted, wanted != results?.key {
            var list = HeadlineList(key: wanted, generation: generation())
            list.pending.insert(0)
            pending = list
            // A newer request stops every older job in the worker, a count under way too.
            countAsked = nil
            // The new request supersedes the old one: the session cancels it by generation.
            return [list.request(offset: 0)]
        }
        if wanted == nil {
            // No word left: the tab's whole list shows again, as before the search.
            results = nil
            summary = nil
            resultsHint = nil
            resultsUnranked = false
        }
        return cancelled ? [.cancelSearch] : []
    }

    /// Drops the query under way (its tab is no longer shown); it is asked again on return.
    /// Returns whether there was one.
    mutating func dropPending() -> Bool {
        results?.dropPending()
        guard pending != nil else { return false }
        pending = nil
        return true
    }

    /// Takes an answered page if it belongs to the newest query or to the results on screen;
    /// returns false for a stale one.
    mutating func accept(_ page: HeadlinePage) -> Bool {
        if var list = pending, page.generation == list.generation {
            guard !page.failed else {
                failedKey = list.key
                failureHint = page.hint ?? "nothing understood yet"
                pending = nil
                return true
            }
            guard list.accept(page) else { return false }
            results = list
            wantedRow = nil
            summary = page.summary
            resultsHint = page.hint
            resultsUnranked = page.isUnranked
            pending = nil
            return true
        }
        guard var list = results, !page.failed, list.accept(page) else { return false }
        if page.offset == 0, page.summary != nil || page.hint != nil {
            // A reload's first page: the matches may have changed.
            summary = page.summary
            resultsHint = page.hint
        }
        if page.offset == 0 { resultsUnranked = page.isUnranked }
        results = list
        return true
    }

    /// Whether the results on screen need their exact count now: only a bound is known (or the
    /// figure counted before a reload), it was not asked for this generation yet nor failed,
    /// no newer query is under way, and the person needs the figure: the search line was left
    /// for the results (Enter; a figure counted before a reload is still good for that), a
    /// row beyond the known ones is wanted (End), or the selection reached the last known row.
    var needsExactCount: Bool {
        guard let results, !results.endIsKnown, let total = results.total, pending == nil,
            countAsked != results.generation, countFailed != results.generation, results.key.query != nil
        else { return false }
        if wantedRow != nil || results.selection >= total - 1 { return true }
        return !isEditing && !results.totalIsExact
    }

    /// Takes the failure of the count asked for `generation`; returns false when it was not
    /// the one under way (results superseded, or reloaded since).
    mutating func acceptCountFailure(generation: Int) -> Bool {
        guard countAsked == generation, results?.generation == generation else { return false }
        countAsked = nil
        countFailed = generation
        return true
    }

    /// Takes an exact count if it answers the results on screen; returns false for a stale one.
    mutating func acceptCount(query: SearchQuery, generation: Int, total: Int) -> Bool {
        guard var list = results, list.key.query == query, list.acceptCount(total, generation: generation) else {
            return false
        }
        results = list
        countAsked = nil
        return true
    }

    /// Applies `change` to every loaded row of post `id`, on screen or under way.
    mutating func updateRows(id: String, _ change: (inout Headline) -> Void) {
        results?.updateRows(id: id, change)
        pending?.updateRows(id: id, change)
    }
}
