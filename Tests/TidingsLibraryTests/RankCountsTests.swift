import Foundation
import GRDB
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsLibrary

/// The document counts the live ranking gives `tidings_rank` (``RankCounts``), and the live
/// ranking's order where those counts and groups meet filters, shelves, Korean and writes.
@Suite struct RankCountsTests {
    /// Every row of `query` on `shelf`, page by page.
    static func all(
        _ library: Library, _ query: SearchQuery, on shelf: Shelf = .all, order: SearchOrder,
        ranking: RankingScope = .everyMatch, pageSize: Int = 1_000
    ) throws -> [SearchRow] {
        var rows: [SearchRow] = []
        while true {
            let page = try library.search(
                query, on: shelf, order: order, offset: rows.count, limit: pageSize, counting: false,
                ranking: ranking)
            rows += page.rows
            if page.rows.count < pageSize { return rows }
        }
    }

    /// The seq of every post, by id.
    static func seqs(in library: Library) throws -> [String: Int64] {
        try library.pool.read { db in
            Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, seq FROM post").map {
                    ($0["id"] as String, $0["seq"] as Int64)
                })
        }
    }

    @Test func aLoneGroupIsNeverCountedSeveralAreCountedExactlyExclusionsNever() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.library(in: folder)
        let cache = library.cacheScope
        try library.pool.read { db in
            func exact(_ match: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post_fts WHERE post_fts MATCH ?", arguments: [match])
                    ?? 0
            }
            func counts(_ text: String, typing: Bool = false) throws -> (FTSExpression, [Int]) {
                let plan = try SearchPlan(SearchQuery(text, typing: typing), shelf: .all, in: db, cache: cache)
                return (plan.walk, try RankCounts.counts(plan.walk, in: db, cache: cache))
            }
            // One positive group, whatever it is and whatever is excluded: nothing counted.
            for (text, typing) in [
                ("said", false), ("title:summit", false), ("\"north korea\"", false), ("summ*", false),
                ("정은", false), ("\"north korea\" -said", false), ("kim -missile -talks", false), ("kor", true),
                ("\"north kor", true),
            ] {
                let (expression, found) = try counts(text, typing: typing)
                #expect(!found.isEmpty && found == Array(repeating: 0, count: found.count), "\(text)")
                #expect(found.count == expression.groupMatches.count, "\(text)")
            }
            // Several positive groups: each exactly; an excluded one 0.
            for (text, typing) in [
                ("korea talks", false), ("north korea -said", false), ("title:summit korea", false),
                ("\"north korea\" summ*", false), ("korea tal", true), ("정은 said", false),
                ("seoul OR pyongyang", false), ("kim talks -missile", false),
            ] {
                let (expression, found) = try counts(text, typing: typing)
                let expected = try expression.groupMatches.map { try $0.map(exact) ?? 0 }
                #expect(found == expected, "\(text)")
                let positive = expression.groupMatches.indices.filter { expression.groupMatches[$0] != nil }
                #expect(positive.count >= 2 && positive.allSatisfy { found[$0] > 0 }, "\(text): too few matches")
                for group in expression.groupMatches.indices where expression.groupMatches[group] == nil {
                    #expect(found[group] == 0, "\(text)")
                }
            }
            // A prefix written out as its words is counted as the prefix.
            let (_, spelled) = try counts("korea tal", typing: true)
            #expect(spelled[1] == (try exact("\"tal\" *")))
        }
    }

    @Test func theCountsAreTakenAgainAfterAWrite() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.smallLibrary(in: folder)
        let query = SearchQuery("people envoy")
        func expectBM25(_ moment: String) throws {
            let live = try library.search(query, order: .relevance, limit: 40, ranking: .live(bound: 100_000))
            let command = try library.search(query, order: .relevance, limit: 40)
            try #require(live.rows.count > 5, "too few matches \(moment)")
            #expect(live.rows.map(\.id) == command.rows.map(\.id), "\(moment)")
            #expect(
                zip(live.rows, command.rows).allSatisfy { RankFunctionTests.same($0.score!, $1.score!) },
                "\(moment): the scores are not bm25()'s")
        }
        try expectBM25("before the import")
        // Words in fewer than half the posts (above half, BM25 floors their weight whatever
        // the count); many more posts with one than the other: both counts and weights change.
        var posts = (0..<150).map {
            Page.post("People dispatch \($0)", body: ["People news number \($0) from the peninsula."])
        }
        posts += (0..<20).map { Page.post("Envoy note \($0)", body: ["The envoy spoke, people waited (\($0))."]) }
        try folder.write("more/more.txt", Page.make(header: nil, posts: posts))
        let summary = try library.importArchives(at: [folder.path + "/more"])
        try #require(summary.postsNew == posts.count)
        try expectBM25("after the import")
    }

    @Test func theCandidatesWithAFilterOrShelfAndOlderTitleMatchesOrderAsBM25() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.library(in: folder)
        let seqs = try RankCountsTests.seqs(in: library)
        let last = try #require(seqs.values.max())
        let bound = 20
        let half = bound / 2
        let windowStart = last - Int64(bound * RankingScope.titleWindowFactor) + 1
        try #require(windowStart > 1, "the library is no larger than the title window")
        var armTested = false
        for word in ["said", "people", "korea", "talks"] {
            let titled = Set(try RankCountsTests.all(library, SearchQuery("title:\(word)"), order: .archive).map(\.id))
            let titleSeqs = titled.map { seqs[$0]! }.filter { $0 >= windowStart }.sorted()
            let newestTitle = titleSeqs.count >= half ? titleSeqs[titleSeqs.count - half] : windowStart
            // A filter most posts pass (the title arm then reaches past the newest matches),
            // one few pass, and a shelf.
            let cases: [(String, Shelf)] = [
                ("-outlet:reuters \(word)", .all), ("outlet:reuters \(word)", .all), (word, .outlet("Reuters")),
                ("-outlet:bbc \(word)", .author("Jane Holloway")),
            ]
            for (text, shelf) in cases {
                let query = SearchQuery(text)
                let matches = try RankCountsTests.all(library, query, on: shelf, order: .archive).map(\.id)
                    .sorted { seqs[$0]! < seqs[$1]! }
                guard matches.count > bound else { continue }
                let newest = matches.suffix(half)
                let oldestNewest = seqs[newest.first!]!
                let older = matches.filter {
                    titled.contains($0) && seqs[$0]! >= newestTitle && seqs[$0]! < oldestNewest
                }
                armTested = armTested || !older.isEmpty
                let candidates = Set(newest + older)
                let full = try RankCountsTests.all(library, query, on: shelf, order: .relevance)
                let expected =
                    full.filter { candidates.contains($0.id) }.map(\.id) + matches.filter { !candidates.contains($0) }
                let live = try RankCountsTests.all(
                    library, query, on: shelf, order: .relevance, ranking: .live(bound: bound), pageSize: 7)
                #expect(live.map(\.id) == expected, "\(text) on \(shelf)")
                #expect(Set(live.filter { $0.score != nil }.map(\.id)) == candidates, "\(text) on \(shelf)")
            }
        }
        #expect(armTested, "no query had an older title match among its candidates: the title arm went untested")
    }

    @Test func aKoreanTitleQueryIsRankedWhileTypingAsBM25() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.library(in: folder)
        for text in ["title:정은", "title:정은 said"] {
            let query = SearchQuery(text, typing: true)
            let full = try RankCountsTests.all(library, query, order: .relevance)
            try #require(full.count > 4, "too few matches for \(text)")
            #expect(full.allSatisfy { $0.title.contains("정은") }, "\(text)")
            // Every match ranked.
            let every = try RankCountsTests.all(library, query, order: .relevance, ranking: .live(bound: 100_000))
            #expect(every.map(\.id) == full.map(\.id), "\(text)")
            #expect(RankFunctionTests.proportional(full.map(\.score), every.map(\.score)), "\(text)")
            // Bounded: the candidates in BM25's order, then the rest in archive order.
            let archive = try RankCountsTests.all(library, query, order: .archive)
            let bound = max(2, archive.count / 2 & ~1)
            let live = try RankCountsTests.all(
                library, query, order: .relevance, ranking: .live(bound: bound), pageSize: 3)
            let candidates = Set(live.filter { $0.score != nil }.map(\.id))
            #expect(candidates.count >= bound / 2, "\(text)")
            let expected =
                full.filter { candidates.contains($0.id) }.map(\.id)
                + archive.filter { !candidates.contains($0.id) }.map(\.id)
            #expect(live.map(\.id) == expected, "\(text)")
        }
    }
}
