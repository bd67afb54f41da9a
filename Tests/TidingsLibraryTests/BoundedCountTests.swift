import Foundation
import Testing
import TidingsCore

@testable import TidingsLibrary

/// A count bounded while typing (`Library.search(countBound:)`): exact up to its bound, "more
/// than the bound" past it, with the same page; a prefix of many words walked as the `OR` of
/// its words finds what the prefix finds; without a bound the count is exact as before.
@Suite struct BoundedCountTests {
    @Test func aBoundedCountIsExactUpToItsBoundAndMoreThanItPast() throws {
        let folder = try TemporaryFolder()
        let generated = try LiveRankingTests.generatedLibrary(in: folder)
        let broadFolder = try TemporaryFolder()
        let broad = try LiveRankingTests.broadLibrary(in: broadFolder)
        let cases: [(Library, String)] = [
            (generated, "said"), (generated, "\"north kor"), (generated, "peo"), (generated, "kim sanct"),
            (generated, "-missile sel"), (generated, "s"), (broad, "sel"), (broad, "selq"), (broad, "-selq sel"),
            (generated, "zzzz"),
            // No full-text match: a filter alone off its own index, anything else over the posts.
            (generated, "outlet:r"), (generated, "category:e"), (generated, "author:h"), (generated, "-outlet:reuters"),
            (generated, "outlet:reuters -kim"), (generated, "outlet:nobody"),
        ]
        for (library, text) in cases {
            let query = SearchQuery(text, typing: true)
            let exact = try library.search(query, order: .archive, limit: 10)
            let total = try #require(exact.total, "\(text)")
            try #require(text.hasPrefix("zzzz") || text.hasSuffix("nobody") || total > 3, "\(text) matches too few")
            #expect(exact.count == .exact(total), "\(text): without a bound the count is exact")
            // A filter alone knows its size from its set: exact whatever the bound.
            let free = ["outlet:r", "category:e", "author:h"].contains(text)
            for bound in Set([0, 1, max(0, total - 1), total, total + 1, 10_000]) {
                let page = try library.search(query, order: .archive, limit: 10, countBound: bound)
                let past = total > bound && !free
                #expect(page.count == (past ? .moreThan(bound) : .exact(total)), "\(text) up to \(bound)")
                #expect(page.total == (past ? nil : total), "\(text) up to \(bound)")
                #expect(page.rows == exact.rows, "\(text) up to \(bound)")
            }
        }
    }

