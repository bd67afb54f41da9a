import Foundation
import GRDB
import Testing
import TidingsCore

@testable import TidingsLibrary

/// A prefix is searched as the longer prefix its words share (``PrefixWords/sharedPrefix(of:)``),
/// and the answer of one key serves the next key with the same expression (``SearchAnswers``):
/// neither may change what a search finds, how it is ranked, or show a stale answer.
@Suite struct SearchAnswersTests {
    /// The answer kept for `text` typed in `library` (first page, counted, every match ranked),
    /// at the index's current version.
    static func keptAnswer(_ text: String, in library: Library, order: SearchOrder, limit: Int) throws -> SearchAnswer?
    {
        let plan = try library.pool.read { db in
            try SearchPlan(SearchQuery(text, typing: true), shelf: .all, in: db, cache: library.cacheScope)
        }
        let key = try #require(
            SearchAnswers.key(
                plan, cache: library.cacheScope, order: order, offset: 0, limit: limit, counting: true,
                ranking: .everyMatch))
        let version = try library.pool.read(SearchAnswers.indexVersion)
        return SearchAnswers.answer(key, in: library.cacheScope, version: version)
    }

    @Test func theSharedPrefixIsTheLongestOneEveryWordBeginsWith() {
        #expect(PrefixWords.sharedPrefix(of: ["korea", "korean"]) == "korea")
        #expect(PrefixWords.sharedPrefix(of: ["korea", "korean", "koreas"]) == "korea")
        #expect(PrefixWords.sharedPrefix(of: ["talk", "talked", "tall"]) == "tal")
        #expect(PrefixWords.sharedPrefix(of: ["said"]) == "said")
        #expect(PrefixWords.sharedPrefix(of: ["abc", "xyz"]) == nil)
        #expect(PrefixWords.sharedPrefix(of: []) == nil)
        // Only text the tokenizer reads back as the same one word.
        #expect(PrefixWords.sharedPrefix(of: ["Korea", "Korean"]) == nil)
        #expect(PrefixWords.sharedPrefix(of: ["ab-c", "ab-d"]) == nil)
    }

    @Test func aWidenedPrefixFindsAndRanksWhatTheTypedOneDoes() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        let plan = try library.pool.read { db in
            try SearchPlan(SearchQuery("\"north kor", typing: true), shelf: .all, in: db, cache: library.cacheScope)
        }
        // `kor` begins korea and korean in the generated corpus.
        #expect(plan.fts.match == "\"north korea\" *")
        #expect(plan.fts.unindexedPrefixes == ["korea"])
        // What FTS5 itself finds and scores for the prefix as typed.
        let typed = try library.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid AS seq, bm25(post_fts, \(FTSExpression.bm25Weights)) AS rank FROM post_fts
                    WHERE post_fts MATCH '"north kor" *' ORDER BY rank, rowid
                    """
            ).map { (seq: $0["seq"] as Int64, score: -($0["rank"] as Double)) }
        }
        try #require(typed.count >= 5, "the corpus has too few posts for the phrase")
        for text in ["\"north kor", "\"north kore", "\"north korea"] {
            let page = try library.search(
                SearchQuery(text, typing: true), order: .relevance, limit: typed.count, counting: true)
            #expect(page.total == typed.count, "\(text)")
            let ids = try library.pool.read { db in
                try typed.map { try String.fetchOne(db, sql: "SELECT id FROM post WHERE seq = ?", arguments: [$0.seq]) }
            }
            #expect(page.rows.map(\.id) == ids, "\(text)")
            #expect(page.rows.map(\.score) == typed.map(\.score), "\(text)")
        }
    }

    @Test func aPrefixSpelledOutAsItsWordsMatchesTheSamePosts() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        var spelled = 0
        for text in ["kor", "\"north kor", "title:kor", "said -kor", "kim OR kor", "selt", "peo"] {
            let plan = try library.pool.read { db in
                try SearchPlan(SearchQuery(text, typing: true), shelf: .all, in: db, cache: library.cacheScope)
            }
            let typed = try #require(plan.fts.match, "\(text)")
            let walk = try #require(plan.walk.match, "\(text)")
            if walk != typed {
                spelled += 1
                #expect(walk.contains(" OR ") && !walk.contains("*"), "\(text): \(walk)")
                #expect(plan.walk.unindexedPrefixes.isEmpty, "\(text)")
            }
            for (expression, spelledOut) in [(typed, walk), (plan.fts.titleMatch!, plan.walk.titleMatch!)] {
                let (asTyped, asWalked) = try library.pool.read { db in
                    let sql = "SELECT rowid FROM post_fts WHERE post_fts MATCH ? ORDER BY rowid"
                    return (
                        try Int64.fetchAll(db, sql: sql, arguments: [expression]),
                        try Int64.fetchAll(db, sql: sql, arguments: [spelledOut])
                    )
                }
                #expect(asTyped == asWalked, "\(text): \(spelledOut)")
                #expect(!asTyped.isEmpty || expression.hasPrefix("title"), "\(text) matches nothing")
            }
        }
        #expect(spelled >= 4, "too few of the queries had a prefix of a few words")
    }

    @Test func theNextKeyWithTheSameExpressionIsAnsweredFromTheLast() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        let first = try library.search(SearchQuery("\"north kor", typing: true), order: .relevance, limit: 10)
        let kept = try Self.keptAnswer("\"north kore", in: library, order: .relevance, limit: 10)
        #expect(kept?.count == first.count)
        let next = try library.search(SearchQuery("\"north kore", typing: true), order: .relevance, limit: 10)
        #expect(next.rows == first.rows && next.total == first.total)
        // A filter's sets can change without the index: such a search is kept only under the
        // handles of sets read on its connection (and dropped there at any write).
        let (unread, filtered) = try library.pool.read { db in
            let unread = try SearchPlan(
                SearchQuery("outlet:reuters korea", typing: true), shelf: .all, in: db, cache: library.cacheScope)
            var read = unread
            try read.readSets(in: db)
            return (unread, read)
        }
        let filteredKeys = [unread, filtered].map {
            SearchAnswers.key(
                $0, cache: library.cacheScope, order: .archive, offset: 0, limit: 10, counting: true,
                ranking: .everyMatch)
        }
        #expect(filteredKeys[0] == nil)
        let handle = try #require(filtered.sets.first?.set?.handle)
        // The handles are the key's last field, each followed by a comma.
        let handles = filteredKeys[1]?.split(separator: "\u{0}", omittingEmptySubsequences: false).last
        #expect(handles == "\(handle),")
        // Another order is another answer.
        let plan = try library.pool.read { db in
            try SearchPlan(SearchQuery("\"north kore", typing: true), shelf: .all, in: db, cache: library.cacheScope)
        }
        let keys = [SearchOrder.relevance, .archive].map {
            SearchAnswers.key(
                plan, cache: library.cacheScope, order: $0, offset: 0, limit: 10, counting: true, ranking: .everyMatch)
        }
        #expect(keys[0] != nil && keys[0] != keys[1])
    }

    /// A filtered search's answer is kept under its sets' handles and served to the next
    /// search with the same expression on the same connection: a planted answer under that key
    /// comes back, so the second search did not walk the index.
    @Test func aFilteredSearchIsAnsweredFromTheKeptAnswer() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        let cache = library.cacheScope
        try library.pool.read { db in
            func search(_ text: String) throws -> SearchPage {
                try Library.search(
                    SearchQuery(text, typing: true), on: .all, order: .archive, offset: 0, limit: 10, counting: true,
                    snippets: false, in: db, cache: cache)
            }
            let first = try search("outlet:reuters korea")
            let total = try #require(first.total)
            // One connection, nothing written: the next key reads no set and finds the
            // same handles, so the same key.
            let reads = try SeqSets.reads(in: db)
            var plan = try SearchPlan(
                SearchQuery("outlet:reuters korea", typing: true), shelf: .all, in: db, cache: cache)
            try plan.readSets(in: db)
            #expect(try SeqSets.reads(in: db) == reads)
            let key = try #require(
                SearchAnswers.key(
                    plan, cache: cache, order: .archive, offset: 0, limit: 10, counting: true, ranking: .everyMatch))
            let version = try SearchAnswers.indexVersion(in: db)
            let kept = try #require(SearchAnswers.answer(key, in: cache, version: version))
            #expect(kept.count == .exact(total))
            var planted = kept
            planted.count = .exact(total + 1_000)
            SearchAnswers.remember(planted, key: key, in: cache, version: version)
            #expect(try search("outlet:reuters kore").total == total + 1_000)
            #expect(try search("outlet:reuters korea").total == total + 1_000)
        }
    }

    @Test func aKeptAnswerNeverHidesAWriteOrAMark() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        let query = SearchQuery("\"north kor", typing: true)
        let before = try library.search(query, order: .archive, limit: 5)
        let shown = try #require(before.rows.first)
        // Marks are read with the rows, never kept.
        try library.setRead(shown.isUnread, postID: shown.id)
        let marked = try library.search(query, order: .archive, limit: 5)
        #expect(marked.rows.first?.id == shown.id && marked.rows.first?.isUnread == !shown.isUnread)
        // The next key's answer is kept before the write, so what follows tests the version.
        #expect(try Self.keptAnswer("\"north kore", in: library, order: .archive, limit: 5) != nil)
        // A post edited in place (a web page fetched again) changes the index: the next key
        // with the same expression counts it.
        let edited = try library.pool.write { db in
            let seq = try Int64.fetchOne(
                db,
                sql: """
                    SELECT seq FROM post WHERE seq NOT IN
                    (SELECT rowid FROM post_fts WHERE post_fts MATCH '"north kor" *') LIMIT 1
                    """)
            try db.execute(
                sql: "UPDATE post SET body = body || ' Talks in North Korea resumed.' WHERE seq = ?", arguments: [seq])
            return seq
        }
        try #require(edited != nil, "every generated post names North Korea")
        let after = try library.search(SearchQuery("\"north kore", typing: true), order: .archive, limit: 5)
        #expect(after.total == (before.total ?? 0) + 1)
    }

    /// Another library later at the same path (a rebuild, a new import) never gets the first
    /// one's answers, even when its index's structure record happens to be the same.
    /// The browser's exact count asks for no rows; it is not kept, so that it does not push
    /// out the answers typing reuses.
    @Test func aCountAloneIsNotKept() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        let query = SearchQuery("\"north kore", typing: true)
        _ = try library.search(query, order: .archive, offset: 0, limit: 0, counting: true)
        #expect(try Self.keptAnswer("\"north kore", in: library, order: .archive, limit: 0) == nil)
        _ = try library.search(query, order: .archive, offset: 0, limit: 5, counting: true)
        #expect(try Self.keptAnswer("\"north kore", in: library, order: .archive, limit: 5) != nil)
    }

    @Test func anotherLibraryAtTheSamePathSharesNothing() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/library.sqlite"
        /// A library at `path` whose posts are `titles`, those in `korea` naming North Korea.
        func make(_ titles: [String], korea: Set<String>) throws -> Library {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let posts = titles.enumerated().map { index, title in
                Page.post(
                    title, date: "May \(index + 1), 2019", author: "Jane Holloway",
                    body: [korea.contains(title) ? "Talks about North Korea went on." : "Rain fell all week."],
                    outlet: "Wire")
            }
            let archive = try folder.write("page.txt", Page.make(header: "Category: Politics", posts: posts))
            let library = try Library(path: path)
            _ = try library.importArchives(at: [archive])
            return library
        }
        let query = SearchQuery("\"north kor", typing: true)
        let first = try make(
            ["Envoys meet", "Border reopens", "Harvest report"], korea: ["Envoys meet", "Border reopens"])
        #expect(try first.search(query, order: .archive, limit: 5).total == 2)
        let second = try make(["Envoys meet", "Border reopens", "Rail link"], korea: ["Rail link"])
        let after = try second.search(query, order: .archive, limit: 5)
        #expect(after.rows.map(\.title) == ["Rail link"] && after.total == 1)
    }
}
