import Foundation
import GRDB
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsLibrary

/// Search over a small library written for these tests (one story per feature to check).
@Suite struct SearchTests {
    /// The fixture library, imported once per test (each test gets its own folder).
    let folder: TemporaryFolder
    let library: Library

    init() throws {
        folder = try TemporaryFolder()
        try folder.write(
            "a-diplomacy.txt",
            Page.make(
                header: "Category: Diplomacy",
                Page.post(
                    "Kim Jong Un meets envoy in Pyongyang", date: "May 1, 2019", author: "Jane Holloway",
                    body: ["The leader said talks with the envoy went well."], outlet: "Reuters"),
                Page.post(
                    "Détente on the peninsula", author: "Élodie Marchand",
                    body: ["A tête-à-tête between the two leaders in Panmunjom lasted an hour."], outlet: "BBC")))
        try folder.write(
            "b-economy.txt",
            Page.make(
                header: "Category: Economy",
                Page.post(
                    "Markets in Sinuiju",
                    body: [
                        "Traders said rice prices fell at a cafe near the market.",
                        "Human rights groups were not consulted.",
                    ], outlet: "Daily NK")))
        try folder.write(
            "c-government.txt",
            Page.make(
                header: "Category: DPRK Government",
                Page.post("김정은이 평양에서 연설", body: ["조선중앙통신은 김정은이 연설했다고 전했다."], outlet: "Yonhap")))
        try folder.write(
            "d-military.txt",
            Page.make(
                header: "Category: Military",
                Page.post(
                    "Missile launch condemned",
                    body: [
                        "Officials in Seoul said the missile test broke resolutions.",
                        "Human rights were mentioned too.",
                    ], outlet: "NK News"),
                Page.post(
                    "Weekly digest", body: ["This week: summit preparations, a speech, and missile news."],
                    outlet: "NK News"),
                Page.post("Summit planned for spring", body: ["Diplomats confirmed the plans."], outlet: "AP")))
        library = try folder.library()
        let summary = try library.importArchives(at: [folder.path])
        #expect(summary.postsNew == 7)
    }

    /// Titles found for `text`, in the order the search returns them.
    private func titles(
        _ text: String, typing: Bool = false, order: SearchOrder = .archive,
        on shelf: Shelf = .all
    ) throws -> [String] {
        try library.search(SearchQuery(text, typing: typing), on: shelf, order: order).rows.map(\.title)
    }

    @Test func accentsAndCaseDoNotMatter() throws {
        #expect(try titles("detente") == ["Détente on the peninsula"])
        #expect(try titles("DÉTENTE") == ["Détente on the peninsula"])
        #expect(try titles("tete-a-tete") == ["Détente on the peninsula"])
        #expect(try titles("TÊTE") == ["Détente on the peninsula"])
        #expect(try titles("café") == ["Markets in Sinuiju"])
        #expect(try titles("PANMUNJOM") == ["Détente on the peninsula"])
    }

    @Test func phrasesExclusionsAndAlternatives() throws {
        #expect(try titles("\"human rights\"") == ["Markets in Sinuiju", "Missile launch condemned"])
        #expect(try titles("\"rights human\"") == [])
        #expect(try titles("\"human rights\" -missile") == ["Markets in Sinuiju"])
        #expect(try titles("\"human rights\" -\"broke resolutions\"") == ["Markets in Sinuiju"])
        #expect(try titles("sinuiju OR panmunjom") == ["Détente on the peninsula", "Markets in Sinuiju"])
        #expect(try titles("said sinuiju OR seoul") == ["Markets in Sinuiju", "Missile launch condemned"])
    }

