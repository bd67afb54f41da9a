import GRDB
import TidingsCore

extension Library {
    /// A page of the live ranking's order: the candidates by BM25, then the other matches in
    /// the order they were added (``RankingScope/live(bound:knownMatches:)``). The candidates
    /// are the `newest` newest matches and the title matches (`titleMatch`) from seq
    /// `newestTitle` on.
    ///
    /// One statement walks the newest matches backwards, scoring each as it goes, and stops
    /// at `newest` of them; the title candidates older than those are scored after. Before,
    /// a first walk found the seq of the `newest`-th newest match and the ranking walked the
    /// same matches again from there: at a million posts each walk of a phrase's newest 5,000
    /// matches costs some 40 ms. That seq is looked for only when the page goes past the
    /// candidates, where the rest follows in archive order.
    static func candidatesFirst(
        _ plan: SearchPlan, newest: Int, titleMatch: String?, newestTitle: Int64, offset: Int, limit: Int,
        in db: Database, cache: String
    ) throws -> [(seq: Int64, score: Double?)] {
        guard limit > 0, let (source, arguments) = plan.ftsSource() else { return [] }
        let score = try RankCounts.score(plan.walk, fewAlone: false, in: db, cache: cache)
        var sql = """
            WITH newest AS MATERIALIZED (
                SELECT post_fts.rowid AS seq, \(score.sql) AS rank \(source) ORDER BY post_fts.rowid DESC LIMIT ?)
            SELECT seq, rank FROM newest
            """
        var statementArguments = score.arguments + arguments + [newest]
        if let titleMatch {
            // `rowid < (…)` and `rowid >= ?` go to FTS5 as the rowid range of its walk.
            sql += """

                UNION ALL
                SELECT post_fts.rowid, \(score.sql) \(source)
                AND post_fts.rowid >= ? AND post_fts.rowid < (SELECT MIN(seq) FROM newest)
                AND +post_fts.rowid IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ? AND rowid >= ?)
                """
            statementArguments += score.arguments + arguments + [newestTitle, titleMatch, newestTitle]
        }
        sql += "\nORDER BY rank, seq LIMIT ? OFFSET ?"
        let rows = try Row.fetchAll(db, sql: sql, arguments: statementArguments + [limit, offset])
        var hits: [(seq: Int64, score: Double?)] = rows.map { row in (row["seq"], -(row["rank"] as Double)) }
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
}
