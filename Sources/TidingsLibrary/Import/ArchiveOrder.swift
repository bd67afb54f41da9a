import GRDB
import TidingsCore

/// Whether archive order (`post.ordinal`) is also `seq` order, the order the full-text index
/// keeps its matches in.
///
/// When it is, an archive-order search page walks the full-text matches in rowid order and
/// stops after `limit` hits: well under a millisecond for a word in half the posts, where
/// sorting by `ordinal` must first collect every match (15–20 ms on 100,000 posts).
///
/// It holds by construction: the importer gives each new post the next `seq` (AUTOINCREMENT,
/// never reused) and an `ordinal` above every existing one, and changes neither afterwards;
/// deleting posts cannot break it. Search still checks it, with one scan of the archive-order
/// index (10–20 ms on 100,000 posts) whenever the newest `seq` changes, that is after
/// every import that added posts. If an importer ever reorders the archive, search becomes
/// slower, never wrong. (A change that rewrites `ordinal` in place without adding a post
/// would need this check keyed on something else.)
enum ArchiveOrder {
    /// Per opening of a library (``Library/cacheScope``): the newest seq when last checked,
    /// and the answer.
    private static let checked = Locked<[String: (newest: Int64, followsSeq: Bool)]>([:])

    /// Whether `seq` order is archive order in the library opened as `cache` (read through
    /// `db`).
    static func followsSeq(in db: Database, cache: String) throws -> Bool {
        let newest = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM post") ?? 0
        if let known = checked.withLock({ $0[cache] }), known.newest == newest { return known.followsSeq }
        // Walk the archive-order index (ties in ordinal ordered by seq, as the index orders
        // them) and stop at the first seq that goes backwards. A cursor over one covering
        // index: 10–20 ms for 100,000 posts, where a window function took 90.
        let seqs = try Int64.fetchCursor(
            db, sql: "SELECT seq FROM post INDEXED BY post_by_ordinal ORDER BY ordinal, seq")
        var previous = Int64.min
        var broken = false
        while let seq = try seqs.next() {
            if seq < previous {
                broken = true
                break
            }
            previous = seq
        }
        checked.withLock { $0[cache] = (newest, !broken) }
        return !broken
    }
}
