import Foundation
import GRDB
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsLibrary

/// Filters, shelves and exclusions are read into bitmaps once per search and kept per
/// connection while nothing is written (``SeqSets``): every filter form must find, count, page
/// and rank exactly what plain SQL finds, and a kept set must never answer after a write or
/// for another library.
@Suite struct FilterSetTests {
    /// A query on a shelf, and the posts it must find written in plain SQL over `post p`.
    struct Case: CustomStringConvertible {
        var text: String
        var shelf: Shelf = .all
        var typing = false
        var condition: String
        var description: String { "\(text) on \(shelf)" }
    }

    static let cases: [Case] = [
        Case(text: "outlet:reuters said", condition: "p.outlet = 'Reuters'"),
        Case(text: "outlet:reuters ta", typing: true, condition: "p.outlet = 'Reuters'"),
        Case(text: "-outlet:reuters said", condition: "p.seq NOT IN (SELECT seq FROM post WHERE outlet = 'Reuters')"),
        Case(text: "outlet:nk korea", condition: "p.outlet IN ('NK News', 'Daily NK')"),
        Case(
            text: "category:economy said",
            condition: "p.seq IN (SELECT post FROM label WHERE kind = 'category' AND name = 'Economy')"),
        Case(
            text: "author:holloway -outlet:reuters korea",
            condition: """
                p.seq IN (SELECT post FROM label WHERE kind = 'author' AND name = 'Jane Holloway')
                AND p.seq NOT IN (SELECT seq FROM post WHERE outlet = 'Reuters')
                """),
        Case(
            text: "category:economy -outlet:reuters",
            condition: """
                p.seq IN (SELECT post FROM label WHERE kind = 'category' AND name = 'Economy')
                AND p.outlet IS NOT 'Reuters'
                """),
        Case(text: "-outlet:reuters", condition: "p.seq NOT IN (SELECT seq FROM post WHERE outlet = 'Reuters')"),
        Case(
            text: "-said",
            condition: "p.seq NOT IN (SELECT rowid FROM post_fts WHERE post_fts MATCH '\"said\"')"),
        Case(
            text: "outlet:reuters -people",
            condition: """
                p.outlet = 'Reuters' AND p.seq NOT IN (SELECT rowid FROM post_fts WHERE post_fts MATCH '"people"')
                """),
        Case(text: "said", shelf: .outlet("Reuters"), condition: "p.outlet = 'Reuters'"),
        Case(
            text: "-outlet:nk said", shelf: .category("Economy"),
            condition: """
                p.seq NOT IN (SELECT seq FROM post WHERE outlet IN ('NK News', 'Daily NK'))
                AND p.seq IN (SELECT post FROM label WHERE kind = 'category' AND name = 'Economy')
                """),
        Case(
            text: "said", shelf: .bookmarks,
            condition: "p.seq IN (SELECT p2.seq FROM bookmark b JOIN post p2 ON p2.id = b.postID)"),
        Case(
            text: "-outlet:bbc", shelf: .bookmarks,
            condition: """
                p.seq IN (SELECT p2.seq FROM bookmark b JOIN post p2 ON p2.id = b.postID)
                AND p.outlet IS NOT 'BBC'
                """),
    ]

    /// The ids of `seqs`, in order.
    static func ids(_ seqs: [Int64], in library: Library) throws -> [String] {
        try library.pool.read { db in
            try seqs.map { try String.fetchOne(db, sql: "SELECT id FROM post WHERE seq = ?", arguments: [$0]) ?? "" }
        }
    }

