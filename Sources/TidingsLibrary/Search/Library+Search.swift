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
    ///   - counting: also count every match (``SearchPage/total``); a relevance stage that
    ///     follows an archive stage for the same query can skip it.
    ///   - snippets: give each row a ``SearchSnippet`` of its body (reads the bodies).
    /// - Throws: ``SearchError/unsearchable(_:)`` with a hint if the index refused the
    ///   query (it should never), ``SearchError/library(_:)`` when the library failed.
    public func search(
        _ query: SearchQuery, on shelf: Shelf = .all, order: SearchOrder = .archive,
        offset: Int = 0, limit: Int = 50, counting: Bool = true,
        snippets: Bool = false
    ) throws(SearchError) -> SearchPage {
        do {
            return try pool.read { db in
                try Library.search(
                    query, on: shelf, order: order, offset: offset, limit: limit,
                    counting: counting, snippets: snippets, in: db, path: path)
            }
        } catch {
            throw SearchError(error, path: path)
        }
    }

    /// ``search(_:on:order:offset:limit:counting:snippets:)`` on a reader connection,
    /// cancellable: cancelling the calling task interrupts the running SQLite statement
    /// (GRDB calls `sqlite3_interrupt` on that one connection, never on the others) and
    /// this throws ``SearchError/cancelled``. This is how a superseded search is stopped.
    public func search(
        _ query: SearchQuery, on shelf: Shelf = .all, order: SearchOrder = .archive,
        offset: Int = 0, limit: Int = 50, counting: Bool = true,
        snippets: Bool = false
    ) async throws(SearchError) -> SearchPage {
        do {
            return try await pool.read { db in
                try Library.search(
                    query, on: shelf, order: order, offset: offset, limit: limit,
                    counting: counting, snippets: snippets, in: db, path: path)
            }
        } catch {
            throw SearchError(error, path: path)
        }
    }

    /// The search itself, inside one read transaction (page and count agree).
    static func search(
        _ query: SearchQuery, on shelf: Shelf, order wanted: SearchOrder, offset: Int, limit: Int,
        counting: Bool, snippets: Bool, in db: Database, path: String
    ) throws -> SearchPage {
        let plan = try SearchPlan(query, shelf: shelf, in: db)
        let order: SearchOrder = wanted == .relevance && plan.fts.match != nil ? .relevance : .archive
        let offset = max(0, offset)
        let limit = max(0, limit)
        var page = SearchPage(
            rows: [], total: counting ? 0 : nil, offset: offset, order: order,
            understood: query.understood, hints: query.hints + plan.hints)
        if plan.matchesNothing { return page }
        let hits =
            order == .relevance
            ? try rankedPage(plan, offset: offset, limit: limit, in: db)
            : try archivePage(plan, offset: offset, limit: limit, in: db, path: path)
        if counting { page.total = try count(plan, in: db) }
        page.rows = try rows(for: hits, snippets: snippets ? SearchHighlighter(query) : nil, in: db)
        return page
    }

    /// Seqs of one page in archive order. With a full-text match and archive order equal to
    /// seq order (``ArchiveOrder``), the matches are walked in rowid order and the walk stops
    /// when the page is full. Otherwise the archive-order index is walked and each entry probed
    /// against the sets; forcing that index matters: left alone, SQLite reads every match's
    /// row to sort them (90 ms for a common word on 100,000 posts).
    private static func archivePage(
        _ plan: SearchPlan, offset: Int, limit: Int, in db: Database,
        path: String
    ) throws -> [(seq: Int64, score: Double?)] {
        guard limit > 0 else { return [] }
        if let (source, arguments) = plan.ftsSource(), try ArchiveOrder.followsSeq(in: db, path: path) {
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
    private static func rankedPage(
        _ plan: SearchPlan, offset: Int, limit: Int,
        in db: Database
    ) throws -> [(seq: Int64, score: Double?)] {
        guard limit > 0, let (source, arguments) = plan.ftsSource() else { return [] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT post_fts.rowid AS seq, bm25(post_fts, \(FTSExpression.bm25Weights)) AS rank \(source)
                ORDER BY rank, post_fts.rowid LIMIT ? OFFSET ?
                """, arguments: arguments + [limit, offset])
        return rows.map { row in (row["seq"], -(row["rank"] as Double)) }
    }

    /// How many posts match. With a full-text match the count walks the full-text index
    /// (a word in 43% of 100,000 posts: about 5 ms); otherwise the archive-order index.
    private static func count(_ plan: SearchPlan, in db: Database) throws -> Int {
        if let (source, arguments) = plan.ftsSource() {
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) \(source)", arguments: arguments) ?? 0
        }
        let (conditions, arguments) = plan.postConditions()
        if conditions == "1" { return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post") ?? 0 }
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
