import Testing
import TidingsCore
import TidingsUI

/// The search and status lines while a search's count is only a bound (docs/search.md,
/// "Counting while typing"), held still as snapshots: typing, counting after Enter, counted.
@Suite("Search screens: a count bounded while typing")
struct BoundedCountSnapshotTests {
    @Test("over the bound while typing, counting after Enter, the exact figure once counted")
    func boundedCount() {
        var library = Fixtures.library(count: 240)
        library.countBound = 100
        var session = Harness(library)
        session.type("/rice")
        assertSnapshot(session.screen, named: "search-bounded-typing-80x24")
        session.holdCounts = true
        session.press(.enter)
        assertSnapshot(session.screen, named: "search-bounded-counting-80x24")
        session.release(0)
        assertSnapshot(session.screen, named: "search-bounded-counted-80x24")
    }

    /// 10,050 posts in a tab with a long name, all matching a long query, counted up to the
    /// browser's bound (10,000, ``RankingScope/typingBound``), the row before the last known one selected.
    @Test("at 80×24 with a long tab name and query, the count under way still shows whole")
    func narrowCounting() {
        let headlines = (0..<10_050).map {
            Headline(id: "hr-\($0)", title: "North Korea sanctions panel report, part \($0)", outlet: "NK News")
        }
        let articles = Dictionary(
            uniqueKeysWithValues: headlines.indices.map { index in
                ("hr-\(index)", Article(id: "hr-\(index)", title: headlines[index].title, paragraphs: ["A report."]))
            })
        var library = FakeLibrary(
            posts: [.all: headlines, .category("Human Rights"): headlines, .bookmarks: []],
            categories: ["Human Rights"], articles: articles)
        library.countBound = 10_000
        var session = Harness(library)
        session.type("]/north korea sanctions")
        session.holdCounts = true
        session.press(.enter)
        while session.state.list.selection < 9_998 { session.press(.pageDown) }
        while session.state.list.selection > 9_998 { session.type("k") }
        let status = session.lines[23]
        #expect(status.contains("9,999/10,000+"))
        #expect(status.contains("Human Rights"))
        #expect(status.contains("/north korea sanctions"))
        #expect(status.contains("  counting…"))
        assertSnapshot(session.screen, named: "search-bounded-counting-narrow-80x24")
    }
}
