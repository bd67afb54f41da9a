import GRDB
import TidingsCore

extension Library {
    /// The offset of the first unread post among the matches of `query` on `shelf`, in
    /// `order`, after the match at `offset` (-1 to search from the top); nil when none of the
    /// next `distance` matches is unread.
    ///
    /// Search results have no index of their own to walk, so this pages through them as the
    /// list would, 500 at a time, a bounded distance: up to a few hundred milliseconds on a
    /// large library. It runs on a reader connection, in one snapshot, and is cancellable like
    /// the async ``search(_:on:order:offset:limit:counting:countBound:snippets:ranking:)``: cancelling the task
    /// interrupts the running statement and this throws ``SearchError/cancelled``, so the
    /// browser can run it off its loop and drop it when the search changes.
    public func nextUnread(
        matching query: SearchQuery, on shelf: Shelf = .all, order: SearchOrder = .archive,
        after offset: Int, within distance: Int = 5_000,
        pageSize: Int = 500, ranking: RankingScope = .everyMatch
    ) async throws(SearchError) -> Int? {
        let pageSize = max(1, pageSize)
        let path = path
        let cache = cacheScope
        do {
            return try await pool.read { db in
                var start = max(0, offset + 1)
                let end = start + distance
                while start < end {
                    try Task.checkCancellation()
                    let page = try Library.search(
                        query, on: shelf, order: order, offset: start,
                        limit: min(pageSize, end - start), counting: false, snippets: false,
                        ranking: ranking, in: db, cache: cache, remembering: false)
                    if let hit = page.rows.firstIndex(where: \.isUnread) { return start + hit }
                    if page.rows.count < min(pageSize, end - start) { return nil }
                    start += page.rows.count
                }
                return nil
            }
        } catch {
            throw SearchError(error, path: path)
        }
    }
}