    @Test func aPrefixOfManyWordsIsWalkedAsTheirOrAndFindsWhatThePrefixFinds() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.broadLibrary(in: folder)
        for text in ["sel", "report sel", "-selqa sel"] {
            let query = SearchQuery(text, typing: true)
            let (plan, lazy, prefix) = try library.pool.read { db in
                let plan = try SearchPlan(query, shelf: .all, lazyWalks: true, in: db, cache: library.cacheScope)
                let lazy = try plan.ftsSource(lazy: true).map { source, arguments in
                    try Int64.fetchAll(
                        db, sql: "SELECT post_fts.rowid \(source) ORDER BY post_fts.rowid", arguments: arguments)
                }
                let prefix = try plan.ftsSource().map { source, arguments in
                    try Int64.fetchAll(
                        db, sql: "SELECT post_fts.rowid \(source) ORDER BY post_fts.rowid", arguments: arguments)
                }
                return (plan, lazy, prefix)
            }
            // `sel` begins about 50 words: beyond the 32 written out for every statement, within
            // the lazy walk's cap, so only the lazy walk spells them out.
            #expect(plan.walk.match?.contains("\"sel\" *") == true, "\(text)")
            #expect(plan.lazyWalk?.match?.contains(" OR ") == true, "\(text)")
            #expect(plan.lazyWalk?.match?.contains("*") == false, "\(text)")
            #expect(lazy == prefix && lazy?.isEmpty == false, "\(text)")
            let all = try library.search(query, order: .archive, limit: 1_000, counting: false).rows
            for offset in [0, 5, all.count - 2] {
                let exact = try library.search(query, order: .archive, offset: offset, limit: 4)
                let bounded = try library.search(query, order: .archive, offset: offset, limit: 4, countBound: 10)
                #expect(bounded.rows == exact.rows && bounded.rows == Array(all.dropFirst(offset).prefix(4)))
                #expect(bounded.count == (all.count > 10 ? .moreThan(10) : .exact(all.count)))
            }
        }
        // Made without lazy walks (the ranking, `tidings search`), the plan keeps the prefix.
        let plain = try library.pool.read { db in
            try SearchPlan(SearchQuery("sel", typing: true), shelf: .all, in: db, cache: library.cacheScope)
        }
        #expect(plain.lazyWalk == nil)
    }

    /// A broad prefix (50 words: walked as their `OR` while typing) excluded (`-sel*`: a word
    /// being typed after `-` is excluded as a word, not a prefix), in a title
    /// filter and at the end of a phrase: the bounded first stage finds exactly the posts built
    /// to match, in archive order, with the same count as without a bound.
    @Test func aBroadPrefixExcludedInATitleOrInAPhraseIsWalkedRight() throws {
        let folder = try TemporaryFolder()
        let letters = Array("abcdefghijklmnopqrstuvwxy")
        let words = letters.flatMap { a in ["sel\(a)a", "sel\(a)b"] }
        // Post i: every sel word in the body when i is even, in the title when i % 3 == 0, and
        // "north" right before one when i % 4 == 0; "said" in every post.
        let posts = (0..<40).map { index in
            let word = words[index % words.count]
            let title = index % 3 == 0 ? "Note \(index) on \(word)" : "Note \(index) on trade"
            var body = "Officials said little on day \(index)."
            if index % 2 == 0 { body += " The \(words.joined(separator: " ")) questions came up." }
            if index % 4 == 0 { body += " Talks in the north \(word) went on." }
            return Page.post(title, date: "2020-02-\(10 + index % 9)", body: [body])
        }
        try folder.write("page.txt", Page.make(header: "Category: Economy", posts.joined()))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path + "/page.txt"])
        let titles = try library.search(SearchQuery("said"), order: .archive, limit: 100).rows.map(\.headline.title)
        try #require(titles.count == 40)
        func indices(_ rows: [SearchRow]) -> Set<Int> {
            Set(rows.compactMap { Int($0.headline.title.split(separator: " ")[1]) })
        }
        let cases: [(String, Set<Int>)] = [
            ("said -sel*", Set((0..<40).filter { $0 % 2 != 0 && $0 % 3 != 0 })),
            ("title:sel", Set((0..<40).filter { $0 % 3 == 0 })),
            ("\"north sel", Set((0..<40).filter { $0 % 4 == 0 })),
        ]
        for (text, expected) in cases {
            let query = SearchQuery(text, typing: true)
            let plan = try library.pool.read { db in
                try SearchPlan(query, shelf: .all, lazyWalks: true, in: db, cache: library.cacheScope)
            }
            // More words than are written out for every statement: only the walk spells them.
            #expect(plan.lazyWalk?.match?.contains(" OR ") == true, "\(text)")
            #expect(plan.walk.match?.contains("*") == true, "\(text)")
            let exact = try library.search(query, order: .archive, limit: 100)
            #expect(indices(exact.rows) == expected, "\(text)")
            #expect(exact.total == expected.count, "\(text)")
            for bound in [0, 3, expected.count - 1, expected.count, 10_000] {
                for offset in [0, 4] {
                    let all = try library.search(query, order: .archive, offset: offset, limit: 5)
                    let page = try library.search(query, order: .archive, offset: offset, limit: 5, countBound: bound)
                    #expect(page.rows == all.rows, "\(text) at \(offset) up to \(bound)")
                    let past = expected.count > bound
                    #expect(page.count == (past ? .moreThan(bound) : .exact(expected.count)), "\(text) up to \(bound)")
                }
            }
        }
    }

    @Test func aPrefixOfMoreWordsThanTheWalkSpellsIsStillWalkedOnce() throws {
        let folder = try TemporaryFolder()
        // 600 words begin `zeb`: more than the lazy walk writes out as its `OR`.
        let words = (0..<600).map { "zeb" + String(format: "%03d", $0) + "x" }
        let posts = (0..<30).map { index in
            Page.post(
                "Report \(index)", date: "2020-01-\(10 + index % 9)",
                body: [words[(index * 20)..<(index * 20 + 20)].joined(separator: " ") + " said."])
        }
        try folder.write("page.txt", Page.make(header: "Category: Economy", posts.joined()))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path + "/page.txt"])
        let query = SearchQuery("zeb", typing: true)
        let walked = try library.pool.read { db in
            let plan = try SearchPlan(query, shelf: .all, lazyWalks: true, in: db, cache: library.cacheScope)
            #expect(plan.lazyWalk == nil)
            // The prefix is merged once for the page and the bounded count, not once each.
            return try Library.oneWalk(plan, offset: 0, limit: 5, bound: 10, in: db, cache: library.cacheScope)
        }
        let exact = try library.search(query, order: .archive, limit: 5)
        let walkedIDs = try library.pool.read { db in
            try (walked?.hits ?? []).map {
                try String.fetchOne(db, sql: "SELECT id FROM post WHERE seq = ?", arguments: [$0])
            }
        }
        #expect(walkedIDs == exact.rows.map(\.headline.id))
        #expect(walked?.count == .moreThan(10))
        let page = try library.search(query, order: .archive, limit: 5, countBound: 10)
        #expect(page.rows == exact.rows && page.count == .moreThan(10) && exact.total == 30)
    }

    @Test func theWordsOfAPrefixAreKeptForEveryLimit() throws {
        let folder = try TemporaryFolder()
        let library = try LiveRankingTests.broadLibrary(in: folder)
        try library.pool.read { db in
            let cache = library.cacheScope
            // Some 50 words begin `sel` (about 40, and 10 more `selq`).
            #expect(try PrefixWords.words(beginning: "sel", in: db, cache: cache) == nil)
            let all = try String.fetchAll(
                db, sql: "SELECT term FROM temp.post_vocab WHERE substr(term, 1, 3) = 'sel' ORDER BY term")
            try #require(all.count > RankingScope.broadPrefixWords)
            #expect(try PrefixWords.words(beginning: "sel", atMost: 60, in: db, cache: cache) == all)
            #expect(try PrefixWords.words(beginning: "sel", atMost: all.count - 1, in: db, cache: cache) == nil)
            #expect(try PrefixWords.words(beginning: "sel", in: db, cache: cache) == nil)
            // A longer prefix is narrowed from the shorter one's words, whatever its limit.
            let selq = all.filter { $0.hasPrefix("selq") }
            #expect(try PrefixWords.words(beginning: "selq", in: db, cache: cache) == selq)
            #expect(try PrefixWords.words(beginning: "selq", atMost: selq.count - 1, in: db, cache: cache) == nil)
        }
        let fresh = try TemporaryFolder()
        let other = try LiveRankingTests.broadLibrary(in: fresh)
        try other.pool.read { db in
            // Read first with the small limit (more than it), then with a larger one.
            #expect(try PrefixWords.words(beginning: "sel", in: db, cache: other.cacheScope) == nil)
            let many = try PrefixWords.words(beginning: "sel", atMost: 60, in: db, cache: other.cacheScope)
            #expect((many?.count ?? 0) > RankingScope.broadPrefixWords)
        }
    }

    @Test func theLiveRankingTakesMoreThanItsBoundAsKnown() {
        let bound = RankingScope.typingBound
        #expect(RankingScope.typing(known: .exact(12)) == .live(bound: bound, knownMatches: 12))
        #expect(RankingScope.typing(known: .moreThan(bound)) == .live(bound: bound, knownMatches: bound + 1))
        // A smaller bound says nothing about the ranking's own: it walks to learn it.
        #expect(RankingScope.typing(known: .moreThan(bound - 1)) == .live(bound: bound, knownMatches: nil))
        #expect(RankingScope.typing(known: nil) == .live(bound: bound, knownMatches: nil))
    }
}