    @Test func fields() throws {
        #expect(try titles("title:summit") == ["Summit planned for spring"])
        #expect(try titles("summit") == ["Weekly digest", "Summit planned for spring"])
        #expect(try titles("author:holloway") == ["Kim Jong Un meets envoy in Pyongyang"])
        #expect(try titles("author:elodie") == ["Détente on the peninsula"])
        #expect(try titles("author:\"jane holloway\" said") == ["Kim Jong Un meets envoy in Pyongyang"])
        #expect(try titles("outlet:\"daily nk\"") == ["Markets in Sinuiju"])
        #expect(try titles("source:bbc") == ["Détente on the peninsula"])
        #expect(try titles("outlet:nk") == ["Markets in Sinuiju", "Missile launch condemned", "Weekly digest"])
        #expect(try titles("category:economy") == ["Markets in Sinuiju"])
        #expect(try titles("category:diplo leaders") == ["Détente on the peninsula"])
        #expect(try titles("missile -outlet:\"nk news\"") == [])
        #expect(
            try titles("said -category:military") == ["Kim Jong Un meets envoy in Pyongyang", "Markets in Sinuiju"])
        let none = try library.search(SearchQuery("author:nobody kim"))
        #expect(none.rows.isEmpty && none.total == 0)
        #expect(none.hints == ["no author matches ‘nobody’"])
    }

    @Test func koreanIsFoundInsideLongerWords() throws {
        let korean = "김정은이 평양에서 연설"
        #expect(try titles("정은") == [korean])
        #expect(try titles("김정은") == [korean])
        #expect(try titles("김정은이") == [korean])
        #expect(try titles("중앙") == [korean])
        #expect(try titles("연설 평양") == [korean])
        #expect(try titles("정") == [korean])
        #expect(try titles("은이") == [korean])
        #expect(try titles("정은 -연설") == [])
        #expect(try titles("title:평양") == [korean])
        #expect(try titles("title:중앙") == [])
        #expect(try titles("은정") == [])
        let row = try library.search(SearchQuery("정은")).rows[0]
        #expect(SearchHighlighter(SearchQuery("정은")).matches(in: row.title, isTitle: true) == [1..<3])
    }

    @Test func theWordBeingTypedMatchesAsAPrefix() throws {
        #expect(try titles("sinu", typing: true) == ["Markets in Sinuiju"])
        #expect(try titles("sinu") == [])
        #expect(try titles("\"human ri", typing: true) == ["Markets in Sinuiju", "Missile launch condemned"])
        #expect(try titles("title:sum", typing: true) == ["Summit planned for spring"])
        let query = SearchQuery("markets sinu", typing: true)
        let page = try library.search(query)
        #expect(
            page.rows.first.map { SearchHighlighter(query).matches(in: $0.title, isTitle: true) } == [0..<7, 11..<15])
    }

    @Test func relevancePutsTitleMatchesFirst() throws {
        let page = try library.search(SearchQuery("summit"), order: .relevance)
        #expect(page.order == .relevance)
        #expect(page.rows.map(\.title) == ["Summit planned for spring", "Weekly digest"])
        let scores = page.rows.compactMap(\.score)
        #expect(scores.count == 2 && scores[0] > scores[1])
        let missile = try library.search(SearchQuery("missile"), order: .relevance).rows.map(\.title)
        #expect(missile == ["Missile launch condemned", "Weekly digest"])
    }

    @Test func archiveOrderAndCounts() throws {
        let all = try library.posts().map(\.title)
        let page = try library.search(SearchQuery("said"), order: .archive, offset: 0, limit: 2)
        #expect(page.order == .archive)
        #expect(page.total == 3)
        #expect(
            page.rows.map(\.title)
                == all.filter { ["Kim Jong Un meets envoy in Pyongyang", "Markets in Sinuiju"].contains($0) })
        #expect(page.rows.allSatisfy { $0.score == nil })
        let next = try library.search(SearchQuery("said"), order: .archive, offset: 2, limit: 2)
        #expect(next.rows.map(\.title) == ["Missile launch condemned"])
        #expect(next.total == 3)
        let uncounted = try library.search(SearchQuery("said"), order: .relevance, counting: false)
        #expect(uncounted.total == nil && uncounted.rows.count == 3)
        // Nothing to look for: the whole shelf, in archive order.
        let everything = try library.search(SearchQuery(""), order: .relevance, limit: 100)
        #expect(everything.rows.map(\.title) == all)
        #expect(everything.total == 7)
        #expect(everything.order == .archive)
    }

    @Test func onlyExclusionsOrOnlyFiltersNeedNoFullTextMatch() throws {
        let page = try library.search(SearchQuery("-missile -정은"), order: .relevance, limit: 100)
        #expect(page.order == .archive)
        #expect(
            page.rows.map(\.title) == [
                "Kim Jong Un meets envoy in Pyongyang", "Détente on the peninsula",
                "Markets in Sinuiju", "Summit planned for spring",
            ])
        #expect(page.total == 4)
        #expect(
            try titles("-outlet:\"nk news\" -category:diplomacy") == [
                "Markets in Sinuiju", "김정은이 평양에서 연설",
                "Summit planned for spring",
            ])
    }

    @Test func shelvesFilterResults() throws {
        #expect(try titles("said", on: .category("Economy")) == ["Markets in Sinuiju"])
        #expect(try titles("said", on: .category("Military")) == ["Missile launch condemned"])
        #expect(try titles("said", on: .category("Nowhere")) == [])
        let page = try library.search(SearchQuery("said"), on: .category("Diplomacy"), order: .relevance)
        #expect(page.rows.map(\.title) == ["Kim Jong Un meets envoy in Pyongyang"] && page.total == 1)
        // Nothing is bookmarked yet: the Bookmarks shelf is empty, not an error.
        #expect(try titles("said", on: .bookmarks) == [])
    }

    @Test func bookmarksShelfAndMarks() throws {
        let rows = try library.search(SearchQuery("said")).rows
        #expect(rows.allSatisfy { !$0.isBookmarked && $0.isUnread })
        try library.setBookmark(true, postID: rows[2].id)
        try library.setRead(true, postID: rows[0].id)
        #expect(try titles("said", on: .bookmarks) == ["Missile launch condemned"])
        #expect(try titles("-said", on: .bookmarks) == [])
        let marked = try library.search(SearchQuery("said")).rows
        #expect(marked.map(\.isBookmarked) == [false, false, true])
        #expect(marked.map(\.isUnread) == [false, true, true])
    }

    @Test func rowsCarryHighlightsAndSnippets() throws {
        let page = try library.search(SearchQuery("leaders panmunjom"), snippets: true)
        let row = try #require(page.rows.first)
        #expect(row.outlet == "BBC")
        #expect(row.snippet?.marked() == "A tête-à-tête between the two [leaders] in [Panmunjom] lasted an hour.")
        let title = try #require(library.search(SearchQuery("kim")).rows.first)
        #expect(SearchHighlighter(SearchQuery("kim")).matches(in: title.title, isTitle: true) == [0..<3])
        // A match in the title only: the snippet is the opening of the body, unmarked.
        let digest = try #require(library.search(SearchQuery("title:weekly"), snippets: true).rows.first)
        #expect(digest.snippet?.matches == [])
        #expect(digest.snippet?.text.hasPrefix("This week") == true)
    }

    @Test func understoodAndHintsComeWithThePage() throws {
        let page = try library.search(SearchQuery("\"human rights AND"))
        #expect(page.understood == "\"human rights AND\"")
        #expect(page.hints == ["unbalanced quote closed"])
        #expect(page.rows.isEmpty)
    }

    @Test func theExpressionQuotesEveryWord() {
        let query = SearchQuery("kim \"jong un\" sinu OR title:sum -missile 정은 title:평양", typing: true)
        let fts = query.fts
        #expect(
            fts.match == """
                ("kim" AND "jong un" AND ("sinu" OR title : "sum") AND hangul : "정은" AND hangul : "평양") NOT ("missile")
                """)
        #expect(fts.titleContains == ["평양"])
        #expect(SearchQuery("near NEAR( AND\" OR \"").fts.match == "\"near\" AND \"NEAR\" AND \"OR\"")
        #expect(SearchQuery("-missile -\"a b\"").fts.exclusion == "\"missile\" OR \"a b\"")
        #expect(SearchQuery("ki", typing: true).fts.match == "\"ki\" *")
        #expect(SearchQuery("정").fts.match == "\"정\" *")
        #expect(FTSExpression.quoted("a\"b") == "\"a\"\"b\"")
    }

    @Test func hostileQueriesNeverReachTheIndexAsSyntax() throws {
        for text in [
            "AND", "OR", "NOT", "NEAR(", "NEAR(kim, 2)", "*", ":", "title:", "\"", "-", "\"\"", "kim\u{0}jong",
            "\u{0}", "title:\"", "-\"", "^kim", "kim:", "post_fts:kim", "rank:1", "hangul:x", "{title body}:kim",
            String(repeating: "\"a ", count: 5_000), String(repeating: "정은 OR ", count: 2_000),
        ] {
            for typing in [false, true] {
                for order in SearchOrder.allCases {
                    _ = try library.search(SearchQuery(text, typing: typing), order: order, snippets: true)
                }
            }
        }
    }

    @Test func randomHostileStringsNeverMakeSQLiteFail() throws {
        var random = SplitMix64(seed: 11)
        for round in 0..<5_000 {
            let text = SearchTests.hostileString(&random)
            let order: SearchOrder = round % 2 == 0 ? .relevance : .archive
            do {
                _ = try library.search(
                    SearchQuery(text, typing: round % 3 == 0), order: order, limit: 5, snippets: round % 5 == 0)
            } catch {
                Issue.record("\(text.debugDescription): \(error)")
            }
        }
    }

    /// The same nasty alphabet as the parser's fuzz test in TidingsCoreTests.
    static func hostileString(_ random: inout SplitMix64) -> String {
        let alphabet: [String] = [
            "\u{0}", "\"", "\"", "*", ":", "-", "(", ")", " ", " ", "said", "kim", "OR", "AND",
            "NOT", "NEAR", "title:", "author:", "outlet:", "category:", "^", "+", "'", "\\", "김",
            "정은", "é", "e\u{301}", "🙂", "👩‍👩‍👧", "\u{1B}[31m", "\u{202E}", "\u{FEFF}", "\t",
            "\n", "{", "}", ",", "“", "”", "ß", "İ", "0", "NEAR(", "hangul:", "rank", "%", "_",
        ]
        return (0..<random.next(40)).map { _ in alphabet[random.next(alphabet.count)] }.joined()
    }
}
