import GRDB
import TidingsCore

extension Library {
    /// An archive page and the count of every match from one walk of the matches, or nil when
    /// the usual two statements (a page that stops early, then a count) are as cheap.
    ///
    /// A prefix of three or more characters is beyond the index's prefix lists, and FTS5
    /// merges the lists of every word it begins before it returns a first match: a page and
    /// a count cost that merge twice (`sel` begins hundreds of words in the generated corpus:
    /// 50 ms a merge at 100,000 posts). One walk pays it once, and reads every match: once the
    /// lists are merged, stepping through them is the cheap part (with `sqlite3` on 100,000
    /// posts, the first 20,000 matches of `the*`, the first 50,000 and a count of all 100,000
    /// each took the same 31 ms), so a second statement to count beyond some cap would only
    /// merge again. Only a prefix that begins over ``RankingScope/broadPrefixWords`` words
    /// comes here: one that begins fewer is written out as its words (``SearchPlan/walk``). The matches go by through a cursor; only the page's seqs are kept.
    static func oneWalk(
        _ plan: SearchPlan, offset: Int, limit: Int, in db: Database, cache: String
    ) throws -> (hits: [Int64], total: Int)? {
        guard !plan.walk.unindexedPrefixes.isEmpty, let (source, arguments) = plan.ftsSource(),
            try ArchiveOrder.followsSeq(in: db, cache: cache)
        else { return nil }
        let cursor = try Int64.fetchCursor(
            db, sql: "SELECT post_fts.rowid \(source) ORDER BY post_fts.rowid", arguments: arguments)
        var hits: [Int64] = []
        var walked = 0
        while let seq = try cursor.next() {
            if walked >= offset, walked < offset + limit { hits.append(seq) }
            walked += 1
        }
        return (hits, walked)
    }

    /// An archive page and a count bounded at `bound` from one walk, or nil when two
    /// statements that stop early cost no more.
    ///
    /// A broad prefix is walked as the `OR` of its words (``SearchPlan/lazyWalk``): setting up
    /// an `OR` of hundreds of words reads the first block of every word's list, so a second
    /// statement would pay that again. A prefix that begins more words than that `OR` may hold
    /// is walked as the prefix, which FTS5 merges before its first match: once here rather than
    /// for the page and again for the count. The walk stops after the page and the bound,
    /// whichever comes last.
    static func oneWalk(
        _ plan: SearchPlan, offset: Int, limit: Int, bound: Int, in db: Database, cache: String
    ) throws -> (hits: [Int64], count: MatchCount)? {
        guard plan.lazyWalk != nil || !plan.walk.unindexedPrefixes.isEmpty,
            let (source, arguments) = plan.ftsSource(lazy: true),
            try ArchiveOrder.followsSeq(in: db, cache: cache)
        else { return nil }
        let end = max(offset + limit, bound + 1)
        let cursor = try Int64.fetchCursor(
            db, sql: "SELECT post_fts.rowid \(source) ORDER BY post_fts.rowid LIMIT ?", arguments: arguments + [end])
        var hits: [Int64] = []
        var walked = 0
        while let seq = try cursor.next() {
            if walked >= offset, walked < offset + limit { hits.append(seq) }
            walked += 1
        }
        // Past the bound the count says so; a page beyond it was still walked to.
        return (hits, walked > bound ? .moreThan(bound) : .exact(walked))
    }
}
