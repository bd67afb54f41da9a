import GRDB
import TidingsCore

extension Library {
    /// One page of the posts on `shelf` that match `query`.
    ///
    /// Two orders for two stages of live search (docs/search.md): `.archive` is cheap at any
    /// library size and is what a browser paints on each keystroke; `.relevance` ranks every
    /// match (BM25, titles ×10) and can take a few hundred milliseconds on a large library
    /// for a very common word, so a browser runs it with the `async` variant and cancels it
    /// when the next keystroke arrives. A query with no word to rank comes back in archive
    /// order; an empty query lists the whole shelf.
    ///
    /// - Parameters:
    ///   - counting: also count every match (``SearchPage/count``); a relevance stage that
    ///     follows an archive stage for the same query can skip it.
    ///   - countBound: count only up to this many: past it the count stops and says
    ///     ``MatchCount/moreThan(_:)`` (the browser while typing, ``RankingScope/typingBound``);
    ///     nil counts exactly (`tidings search`).
    ///   - snippets: give each row a ``SearchSnippet`` of its body (reads the bodies).
    ///   - ranking: how many matches a relevance page ranks: every one (`tidings search`),
    ///     or what fits a keystroke (``RankingScope/typing``, the browser).
    /// - Throws: ``SearchError/unsearchable(_:)`` with a hint if the index refused the
    ///   query (it should never), ``SearchError/library(_:)`` when the library failed.
    public func search(
        _ query: SearchQuery, on shelf: Shelf = .all, order: SearchOrder = .archive,
        offset: Int = 0, limit: Int = 50, counting: Bool = true, countBound: Int? = nil,
        snippets: Bool = false, ranking: RankingScope = .everyMatch
    ) throws(SearchError) -> SearchPage {
        do {
            return try pool.read { db in
                try Library.search(
                    query, on: shelf, order: order, offset: offset, limit: limit,
                    counting: counting, countBound: countBound, snippets: snippets, ranking: ranking, in: db,
                    cache: cacheScope)
            }
        } catch {
            throw SearchError(error, path: path)
        }
    }

    /// ``search(_:on:order:offset:limit:counting:countBound:snippets:ranking:)`` on a reader connection,
    /// cancellable: cancelling the calling task interrupts the running SQLite statement
    /// (GRDB calls `sqlite3_interrupt` on that one connection, never on the others) and
    /// this throws ``SearchError/cancelled``. This is how a superseded search is stopped.
    public func search(
        _ query: SearchQuery, on shelf: Shelf = .all, order: SearchOrder = .archive,
        offset: Int = 0, limit: Int = 50, counting: Bool = true, countBound: Int? = nil,
        snippets: Bool = false, ranking: RankingScope = .everyMatch
    ) async throws(SearchError) -> SearchPage {
        do {
            return try await pool.read { db in
                try Library.search(
                    query, on: shelf, order: order, offset: offset, limit: limit,
                    counting: counting, countBound: countBound, snippets: snippets, ranking: ranking, in: db,
                    cache: cacheScope)
            }
        } catch {
            throw SearchError(error, path: path)
        }
    }

    /// Why the browser's live ranking (``RankingScope/live(bound:knownMatches:)``) would not rank
    /// `query`, or nil when it would: the browser keeps its archive-order page and shows this
    /// instead of asking for a ranked page that would come back in archive order anyway.
    public func liveRankingDeclined(_ query: SearchQuery, on shelf: Shelf = .all) async throws(SearchError) -> String? {
        do {
            return try await pool.read { db in
                try LiveRanking.declined(
                    try SearchPlan(query, shelf: shelf, in: db, cache: cacheScope), in: db, cache: cacheScope)
            }
        } catch {
            throw SearchError(error, path: path)
        }
    }

