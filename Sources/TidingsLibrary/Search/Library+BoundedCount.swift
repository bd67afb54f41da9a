import GRDB
import TidingsCore

extension Library {
    /// How many posts match, counting no further than `bound`: past it, ``MatchCount/moreThan(_:)``.
    /// The walk of the full-text matches stops at the bound whatever their number, and a
    /// prefix of many words is walked as the `OR` of its words (``SearchPlan/lazyWalk``), which
    /// needs no merge before the first match. Without a full-text match, a filter alone is
    /// walked on its own index and anything else over the posts, each stopping at the bound.
    static func boundedCount(_ plan: SearchPlan, bound: Int, in db: Database) throws -> MatchCount {
        let walked: Int
        if let (source, arguments) = plan.ftsSource(lazy: true) {
            walked =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM (SELECT post_fts.rowid \(source) LIMIT ?)",
                    arguments: arguments + [bound + 1]) ?? 0
        } else if plan.sets.count == 1, plan.fts.titleContains.isEmpty, let count = plan.sets[0].count,
            let members = boundedMembers(count)
        {
            // One filter alone, off its own index as ``count(_:in:)`` does, stopping at the bound.
            walked =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM (\(members) LIMIT ?)",
                    arguments: StatementArguments(plan.sets[0].arguments) + [bound + 1]) ?? 0
        } else {
            let (conditions, arguments) = plan.postConditions()
            walked =
                try Int.fetchOne(
                    db,
                    sql:
                        "SELECT COUNT(*) FROM (SELECT 1 FROM post p INDEXED BY post_by_ordinal WHERE \(conditions) LIMIT ?)",
                    arguments: arguments + [bound + 1]) ?? 0
        }
        return walked > bound ? .moreThan(bound) : .exact(walked)
    }

    /// A filter's count statement (``SearchPlan/SetTest/count``) as the statement listing the
    /// members it counts, so that a `LIMIT` can stop it: `SELECT COUNT(*) FROM label WHERE …`
    /// becomes `SELECT 1 FROM label WHERE …`, and `COUNT(DISTINCT post)` `SELECT DISTINCT post`
    /// (SQLite drops duplicates as it goes, so the limit still stops it early). Nil for any
    /// other form: the posts are walked instead.
    static func boundedMembers(_ count: String) -> String? {
        for (counted, listed) in [
            ("SELECT COUNT(*) FROM ", "SELECT 1 FROM "),
            ("SELECT COUNT(DISTINCT post) FROM ", "SELECT DISTINCT post FROM "),
        ]
        where count.hasPrefix(counted) {
            return listed + count.dropFirst(counted.count)
        }
        return nil
    }
}
