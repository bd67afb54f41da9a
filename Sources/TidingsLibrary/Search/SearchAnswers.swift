import Foundation
import GRDB
import TidingsCore

/// What a search found before its rows are read: the page's seqs with their scores, the count
/// and the order, and what the live ranking said about it.
struct SearchAnswer: Sendable {
    var hits: [(seq: Int64, score: Double?)]
    var total: Int?
    var order: SearchOrder
    /// Hints of the live ranking (not the parser's, which the caller adds).
    var hints: [String]
}

/// The last few answers of full-text searches over the whole library, so that a key that
/// leaves the search's expression as it was is answered without walking the index again.
///
/// Typing often does: `"north kor`, `"north kore` and `"north korea` are all the phrase
/// `"north korea" *` once a prefix is widened to the prefix its words share
/// (``PrefixWords/sharedPrefix(of:)``), and at a million posts each walk of that phrase costs
/// a fifth of a second. An answer is kept with the index's structure record (rowid 10 of its
/// data table), which every write to the index changes, so it is never served after a post
/// was added or edited. Only the seqs and scores are kept: the rows, with their read and
/// bookmark marks, are read afresh for every page. Searches with a set test (a shelf other
/// than All, a label or outlet filter, a query of exclusions alone) are not kept: their sets
/// can change without the index changing (a bookmark added).
enum SearchAnswers {
    /// How many answers are kept: a key's two stages and a few keys back, no more.
    static let capacity = 8

    /// The key of a search for this plan and page, nil when it is not kept.
    static func key(
        _ plan: SearchPlan, path: String, order: SearchOrder, offset: Int, limit: Int, counting: Bool,
        ranking: RankingScope
    ) -> String? {
        guard let match = plan.fts.match, plan.sets.isEmpty, !plan.matchesNothing else { return nil }
        let parts = [
            path, match, plan.fts.titleContains.joined(separator: "\u{1}"), "\(order)", "\(offset)", "\(limit)",
            "\(counting)", "\(ranking)",
        ]
        return parts.joined(separator: "\u{0}")
    }

    /// The full-text index's structure record: it changes with every write to the index,
    /// also an edit of a post in place (a web page fetched again), not only new posts.
    static func indexVersion(in db: Database) throws -> Data {
        try Data.fetchOne(db, sql: "SELECT block FROM post_fts_data WHERE id = 10") ?? Data()
    }

    /// The answer kept for `key` when the index is still at `version`.
    static func answer(_ key: String, version: Data) -> SearchAnswer? {
        kept.withLock { kept in
            guard let index = kept.firstIndex(where: { $0.key == key }) else { return nil }
            let entry = kept.remove(at: index)
            guard entry.version == version else { return nil }
            kept.append(entry)
            return entry.answer
        }
    }

    /// Keeps `answer` for `key`, dropping the least recently used beyond ``capacity``.
    static func remember(_ answer: SearchAnswer, key: String, version: Data) {
        kept.withLock { kept in
            kept.removeAll { $0.key == key }
            kept.append((key, version, answer))
            if kept.count > capacity { kept.removeFirst(kept.count - capacity) }
        }
    }

    private static let kept = Locked<[(key: String, version: Data, answer: SearchAnswer)]>([])
}
