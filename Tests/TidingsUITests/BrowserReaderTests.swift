import Testing
import TidingsCore
import TidingsScreen

@testable import TidingsUI

/// Issue 15 on screen: focus in words, messages over hints, tags in the header, search
/// navigation that says where it is, and keys that never fail silently.
@Suite("Browser: reader rough edges")
struct BrowserReaderTests {
    @Test("the status line says when the story pane has the keys, in monochrome too (3)")
    func focusInWords() {
        var session = Harness(Fixtures.library())
        #expect(!session.lines[23].contains("story"))
        session.press(.enter)
        #expect(session.lines[23].contains(" story "))
        session.press(.tab)
        #expect(!session.lines[23].contains("story"))
    }

    @Test("a long message wins over the hints, keeps its path's end, and ? help stays (5)")
    func messageOverHints() {
        var session = Harness(Fixtures.library())
        #expect(session.lines[23].hasSuffix("? help"))
        session.send(
            .failed("Imported the sample archive: 50 posts from /tmp/tidings-sample-8A3F/data/sample-archive.txt"))
        let line = session.lines[23]
        #expect(line.contains("Imported the sample"))
        #expect(line.contains("sample-archive.txt"))
        #expect(line.hasSuffix("? help"))
        #expect(!line.contains("bookmark"))
    }

    @Test("a message is not cut by a kept search's summary (5)")
    func messageOverSearch() {
        var session = Harness(SearchFixtures.library())
        session.type("/launch")
        session.press(.enter)
        session.press(.enter)
        for _ in 0..<12 where session.state.message?.hasPrefix("Wrapped") != true { session.type("n") }
        #expect(session.lines[23].contains("Wrapped to the first match"))
    }

    @Test("the article header shows the tags as `tidings show` does (8)")
    func tagsInHeader() {
        let article = Article(id: "x", title: "Talks", categories: ["Diplomacy"], tags: ["Sanctions", "UN"])
        let layout = ArticleLayout(article: article, width: 60)
        #expect(layout.lines[1].text.contains("#Sanctions #UN"))
    }

    @Test("a search result opens at its first match (9)")
    func resultOpensAtMatch() {
        var session = Harness(SearchFixtures.library(), columns: 80, rows: 12)
        session.type("/flypast")
        #expect(session.state.list.selected?.id == "s-0")
        #expect(session.state.article.anchor != .top)
        #expect(session.state.article.match == 0)
    }

    @Test("n and N at the ends of the results say so (9)")
    func resultEnds() {
        var session = Harness(SearchFixtures.library())
        session.type("/launch")
        session.press(.enter)
        session.type("N")
        #expect(session.state.message == "First result: n goes on")
        session.type("G")
        session.type("n")
        #expect(session.state.message == "Last result: N goes back")
    }

    @Test("a query of filters only is listed, and named, in archive order (9)")
    func filterOnlyOrder() {
        #expect(SearchState(line: SearchLine("author:seo"), order: .relevance).shownOrder == .archive)
        #expect(SearchState(line: SearchLine("launch author:seo"), order: .relevance).shownOrder == .relevance)
    }

    @Test("an unbound key and a tab number past the last say so (10)")
    func neverSilent() {
        var session = Harness(SearchFixtures.library())
        session.type("x")
        #expect(session.state.message == "x does nothing here: ? lists the keys")
        session.type("9")
        #expect(session.state.message == "No tab 9: there are 4 tabs")
        #expect(session.state.activeTab == .all)
    }

    @Test("a post reopened mid-article says where it continues (10)")
    func resumedSays() {
        var session = Harness(Fixtures.library())
        session.press(.enter)
        session.type("jjjj")
        let block = session.state.article.anchor.block
        session.type("JK")
        #expect(session.state.message == "Continued from paragraph \(block): g goes to the top")
    }
}

extension BrowserReaderTests {
    /// Where the title starts on list row `row` of the screen.
    private static func titleColumn(_ session: Harness, row: Int) -> Int? {
        guard let title = session.state.list.headline(at: session.state.list.top + row - 1)?.title else { return nil }
        let line = session.lines[row]
        guard let found = line.range(of: String(title.prefix(12))) else { return nil }
        return line.distance(from: line.startIndex, to: found.lowerBound)
    }

    @Test("the list shows dates in a fixed column and its columns never move while scrolling (7)")
    func fixedColumns() {
        var session = Harness(Fixtures.library(), columns: 80, rows: 24)
        #expect(session.lines[1].contains("2019-01-01"))
        let before = Self.titleColumn(session, row: 1)
        session.press(.pageDown)
        session.press(.pageDown)
        #expect(Self.titleColumn(session, row: 1) == before)
        #expect(before != nil)
    }

    @Test("side by side at 120 columns the list keeps whole outlet names (7)")
    func sideBySideOutlets() {
        let session = Harness(Fixtures.library(), columns: 120, rows: 40)
        let outlets = Set((0..<10).compactMap { session.state.list.headline(at: $0)?.outlet })
        let shown = session.lines[1...10].joined(separator: "\n")
        for outlet in outlets where outlet.count <= 16 { #expect(shown.contains(outlet), "\(outlet)") }
    }
}

extension BrowserReaderTests {
    @Test("★ Bookmarks is pinned at the right of the tab bar at 80 columns, whatever tab is active (6)")
    func bookmarksPinned() {
        var session = Harness(Fixtures.library(), columns: 80, rows: 24)
        #expect(session.lines[0].hasSuffix("★ Bookmarks 3"))
        session.type("]]]]]")  // Society, far right among the categories
        #expect(session.lines[0].hasSuffix("★ Bookmarks 3"))
        #expect(session.lines[0].contains("Society 32/48"))
        session.type("]")
        #expect(session.state.activeTab == .bookmarks)
        #expect(session.lines[0].hasSuffix("★ Bookmarks 3"))
    }
}

extension BrowserReaderTests {
    @Test("the tab bar shows unread/total for All and the categories, and follows read marks (6, 11)")
    func unreadCounts() {
        var session = Harness(SearchFixtures.library())
        // 12 posts, every third read: 8 unread; Military (even) 4 of 6, Society (odd) 4 of 6.
        #expect(session.lines[0].contains("All 8/12"))
        #expect(session.lines[0].contains("Military 4/6"))
        #expect(session.lines[0].hasSuffix("★ Bookmarks 2"))
        session.type("m")  // s-0 read
        #expect(session.lines[0].contains("All 7/12"))
        #expect(session.lines[0].contains("Military 3/6"))
    }
}