    /// The matches of `test` in archive (seq) order and, when it has words, by BM25, found with
    /// SQLite's own set tests.
    static func expected(_ test: Case, in library: Library) throws -> (archive: [Int64], ranked: [(Int64, Double)]?) {
        let match = try library.pool.read { db in
            try SearchPlan(
                SearchQuery(test.text, typing: test.typing), shelf: test.shelf, in: db, cache: library.cacheScope
            ).fts.match
        }
        return try library.pool.read { db in
            guard let match else {
                return (
                    try Int64.fetchAll(db, sql: "SELECT p.seq FROM post p WHERE \(test.condition) ORDER BY p.seq"), nil
                )
            }
            let source = """
                FROM post_fts WHERE post_fts MATCH ?
                AND +rowid IN (SELECT p.seq FROM post p WHERE \(test.condition))
                """
            let archive = try Int64.fetchAll(db, sql: "SELECT rowid \(source) ORDER BY rowid", arguments: [match])
            let ranked = try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid AS seq, bm25(post_fts, \(FTSExpression.bm25Weights)) AS rank \(source)
                    ORDER BY rank, rowid
                    """, arguments: [match]
            ).map { ($0["seq"] as Int64, -($0["rank"] as Double)) }
            return (archive, ranked)
        }
    }

    @Test func everyFilterFormFindsCountsPagesAndRanksWhatPlainSQLDoes() throws {
        let folder = try TemporaryFolder()
        let library = try folder.generatedLibrary(posts: 900, pages: 9, seed: 13)
        let posts = try library.pool.read { try String.fetchAll($0, sql: "SELECT id FROM post ORDER BY seq") }
        for id in stride(from: 0, to: posts.count, by: 7).map({ posts[$0] }) {
            _ = try library.setBookmark(true, postID: id)
        }
        for test in FilterSetTests.cases {
            let query = SearchQuery(test.text, typing: test.typing)
            let (archive, ranked) = try FilterSetTests.expected(test, in: library)
            try #require(archive.count >= 20, "too few matches to page: \(test)")
            try #require(archive.count < posts.count, "the filter leaves nothing out: \(test)")
            let expectedIDs = try FilterSetTests.ids(archive, in: library)
            let whole = try library.search(query, on: test.shelf, order: .archive, limit: posts.count)
            #expect(whole.total == archive.count, "\(test)")
            #expect(whole.rows.map(\.id) == expectedIDs, "\(test)")
            for offset in [0, 7, archive.count - 5] {
                let page = try library.search(query, on: test.shelf, order: .archive, offset: offset, limit: 13)
                #expect(page.total == archive.count, "\(test) at \(offset)")
                #expect(page.rows.map(\.id) == Array(expectedIDs[offset..<min(offset + 13, archive.count)]))
            }
            guard let ranked else { continue }
            let relevance = try library.search(query, on: test.shelf, order: .relevance, limit: posts.count)
            #expect(relevance.order == .relevance, "\(test)")
            #expect(relevance.total == archive.count, "\(test)")
            #expect(relevance.rows.map(\.id) == (try FilterSetTests.ids(ranked.map(\.0), in: library)), "\(test)")
            #expect(relevance.rows.map(\.score) == ranked.map(\.1), "\(test)")
            let second = try library.search(query, on: test.shelf, order: .relevance, offset: 13, limit: 13)
            #expect(second.rows.map(\.id) == Array(relevance.rows.map(\.id)[13..<min(26, archive.count)]), "\(test)")
        }
    }

    /// The browser's bounded ranking with a filter pages through every match once.
    @Test func aBoundedRankingWithAFilterListsEveryMatchOnce() throws {
        let folder = try TemporaryFolder()
        let library = try folder.generatedLibrary(posts: 900, pages: 9, seed: 13)
        for test in FilterSetTests.cases.prefix(6) {
            let (archive, _) = try FilterSetTests.expected(test, in: library)
            let query = SearchQuery(test.text, typing: test.typing)
            let (rows, _) = try LiveRankingTests.all(
                library, query, order: .relevance, ranking: .live(bound: 20), pageSize: 9)
            #expect(rows.map(\.id).sorted() == (try FilterSetTests.ids(archive, in: library)).sorted(), "\(test)")
        }
    }
}
