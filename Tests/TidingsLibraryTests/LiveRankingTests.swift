import Foundation
import GRDB
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsLibrary

/// The browser's ranking while typing (``RankingScope/live(bound:knownMatches:)``,
/// docs/search.md "Ranking while typing"): every match when few match; else the candidates by
/// BM25, then the rest in the order they were added; not at all for a prefix that begins too
/// many words.
@Suite struct LiveRankingTests {
    /// 600 generated posts over 6 pages.
    static func generatedLibrary(in folder: TemporaryFolder) throws -> Library {
        try folder.generatedLibrary(posts: 600, pages: 6, seed: 7)
    }

    /// 30 posts over 40 words starting with "sel" (over the 32 a live ranking merges) and
    /// 10 starting with "selq".
    static func broadLibrary(in folder: TemporaryFolder) throws -> Library {
        let letters = Array("abcdefghijklmnopqrst")
        let broad = letters.flatMap { a in ["sel\(a)a", "sel\(a)b"] }
        let narrow = (0..<10).map { "selq\(letters[$0])" }
        let posts = (0..<30).map { index in
            Page.post(
                "Report \(index) \(broad[index])", date: "2020-01-\(10 + index % 9)",
                body: [(broad + narrow).shuffled().prefix(12).joined(separator: " ") + " said."])
        }
        try folder.write("page.txt", Page.make(header: "Category: Economy", posts.joined()))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path + "/page.txt"])
        return library
    }

    /// Every row of a search, read `pageSize` at a time as the browser pages.
    static func all(
        _ library: Library, _ query: SearchQuery, order: SearchOrder, ranking: RankingScope, pageSize: Int
    ) throws -> (rows: [SearchRow], hints: Set<String>) {
        var rows: [SearchRow] = []
        var hints = Set<String>()
        while true {
            let page = try library.search(
                query, order: order, offset: rows.count, limit: pageSize, counting: false, ranking: ranking)
            hints.formUnion(page.hints)
            rows += page.rows
            if page.rows.count < pageSize { return (rows, hints) }
        }
    }

    @Test func manyMatchesRankTheCandidatesFirstThenTheRestInArchiveOrder() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        let query = SearchQuery("said", typing: true)
        let bound = 80
        // What the rule says, worked out from searches that do not bound anything.
        let archive = try LiveRankingTests.all(library, query, order: .archive, ranking: .everyMatch, pageSize: 1_000)
        let titled = try LiveRankingTests.all(
            library, SearchQuery("title:said*"), order: .archive, ranking: .everyMatch, pageSize: 1_000)
        try #require(archive.rows.count > bound && titled.rows.count > bound / 2, "the corpus is too small to test")
        let candidates = Set(archive.rows.suffix(bound / 2).map(\.id) + titled.rows.suffix(bound / 2).map(\.id))
        let full = try LiveRankingTests.all(library, query, order: .relevance, ranking: .everyMatch, pageSize: 1_000)
        let expected =
            full.rows.filter { candidates.contains($0.id) }.map(\.id)
            + archive.rows.filter { !candidates.contains($0.id) }.map(\.id)

        // Pages of 7 cross the end of the candidates in the middle of a page.
        let live = try LiveRankingTests.all(
            library, query, order: .relevance, ranking: .live(bound: bound), pageSize: 7)
        #expect(live.rows.map(\.id) == expected)
        #expect(live.hints.contains("ranked: newest 40 and title matches"))
        // Candidates keep their BM25 score, times one factor (a lone word is not counted);
        // the rest have none.
        let scores = Dictionary(uniqueKeysWithValues: full.rows.map { ($0.id, $0.score) })
        let scored = live.rows.filter { candidates.contains($0.id) }
        #expect(RankFunctionTests.proportional(scored.map { scores[$0.id]! }, scored.map(\.score)))
        #expect(live.rows.allSatisfy { candidates.contains($0.id) || $0.score == nil })
        // The count from the first stage gives the same page.
        let known = try library.search(
            query, order: .relevance, limit: 10, counting: false,
            ranking: .live(bound: bound, knownMatches: archive.rows.count))
        #expect(known.rows.map(\.id) == Array(expected.prefix(10)))
    }

    @Test func titleMatchesAreCandidatesAmongTheLastPostsAddedOnly() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        let bound = 20
        let window = bound * RankingScope.titleWindowFactor  // 200 of the 600 posts
        let seqs = try library.pool.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, seq FROM post").map {
                    ($0["id"] as String, $0["seq"] as Int64)
                })
        }
        let last = try #require(seqs.values.max())
        var cut = false
        for text in ["said", "people", "korea", "talks"] {
            let query = SearchQuery(text, typing: true)
            let archive = try LiveRankingTests.all(
                library, query, order: .archive, ranking: .everyMatch, pageSize: 1_000)
            guard archive.rows.count > bound else { continue }
            let titled = try LiveRankingTests.all(
                library, SearchQuery("title:\(text)*"), order: .archive, ranking: .everyMatch, pageSize: 1_000)
            let inWindow = titled.rows.filter { seqs[$0.id]! > last - Int64(window) }
            let titleCandidates = inWindow.suffix(bound / 2).map(\.id)
            cut = cut || titled.rows.suffix(bound / 2).map(\.id) != titleCandidates
            let candidates = Set(archive.rows.suffix(bound / 2).map(\.id) + titleCandidates)
            let full = try LiveRankingTests.all(
                library, query, order: .relevance, ranking: .everyMatch, pageSize: 1_000)
            let expected =
                full.rows.filter { candidates.contains($0.id) }.map(\.id)
                + archive.rows.filter { !candidates.contains($0.id) }.map(\.id)
            let live = try LiveRankingTests.all(
                library, query, order: .relevance, ranking: .live(bound: bound), pageSize: 9)
            #expect(live.rows.map(\.id) == expected, "\(text)")
            #expect(live.hints.contains("ranked: newest 10 and title matches of the last 200"), "\(text)")
        }
        #expect(cut, "no query had title matches older than the window among its newest: the rule went untested")
    }

    @Test func fewMatchesAreAllRankedAsTheCommandRanksThem() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        for text in ["said", "north korea", "\"north korea\"", "kim -missile", "seoul OR pyongyang"] {
            let query = SearchQuery(text, typing: true)
            let full = try library.search(query, order: .relevance, limit: 30, counting: true)
            let live = try library.search(query, order: .relevance, limit: 30, ranking: .live(bound: 1_000))
            // The same rows in the same order; a lone group's scores are BM25's times one
            // factor (it is not counted), several groups' are BM25's own.
            #expect(live.rows.map(\.id) == full.rows.map(\.id), "\(text)")
            #expect(RankFunctionTests.proportional(full.rows.map(\.score), live.rows.map(\.score)), "\(text)")
            if ["north korea", "seoul OR pyongyang"].contains(text) {
                #expect(
                    zip(live.rows, full.rows).allSatisfy { RankFunctionTests.same($0.score!, $1.score!) }, "\(text)")
            }
            #expect(live.hints == full.hints && live.order == .relevance, "\(text)")
            let known = try library.search(
                query, order: .relevance, limit: 30, ranking: .live(bound: 1_000, knownMatches: full.total))
            #expect(known.rows == live.rows, "\(text)")
        }
    }

    @Test func aWordBeingTypedOfOneCharacterIsNotRankedAndSaysSo() async throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.generatedLibrary(in: folder)
        for (text, character) in [("s", "s"), ("\"north k", "k"), ("korea t", "t"), ("-missile s", "s")] {
            let query = SearchQuery(text, typing: true)
            let page = try await library.search(query, order: .relevance, limit: 10, ranking: .typing)
            let archive = try await library.search(query, order: .archive, limit: 10)
            #expect(page.order == .archive && page.rows == archive.rows && page.total == archive.total, "\(text)")
            // After what the parser says (`"north k`: the quote it closed).
            #expect(page.hints.last == "not ranked: ‘\(character)’ is one character, type on", "\(text)")
            #expect(try await library.liveRankingDeclined(query) == page.hints.last, "\(text)")
            // `tidings search` ranks it all the same.
            let full = try await library.search(query, order: .relevance, limit: 10)
            #expect(full.order == .relevance && full.rows.allSatisfy { $0.score != nil }, "\(text)")
        }
        // A finished word of one letter, a second letter, or one excluded is ranked.
        for text in ["s ", "se", "korea -t", "\"north ko"] {
            #expect(try await library.liveRankingDeclined(SearchQuery(text, typing: true)) == nil, "\(text)")
        }
    }

    @Test func aPrefixThatBeginsTooManyWordsIsNotRankedAndSaysSo() async throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.broadLibrary(in: folder)
        let query = SearchQuery("sel", typing: true)
        let page = try await library.search(query, order: .relevance, limit: 10, ranking: .typing)
        let archive = try await library.search(query, order: .archive, limit: 10)
        #expect(page.order == .archive && page.rows == archive.rows && page.total == 30)
        #expect(page.hints == ["not ranked: ‘sel’ begins over 32 words, type on"])
        #expect(try await library.liveRankingDeclined(query) == page.hints.first)
        // A longer prefix begins few enough words, and `tidings search` ranks any query.
        #expect(try await library.liveRankingDeclined(SearchQuery("selq", typing: true)) == nil)
        #expect(try await library.liveRankingDeclined(SearchQuery("se", typing: true)) == nil)
        let full = try await library.search(query, order: .relevance, limit: 10)
        #expect(full.order == .relevance && full.hints.isEmpty && full.rows.allSatisfy { $0.score != nil })
    }
}
