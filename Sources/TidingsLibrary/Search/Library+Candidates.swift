import GRDB
import TidingsCore

extension Library {
    /// A page of the live ranking's order: the candidates by BM25, then the other matches in
    /// the order they were added (``RankingScope/live(bound:knownMatches:)``). The candidates
    /// are the `newest` newest matches and the title matches (`titleMatch`) from seq
    /// `newestTitle` on.
    ///
    /// One statement walks the newest matches backwards, scoring each as it goes, and stops
    /// at `newest` of them; the title candidates older than those are scored after. It does
    /// not first look for the seq where the newest `newest` begin, because that walk would
    /// read the same matches twice: that seq is looked for only when the page goes past the
    /// candidates, where the rest follows in archive order.
    static func candidatesFirst(
        _ plan: SearchPlan, newest: Int, titleMatch: String?, newestTitle: Int64, offset: Int, limit: Int,
        in db: Database, cache: String
    ) throws -> [(seq: Int64, score: Double?)] {
        guard limit > 0, let (source, arguments) = plan.ftsSource() else { return [] }
        var hits =
            try liveScored(plan, in: db, cache: cache) { scored, score in
                try scoredCandidates(
                    scored, score: score, newest: newest, titleMatch: titleMatch, newestTitle: newestTitle,
                    offset: offset, limit: limit, in: db)
            } ?? []
        guard hits.count < limit else { return hits }
        let first =
            try Int64.fetchOne(
                db, sql: "SELECT post_fts.rowid \(source) ORDER BY post_fts.rowid DESC LIMIT 1 OFFSET ?",
                arguments: arguments + [newest - 1]) ?? Int64.min
        let candidates = LiveRanking.candidateCondition(newest: first, titleMatch: titleMatch, newestTitle: newestTitle)
        let ranked =
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) \(source) AND \(candidates.sql)",
                arguments: arguments + StatementArguments(candidates.arguments)) ?? 0
        let rest = try Int64.fetchAll(
            db,
            sql: "SELECT post_fts.rowid \(source) AND NOT (\(candidates.sql)) ORDER BY post_fts.rowid LIMIT ? OFFSET ?",
            arguments: arguments + StatementArguments(candidates.arguments) + [
                limit - hits.count, max(0, offset + hits.count - ranked),
            ])
        hits += rest.map { ($0, nil) }
        return hits
    }

    /// The page's candidates scored by `score`, best first, from `offset`: the newest
    /// `newest` matches of `source` and its title matches from seq `newestTitle` on.
    private static func scoredCandidates(
        _ source: (sql: String, arguments: StatementArguments), score: (sql: String, arguments: StatementArguments),
        newest: Int, titleMatch: String?, newestTitle: Int64, offset: Int, limit: Int, in db: Database
    ) throws -> [(seq: Int64, score: Double?)] {
        let arguments = source.arguments
        var sql = """
            WITH newest AS MATERIALIZED (
                SELECT post_fts.rowid AS seq, \(score.sql) AS rank \(source.sql) ORDER BY post_fts.rowid DESC LIMIT ?)
            SELECT seq, rank FROM newest
            """
        var statementArguments = score.arguments + arguments + [newest]
        if let titleMatch {
            // `rowid < (…)` and `rowid >= ?` go to FTS5 as the rowid range of its walk.
            sql += """

                UNION ALL
                SELECT post_fts.rowid, \(score.sql) \(source.sql)
                AND post_fts.rowid >= ? AND post_fts.rowid < (SELECT MIN(seq) FROM newest)
                AND +post_fts.rowid IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ? AND rowid >= ?)
                """
            statementArguments += score.arguments + arguments + [newestTitle, titleMatch, newestTitle]
        }
        sql += "\nORDER BY rank NULLS LAST, seq LIMIT ? OFFSET ?"
        let rows = try Row.fetchAll(db, sql: sql, arguments: statementArguments + [limit, offset])
        return rows.map { row in (row["seq"], (row["rank"] as Double?).map { -$0 }) }
    }

    /// What `body` gives for the live ranking's score: `tidings_rank` over the cheaper
    /// ``SearchPlan/walk`` expression, or, when `tidings_rank` refused the query's groups,
    /// `bm25()` over the expression as typed (the same rows, scored as `tidings search` scores
    /// them). Nil when the plan has no full-text match.
    static func liveScored<Result>(
        _ plan: SearchPlan, in db: Database, cache: String,
        _ body: (
            _ source: (sql: String, arguments: StatementArguments),
            _ score: (sql: String, arguments: StatementArguments)
        )
            throws -> Result
    ) throws -> Result? {
        if let walk = plan.ftsSource() {
            do {
                return try body(walk, try RankCounts.score(plan.walk, in: db, cache: cache))
            } catch  where RankCounts.groupsDoNotFit(error) {}
        }
        guard let typed = plan.ftsSource(ranking: true) else { return nil }
        return try body(typed, (RankCounts.bm25, []))
    }
}