    /// The search itself, inside one read transaction (page and count agree).
    static func search(
        _ query: SearchQuery, on shelf: Shelf, order wanted: SearchOrder, offset: Int, limit: Int,
        counting: Bool, countBound: Int? = nil, snippets: Bool, ranking: RankingScope = .everyMatch, in db: Database,
        cache: String, remembering: Bool = true
    ) throws -> SearchPage {
        let bound = counting ? countBound.map { max(0, $0) } : nil
        var plan = try SearchPlan(query, shelf: shelf, lazyWalks: bound != nil, in: db, cache: cache)
        try plan.readSets(in: db)
        let offset = max(0, offset)
        let limit = max(0, limit)
        let key = SearchAnswers.key(
            plan, cache: cache, order: wanted, offset: offset, limit: limit, counting: counting, countBound: bound,
            ranking: ranking)
        let version = try key.map { _ in try SearchAnswers.indexVersion(in: db) }
        let answer: SearchAnswer
        if let key, let version, let kept = SearchAnswers.answer(key, in: cache, version: version) {
            answer = kept
        } else {
            answer = try Library.answer(
                plan, order: wanted, offset: offset, limit: limit, counting: counting, countBound: bound,
                ranking: ranking, in: db, cache: cache)
            // A count alone (no rows: the browser's exact count, asked once per results) is
            // not kept: it would push out an answer the next key can use.
            if remembering, limit > 0 || !counting, let key, let version {
                SearchAnswers.remember(answer, key: key, in: cache, version: version)
            }
        }
        var page = SearchPage(
            rows: [], total: nil, offset: offset, order: answer.order, understood: query.understood,
            hints: query.hints + plan.hints + answer.hints)
        page.count = answer.count
        page.rows = try rows(for: answer.hits, snippets: snippets ? SearchHighlighter(query) : nil, in: db)
        return page
    }

    /// The seqs, scores, count and order of one page of `plan`'s matches.
    private static func answer(
        _ plan: SearchPlan, order wanted: SearchOrder, offset: Int, limit: Int, counting: Bool, countBound: Int?,
        ranking: RankingScope, in db: Database, cache: String
    ) throws -> SearchAnswer {
        var order: SearchOrder = wanted == .relevance && plan.fts.match != nil ? .relevance : .archive
        var hints: [String] = []
        var live = LiveRanking.everyMatch
        if order == .relevance, !plan.matchesNothing {
            live = try LiveRanking(plan, scope: ranking, in: db, cache: cache)
            switch live {
            case .everyMatch: break
            case .candidates(_, _, _, let window): hints.append(LiveRanking.candidatesHint(ranking, window: window))
            case .declined(let hint):
                hints.append(hint)
                order = .archive
            }
        }
        var answer = SearchAnswer(hits: [], count: counting ? .exact(0) : nil, order: order, hints: hints)
        if plan.matchesNothing { return answer }
        var counted = false
        if order == .archive, counting,
            let walked = try oneWalk(plan, offset: offset, limit: limit, bound: countBound, in: db, cache: cache)
        {
            answer.count = walked.count
            counted = true
            answer.hits = walked.hits.map { (seq: $0, score: nil as Double?) }
        } else if order == .archive {
            answer.hits = try archivePage(plan, offset: offset, limit: limit, in: db, cache: cache)
        } else if case .candidates(let newest, let title, let newestTitle, _) = live {
            answer.hits = try candidatesFirst(
                plan, newest: newest, titleMatch: title, newestTitle: newestTitle, offset: offset, limit: limit,
                in: db, cache: cache)
        } else {
            let live = if case .live = ranking { true } else { false }
            answer.hits = try rankedPage(plan, live: live, offset: offset, limit: limit, in: db, cache: cache)
        }
        if counting, !counted {
            answer.count =
                try countBound.map { try boundedCount(plan, bound: $0, in: db) } ?? .exact(count(plan, in: db))
        }
        return answer
    }

    /// Seqs of one page in archive order. With a full-text match and archive order equal to
    /// seq order (``ArchiveOrder``), the matches are walked in rowid order and the walk stops
    /// when the page is full. Otherwise the archive-order index is walked and each entry probed
    /// against the sets; forcing that index matters: left alone, SQLite reads every match's
    /// row to sort them (90 ms for a common word on 100,000 posts).
    private static func archivePage(
        _ plan: SearchPlan, offset: Int, limit: Int, in db: Database,
        cache: String
    ) throws -> [(seq: Int64, score: Double?)] {
        guard limit > 0 else { return [] }
        // The page stops after `limit` matches, so a prefix of many words is best walked lazily.
        if let (source, arguments) = plan.ftsSource(lazy: true), try ArchiveOrder.followsSeq(in: db, cache: cache) {
            let seqs = try Int64.fetchAll(
                db, sql: "SELECT post_fts.rowid \(source) ORDER BY post_fts.rowid LIMIT ? OFFSET ?",
                arguments: arguments + [limit, offset])
            return seqs.map { ($0, nil) }
        }
        let (conditions, arguments) = plan.postConditions()
        let seqs = try Int64.fetchAll(
            db,
            sql: """
                SELECT p.seq FROM post p INDEXED BY post_by_ordinal WHERE \(conditions)
                ORDER BY p.ordinal, p.seq LIMIT ? OFFSET ?
                """, arguments: arguments + [limit, offset])
        return seqs.map { ($0, nil) }
    }

