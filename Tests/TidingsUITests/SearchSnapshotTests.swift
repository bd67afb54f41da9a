import Testing
import TidingsUI

/// The search line, highlights, kept filters and the bookmarks tab, checked by eye against
/// the team's "Searching" sketch (kept outside the repository) and then held still; the
/// highlights follow docs/search.md, "Highlighting".
@Suite("Search and bookmark screens")
struct SearchSnapshotTests {
    @Test("typing a search: the list narrows, matches are marked in titles and the article")
    func typing() {
        var session = Harness(SearchFixtures.library())
        session.type("/launcher")
        assertSnapshot(session.screen, named: "search-typing-80x24")
        var wide = Harness(SearchFixtures.library(), columns: 120, rows: 40)
        wide.type("/launcher")
        assertSnapshot(wide.screen, named: "search-typing-120x40")
    }

    @Test("an impossible query keeps the last results and says why at the right")
    func impossible() {
        var session = Harness(SearchFixtures.library())
        session.type("/launcher")
        for _ in 0..<8 { session.press(.left) }
        session.type("-")
        assertSnapshot(session.screen, named: "search-impossible-80x24")
    }

    @Test("after Enter the filter stays and the status line names it")
    func kept() {
        var session = Harness(SearchFixtures.library())
        session.type("/launch")
        session.press(.enter)
        session.type("j")
        assertSnapshot(session.screen, named: "search-kept-80x24")
        var wide = Harness(SearchFixtures.library(), columns: 120, rows: 40)
        wide.type("/launch")
        wide.press(.enter)
        wide.type("j")
        assertSnapshot(wide.screen, named: "search-kept-120x40")
    }

    @Test("n moves to a match further down and shows it reversed")
    func currentMatch() {
        var session = Harness(SearchFixtures.library())
        session.type("/launcher")
        session.press(.enter, .enter)
        session.type("nnn")
        assertSnapshot(session.screen, named: "search-match-80x24")
    }

    @Test("the Bookmarks tab, newest first, with bookmark and unread marks")
    func bookmarks() {
        var session = Harness(SearchFixtures.library())
        session.type("jjjjb4")
        assertSnapshot(session.screen, named: "bookmarks-tab-80x24")
        var wide = Harness(SearchFixtures.library(), columns: 120, rows: 40)
        wide.type("jjjjb4")
        assertSnapshot(wide.screen, named: "bookmarks-tab-120x40")
    }

    @Test("the help's end: search-line keys and the query language")
    func helpEnd() {
        var session = Harness(SearchFixtures.library())
        session.type("?G")
        assertSnapshot(session.screen, named: "search-help-end-80x24")
    }

    @Test("a narrow search line keeps the text and the count, dropping the rest")
    func narrow() {
        var session = Harness(SearchFixtures.library(), columns: 40, rows: 12)
        session.type("/")
        let empty = session.lines[11]
        #expect(empty.hasPrefix(" /"))
        session.type("launcher")
        assertSnapshot(session.screen, named: "search-typing-40x12")
        // A failure from the loop shows on the line while it is open.
        session.send(.failed("Library is read-only"))
        #expect(session.lines[11].contains("Library is read-only"))
    }
}
