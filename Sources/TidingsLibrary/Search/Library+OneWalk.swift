import GRDB
import TidingsCore

extension Library {
    /// How many matches of a query with a long prefix the first stage walks in one go before
    /// it counts the rest separately.
    static let oneWalkCap = 50_000

    /// An archive page and the count of every match from one walk of the matches, or nil when
    /// the usual two statements (a page that stops early, then a count) are as cheap.
    ///
    /// A prefix of three or more characters is beyond the index's prefix lists, and FTS5
    /// merges the lists of every word it begins before it returns a first match: a page and
    /// a count cost that merge twice (`sel` begins hundreds of words in the generated corpus:
    /// 50 ms a merge at 100,000 posts). One walk pays it once. It reads every match when the
    /// prefix begins many words (``LiveRanking/broadPrefix(_:in:path:)``), else up to
    /// ``oneWalkCap`` and counts separately only beyond: a phrase ending in a prefix matches few
    /// posts, a single common word many. The matches go by through a cursor; only the page's
    /// seqs are kept.
    static func oneWalk(
        _ plan: SearchPlan, offset: Int, limit: Int, in db: Database, path: String
    ) throws -> (hits: [Int64], total: Int)? {
        guard !plan.fts.unindexedPrefixes.isEmpty, offset + limit <= oneWalkCap,
            let (source, arguments) = plan.ftsSource(), try ArchiveOrder.followsSeq(in: db, path: path)
        else { return nil }
        let broad = try LiveRanking.broadPrefix(plan.fts.unindexedPrefixes, in: db, path: path) != nil
        let sql = "SELECT post_fts.rowid \(source) ORDER BY post_fts.rowid" + (broad ? "" : " LIMIT \(oneWalkCap + 1)")
        let cursor = try Int64.fetchCursor(db, sql: sql, arguments: arguments)
        var hits: [Int64] = []
        var walked = 0
        while let seq = try cursor.next() {
            if walked >= offset, walked < offset + limit { hits.append(seq) }
            walked += 1
        }
        if !broad, walked > oneWalkCap {
            return (hits, try Int.fetchOne(db, sql: "SELECT COUNT(*) \(source)", arguments: arguments) ?? 0)
        }
        return (hits, walked)
    }
}