    /// Seqs and scores of one page in relevance order. `bm25()` is negative, lower is
    /// better; the score handed out is negated so that higher is better. Ties go to archive
    /// order through the rowid (new posts get both the next seq and the next ordinal).
    /// A live ranking is scored by `tidings_rank` over the cheaper ``SearchPlan/walk``
    /// expression, with the document counts of ``RankCounts`` (the same order, without
    /// `bm25()`'s walk of every match); `tidings search`, and a live ranking whose groups
    /// `tidings_rank` refused, by `bm25()` over the expression as typed.
    private static func rankedPage(
        _ plan: SearchPlan, live: Bool = false, offset: Int, limit: Int, in db: Database, cache: String
    ) throws -> [(seq: Int64, score: Double?)] {
        guard limit > 0 else { return [] }
        if live {
            return try liveScored(plan, in: db, cache: cache) { source, score in
                try scoredPage(source, score: score, offset: offset, limit: limit, in: db)
            } ?? []
        }
        guard let typed = plan.ftsSource(ranking: true) else { return [] }
        return try scoredPage(typed, score: (RankCounts.bm25, []), offset: offset, limit: limit, in: db)
    }

    /// One page of the matches of `source` by `score` (lower is better; a NULL, which no
    /// score should be, last and unscored rather than a trap).
    private static func scoredPage(
        _ source: (sql: String, arguments: StatementArguments), score: (sql: String, arguments: StatementArguments),
        offset: Int, limit: Int, in db: Database
    ) throws -> [(seq: Int64, score: Double?)] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT post_fts.rowid AS seq, \(score.sql) AS rank \(source.sql)
                ORDER BY rank NULLS LAST, post_fts.rowid LIMIT ? OFFSET ?
                """,
            arguments: score.arguments + source.arguments + [limit, offset])
        return rows.map { row in (row["seq"], (row["rank"] as Double?).map { -$0 }) }
    }

    /// How many posts match. With a full-text match the count walks the full-text index
    /// (a word in 43% of 100,000 posts: about 5 ms); a single filter is its set's size;
    /// otherwise the archive-order index is walked and each post probed.
    private static func count(_ plan: SearchPlan, in db: Database) throws -> Int {
        if let (source, arguments) = plan.ftsSource() {
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) \(source)", arguments: arguments) ?? 0
        }
        let (conditions, arguments) = plan.postConditions()
        if conditions == "1" { return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post") ?? 0 }
        // Probing a filter for every post in archive order took 60 ms for one on 40% of
        // 100,000 posts; its set knows its size.
        if let size = plan.soleFilterSize { return size }
        return try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM post p INDEXED BY post_by_ordinal WHERE \(conditions)",
            arguments: arguments) ?? 0
    }

    /// The rows of a page, in the page's order, with their marks and, given a highlighter,
    /// their snippets.
    private static func rows(
        for hits: [(seq: Int64, score: Double?)], snippets highlighter: SearchHighlighter?,
        in db: Database
    ) throws -> [SearchRow] {
        guard !hits.isEmpty else { return [] }
        // Every open library is migrated (read-only ones only when already current), so the
        // bookmark and reading tables are always there.
        var columns =
            "p.seq, p.id, p.title, p.outlet, p.date"
            + ", EXISTS (SELECT 1 FROM bookmark b WHERE b.postID = p.id) AS bookmarked"
            + ", NOT EXISTS (SELECT 1 FROM reading r WHERE r.postID = p.id AND r.readAt IS NOT NULL) AS unread"
        if highlighter != nil { columns += ", p.body" }
        let marks = Array(repeating: "?", count: hits.count).joined(separator: ", ")
        var found: [Int64: Row] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT \(columns) FROM post p WHERE p.seq IN (\(marks))",
            arguments: StatementArguments(hits.map(\.seq)))
        {
            found[row["seq"]] = row
        }
        return hits.compactMap { hit in
            guard let row = found[hit.seq] else { return nil }
            var result = SearchRow(headline: Headline(row), score: hit.score)
            if let highlighter {
                let body: String = row["body"]
                let paragraphs = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                result.snippet = SearchSnippet(paragraphs: paragraphs, highlighter: highlighter)
            }
            return result
        }
    }
}
