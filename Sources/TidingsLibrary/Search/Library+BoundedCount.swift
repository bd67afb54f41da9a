import GRDB
import TidingsCore

extension Library {
    /// How many posts match, counting no further than `bound`: past it, ``MatchCount/moreThan(_:)``.
    /// The walk of the full-text matches stops at the bound whatever their number, and a
    /// prefix of many words is walked as the `OR` of its words (``SearchPlan/lazyWalk``), which
    /// needs no merge before the first match. Without a full-text match, a filter alone is
    /// counted exactly (its set, read for the page, knows its size) and anything else walks
    /// the posts, stopping at the bound.
    static func boundedCount(_ plan: SearchPlan, bound: Int, in db: Database) throws -> MatchCount {
        let walked: Int
        if let (source, arguments) = plan.ftsSource(lazy: true) {
            walked =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM (SELECT post_fts.rowid \(source) LIMIT ?)",
                    arguments: arguments + [bound + 1]) ?? 0
        } else if let size = plan.soleFilterSize {
            // The exact figure costs nothing more than the bound would.
            return .exact(size)
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
}
