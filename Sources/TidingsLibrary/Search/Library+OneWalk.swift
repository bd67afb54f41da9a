import GRDB
import TidingsCore

extension Library {
    /// An archive page and the count of the matches from one walk, or nil when the usual two
    /// statements (a page that stops early, then a count) are as cheap.
    ///
    /// A prefix of three or more characters is beyond the index's prefix lists, and FTS5
    /// merges the lists of every word it begins before it returns a first match: a page and a
    /// count cost that merge twice. One walk pays it once; once the lists are merged, stepping
    /// through them is the cheap part, so a second statement to count would only merge again.
    /// Only a prefix that begins over ``RankingScope/broadPrefixWords`` words comes here: one
    /// that begins fewer is written out as its words (``SearchPlan/walk``).
    ///
    /// With a `bound` (while typing) the walk stops after the page and the bound, whichever
    /// comes last, and a broad prefix is walked as the `OR` of its words
    /// (``SearchPlan/lazyWalk``), which needs no merge before its first match: setting up an
    /// `OR` of hundreds of words reads the first block of every word's list, which a second
    /// statement would pay again. A prefix of more words than that `OR` holds is walked as the
    /// prefix. The matches go by through a cursor; only the page's seqs are kept.
    static func oneWalk(
        _ plan: SearchPlan, offset: Int, limit: Int, bound: Int? = nil, in db: Database, cache: String
    ) throws -> (hits: [Int64], count: MatchCount)? {
        let broad = !plan.walk.unindexedPrefixes.isEmpty || (bound != nil && plan.lazyWalk != nil)
        guard broad, let (source, arguments) = plan.ftsSource(lazy: bound != nil),
            try ArchiveOrder.followsSeq(in: db, cache: cache)
        else { return nil }
        var sql = "SELECT post_fts.rowid \(source) ORDER BY post_fts.rowid"
        var values = arguments
        if let bound {
            sql += " LIMIT ?"
            values += [max(offset + limit, bound + 1)]
        }
        let cursor = try Int64.fetchCursor(db, sql: sql, arguments: values)
        var hits: [Int64] = []
        var walked = 0
        while let seq = try cursor.next() {
            if walked >= offset, walked < offset + limit { hits.append(seq) }
            walked += 1
        }
        // Past the bound the count says so; a page beyond it was still walked to.
        if let bound, walked > bound { return (hits, .moreThan(bound)) }
        return (hits, .exact(walked))
    }
}
