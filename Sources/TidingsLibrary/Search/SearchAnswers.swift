import Foundation
import GRDB
import TidingsCore

/// What a search found before its rows are read: the page's seqs with their scores, the count
/// and the order, and what the live ranking said about it.
struct SearchAnswer: Sendable {
    var hits: [(seq: Int64, score: Double?)]
    var count: MatchCount?
    var order: SearchOrder
    /// Hints of the live ranking (not the parser's, which the caller adds).
    var hints: [String]
}

/// The last few answers of full-text searches, so that a key that leaves the search's
/// expression as it was is answered without walking the index again.
///
/// Typing often does: `"north kor`, `"north kore` and `"north korea` are all the phrase
/// `"north korea" *` once a prefix is widened to the prefix its words share
/// (``PrefixWords/sharedPrefix(of:)``), and at a million posts each walk of that phrase costs
/// a fifth of a second. An answer is kept with the index's structure record (rowid 10 of its
/// data table), which every write to the index changes, so it is never served after a post
/// was added or edited; and per opening of a library (``Library/cacheScope``), so that another
/// file later at the same path (a rebuild, a test's new library) never shares them. Only the seqs and scores are kept: the rows, with their read and
/// bookmark marks, are read afresh for every page. A search with a set test (a shelf other
/// than All, a label or outlet filter, a query of exclusions alone) is kept under the handles
/// of its sets (``SeqSets``): the sets can change without the index changing (a bookmark
/// added), but a set is kept on its connection only while nothing at all is written, so the
/// same handle again means the same file as when the answer was found, and a set read anew
/// (another connection, or after a write) has a new handle and misses.
enum SearchAnswers {
    /// How many answers are kept per open library: a key's two stages and a few keys back.
    static let capacity = 8

    /// The key of a search for this plan and page, nil when it is not kept.
    static func key(
        _ plan: SearchPlan, cache: String, order: SearchOrder, offset: Int, limit: Int, counting: Bool,
        countBound: Int? = nil, ranking: RankingScope
    ) -> String? {
        guard let match = plan.fts.match, !plan.matchesNothing else { return nil }
        var handles = ""
        for test in plan.sets {
            guard let set = test.set else { return nil }
            handles += "\(test.isExcluded ? "-" : "")\(set.handle),"
        }
        let parts = [
            cache, match, plan.fts.titleContains.joined(separator: "\u{1}"), "\(order)", "\(offset)", "\(limit)",
            "\(counting)", countBound.map { "\($0)" } ?? "exact", "\(ranking)",
        ]
        return parts.joined(separator: "\u{0}") + "\u{0}" + handles
    }

    /// The full-text index's structure record: it changes with every write to the index,
    /// also an edit of a post in place (a web page fetched again), not only new posts.
    static func indexVersion(in db: Database) throws -> Data {
        try Data.fetchOne(db, sql: "SELECT block FROM post_fts_data WHERE id = 10") ?? Data()
    }

    /// The answer kept for `key` in the library opened as `cache` when the index is still at
    /// `version`.
    static func answer(_ key: String, in cache: String, version: Data) -> SearchAnswer? {
        kept.withLock { kept in
            guard var answers = kept.libraries[cache], let index = answers.firstIndex(where: { $0.key == key }) else {
                return nil
            }
            let entry = answers.remove(at: index)
            guard entry.version == version else {
                kept.libraries[cache] = answers
                return nil
            }
            answers.append(entry)
            kept.libraries[cache] = answers
            return entry.answer
        }
    }

    /// Keeps `answer` for `key` in the library opened as `cache`, dropping its least recently
    /// used answer beyond ``capacity``, and the least recently used library beyond
    /// ``libraries``.
    static func remember(_ answer: SearchAnswer, key: String, in cache: String, version: Data) {
        kept.withLock { kept in
            var answers = kept.libraries[cache] ?? []
            answers.removeAll { $0.key == key }
            answers.append((key, version, answer))
            if answers.count > capacity { answers.removeFirst(answers.count - capacity) }
            kept.libraries[cache] = answers
            kept.order.removeAll { $0 == cache }
            kept.order.append(cache)
            while kept.order.count > libraries { kept.libraries[kept.order.removeFirst()] = nil }
        }
    }

    /// How many open libraries keep answers: a process has one, a test run many.
    static let libraries = 4

    private struct Kept {
        var libraries: [String: [(key: String, version: Data, answer: SearchAnswer)]] = [:]
        /// The libraries in ``libraries``, least recently given an answer first.
        var order: [String] = []
    }

    private static let kept = Locked(Kept())
}
