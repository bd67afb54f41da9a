import Foundation
import GRDB
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsLibrary

/// The ranking groups of an expression (``FTSExpression/rankGroups``) against the phrases
/// FTS5 parses from it: `tidings_rank` refuses groups that do not fit, and the live ranking
/// then ranks with `bm25()` (``RankCounts/groupsDoNotFit(_:)``).
@Suite struct RankGroupsTests {
    /// Query shapes: words, phrases, columns, exclusions, prefixes indexed and written out,
    /// Korean, alternatives, and text that holds no word FTS5 would see.
    static let shapes = [
        "said", "\"north korea\"", "north korea -said", "title:summit korea", "title:\"north korea\" said",
        "summ*", "kor", "\"north kor", "korea tal", "talks peo", "title:sum", "정은", "title:정은", "정은 said",
        "title:정은 -said", "seoul OR pyongyang", "-missile korea", "kim -\"north korea\" -summ*", "said \"...\"",
        "said \"\"", "said -\"!!\"", "said 𞄀", "said -𞄀", "said OR 𞄀", "said ①", "ㅋㅋ said", "title:kor said",
        "korea OR summ*", "\"korea tal",
    ]

    @Test func theGroupsFitFTS5sPhrasesForEveryQueryShape() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.library(in: folder)
        var scored = 0
        try library.pool.read { db in
            for text in RankGroupsTests.shapes {
                for typing in [false, true] {
                    let plan = try SearchPlan(
                        SearchQuery(text, typing: typing), shelf: .all, in: db, cache: library.cacheScope)
                    guard let match = plan.walk.match else { continue }
                    let score = try RankCounts.score(plan.walk, in: db, cache: library.cacheScope)
                    // Every matching row is scored: a misfit would fail the statement.
                    let rows = try Row.fetchAll(
                        db, sql: "SELECT \(score.sql) AS score FROM post_fts WHERE post_fts MATCH ?",
                        arguments: score.arguments + [match])
                    #expect(rows.allSatisfy { ($0["score"] as Double?).map(\.isFinite) == true }, "\(text)")
                    if !rows.isEmpty { scored += 1 }
                }
            }
        }
        #expect(scored >= RankGroupsTests.shapes.count, "too few shapes matched anything: the check went untested")
    }

    @Test func everyQueryShapeRanksWhileTypingInBM25sOrder() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.library(in: folder)
        for text in RankGroupsTests.shapes {
            let query = SearchQuery(text, typing: true)
            let live = try library.search(query, order: .relevance, limit: 40, ranking: .live(bound: 100_000))
            guard live.order == .relevance else { continue }
            let command = try library.search(query, order: .relevance, limit: 40)
            #expect(live.rows.map(\.id) == command.rows.map(\.id), "\(text)")
        }
    }

    @Test func groupsThatDoNotFitRankWithBM25() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.smallLibrary(in: folder)
        try library.pool.read { db in
            // The expression of one query with the groups of another: what a phrase the
            // builder did not foresee would give.
            let plan = try SearchPlan(SearchQuery("korea talks"), shelf: .all, in: db, cache: library.cacheScope)
            let other = try SearchPlan(SearchQuery("korea"), shelf: .all, in: db, cache: library.cacheScope)
            let score = try RankCounts.score(other.walk, in: db, cache: library.cacheScope)
            #expect {
                _ = try Row.fetchAll(
                    db, sql: "SELECT \(score.sql) FROM post_fts WHERE post_fts MATCH ?",
                    arguments: score.arguments + [plan.walk.match])
            } throws: { error in
                RankCounts.groupsDoNotFit(error) && "\(error)".contains("do not fit the query's 2 phrases")
            }
        }
    }
}
