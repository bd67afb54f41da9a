import Foundation
import Testing
import TidingsCore

@testable import TidingsLibrary

/// The first stage of a query with a prefix of three or more characters walks the matches
/// once for its page and its count (``Library/oneWalk(_:offset:limit:in:cache:)``): the same
/// page and count as a page that stops early and a separate count.
@Suite struct OneWalkTests {
    @Test func oneWalkGivesThePageAndCountOfTwoStatements() throws {
        let folder = try TemporaryFolder()
        let generated = try LiveRankingTests.generatedLibrary(in: folder)
        let broadFolder = try TemporaryFolder()
        let broad = try LiveRankingTests.broadLibrary(in: broadFolder)
        let cases: [(Library, String)] = [
            (generated, "said"), (generated, "\"north kor"), (generated, "peo"), (generated, "kim sanct"),
            (generated, "-missile sel"), (broad, "sel"), (broad, "selq"), (generated, "zzzz"),
        ]
        for (library, text) in cases {
            let query = SearchQuery(text, typing: true)
            let all = try library.search(query, order: .archive, limit: 100_000, counting: false).rows
            try #require(text == "zzzz" || all.count > 3, "\(text) matches too few posts to page")
            for offset in [0, 7, all.count - 3, all.count + 5] where offset >= 0 {
                let page = try library.search(query, order: .archive, offset: offset, limit: 10, counting: true)
                #expect(page.total == all.count, "\(text) at \(offset)")
                #expect(page.rows == Array(all.dropFirst(offset).prefix(10)), "\(text) at \(offset)")
            }
        }
    }

    @Test func aPrefixThatBeginsOneWordIsSearchedAsThatWord() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        let plan = try library.pool.read { db in
            try SearchPlan(SearchQuery("kor* sai", typing: true), shelf: .all, in: db, cache: library.cacheScope)
        }
        // `kor` begins two words (korea, korean), so it stays a prefix, the one they share;
        // `sai` begins only `said`.
        #expect(plan.fts.match == "\"korea\" * AND \"said\"")
        #expect(plan.fts.unindexedPrefixes == ["korea"])
        // The same posts and the same scores as the word itself.
        let prefix = try library.search(SearchQuery("sai", typing: true), order: .relevance, limit: 40)
        let word = try library.search(SearchQuery("said"), order: .relevance, limit: 40)
        #expect(prefix.rows == word.rows && prefix.total == word.total && !prefix.rows.isEmpty)
    }

    @Test func theWordsOfALongerPrefixAreThoseOfTheShorterThatGoOn() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        try library.pool.read { db in
            // Typed in order, so each longer prefix is narrowed from the one before.
            for prefix in ["kor", "kore", "korea", "koreas", "sel", "selt", "selta", "seltan", "zzz", "zzzz"] {
                let words = try PrefixWords.words(beginning: prefix, in: db, cache: library.cacheScope)
                let all = try String.fetchAll(
                    db, sql: "SELECT term FROM temp.post_vocab WHERE substr(term, 1, ?) = ? ORDER BY term",
                    arguments: [prefix.count, prefix])
                #expect(words == (all.count > RankingScope.broadPrefixWords ? nil : all), "\(prefix)")
            }
        }
    }

    @Test func aPostEditedInPlaceIsFoundByAPrefixThatBeganOneWordBefore() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        let query = SearchQuery("sai", typing: true)
        let before = try library.search(query, order: .archive, limit: 1).total ?? 0
        // A web page fetched again rewrites a post in place: same seq, new words.
        let edited = try library.pool.write { db in
            let seq = try Int64.fetchOne(
                db, sql: "SELECT seq FROM post WHERE NOT body LIKE '%said%' AND NOT title LIKE '%said%' LIMIT 1")
            try db.execute(sql: "UPDATE post SET body = body || ' A saint spoke.' WHERE seq = ?", arguments: [seq])
            return seq
        }
        try #require(edited != nil, "every generated post says said")
        let after = try library.search(query, order: .archive, limit: 1).total ?? 0
        #expect(after == before + 1)
    }
}
