import Testing
import TidingsScreen

@testable import TidingsUI

/// Windowed loading, tabs and stale answers: the list is never loaded whole, each page is
/// asked for once, and late answers for something no longer shown change nothing.
@Suite("Reducer: loading and tabs")
struct ReducerLoadingTests {
    /// A library far bigger than any window: 100,000 generated headlines.
    private static func bigLibrary() -> FakeLibrary {
        FakeLibrary(posts: [.all: (0..<100_000).map(Fixtures.headline)], categories: [], articles: [:])
    }

    @Test("moving far keeps only a few pages around the selection")
    func windowIsBounded() {
        var session = Harness(Self.bigLibrary())
        session.type("G")
        #expect(session.state.list.selection == 99_999)
        #expect(session.state.list.selected?.id == "post-99999")
        for _ in 0..<30 { session.press(.pageUp) }
        let list = session.state.list
        #expect(list.pages.count <= 4)
        #expect(list.pages.values.reduce(0) { $0 + $1.count } <= 400)
        #expect(list.headline(at: list.top) != nil)
        #expect(list.headline(at: list.top + session.state.layout.list.height - 1) != nil)
        // Never the whole list: a handful of page requests for a 100,000-row tab.
        let requests = session.effects.filter { if case .loadHeadlines = $0 { true } else { false } }
        #expect(requests.count < 10)
    }

    @Test("a page under way is not asked for again")
    func noDuplicateRequests() {
        var state = AppState(size: Size(columns: 80, rows: 24), colors: false)
        _ = reduce(&state, .start)
        let first = Self.bigLibrary().page(.all, offset: 0, limit: 100)
        _ = reduce(&state, .headlinesLoaded(first))
        var effects = reduce(&state, .key(.character("G")))
        #expect(effects.contains(.loadHeadlines(tab: .all, offset: 99_900, limit: 100)))
        // Moving about while the answer is due asks for nothing more.
        effects = reduce(&state, .key(.character("k"))) + reduce(&state, .key(.character("j")))
        #expect(effects.isEmpty)
        #expect(state.list.pending.contains(99_900))
    }

    @Test("scrolling near the edge of the loaded rows asks for the next page ahead of time")
    func prefetch() {
        var session = Harness(Fixtures.library())
        #expect(session.state.list.pages.keys.sorted() == [0])
        for _ in 0..<50 { session.type("j") }
        #expect(session.state.list.pages.keys.sorted() == [0, 100])
    }

    @Test("each tab keeps its own selection and scroll")
    func perTabSelection() {
        var session = Harness(Fixtures.library())
        session.type("jjjjj")
        session.type("3")  // Economy
        #expect(session.state.activeTab == .category("Economy"))
        #expect(session.state.list.selection == 0)
        #expect(session.state.article.current?.id == "post-1")
        session.type("jj")
        session.type("1")
        #expect(session.state.list.selection == 5)
        #expect(session.state.article.current?.id == "post-5")
        session.type("]]")
        #expect(session.state.list.selection == 2)
        #expect(session.state.article.current?.id == "post-11")
    }

    @Test("] and [ wrap around; digits past the last tab do nothing")
    func tabCycling() {
        var session = Harness(Fixtures.library())
        session.type("[")
        #expect(session.state.activeTab == .bookmarks)
        session.type("]")
        #expect(session.state.activeTab == .all)
        session.type("9")
        #expect(session.state.activeTab == .all)
        session.type("7")
        #expect(session.state.activeTab == .bookmarks)
    }

    @Test("a page for a tab no longer shown is ignored")
    func stalePageForOtherTab() {
        var session = Harness(Fixtures.library())
        var state = session.state
        let effects = reduce(&state, .key(.character("2")))
        #expect(effects == [.loadTabs, .loadHeadlines(tab: .category("Diplomacy"), offset: 0, limit: 100)])
        _ = reduce(&state, .key(.character("1")))
        let before = state
        let late = session.library.page(.category("Diplomacy"), offset: 0, limit: 100)
        #expect(reduce(&state, .headlinesLoaded(late)) == [])
        #expect(state == before)
        // Going back asks again rather than waiting for the answer that was dropped.
        #expect(reduce(&state, .key(.character("2"))) == effects)
        session.type("2")
        #expect(session.state.list.total == 48)
    }

    @Test("a page nobody asked for, and an article no longer wanted, are ignored")
    func unaskedAnswers() {
        var session = Harness(Fixtures.library())
        var state = session.state
        let before = state
        #expect(reduce(&state, .headlinesLoaded(session.library.page(.all, offset: 100, limit: 100))) == [])
        #expect(reduce(&state, .articleLoaded(Fixtures.article(7))) == [])
        #expect(state == before)
        session.type("j")
        #expect(session.state.article.current?.id == "post-1")
    }

    @Test("a tab whose count changed reloads its rows; a vanished tab falls back to All")
    func tabsChange() {
        var session = Harness(Fixtures.library())
        session.type("7")  // Bookmarks, 3 rows
        session.library.posts[.bookmarks] = [Fixtures.headline(1), Fixtures.headline(4)]
        session.send(.tabsLoaded(session.library.tabs))
        #expect(session.state.list.total == 2)
        session.library.categories = []
        var state = session.state
        _ = reduce(&state, .key(.character("2")))
        #expect(state.activeTab == .category("Diplomacy"))
        _ = reduce(&state, .tabsLoaded(session.library.tabs))
        #expect(state.activeTab == .all)
    }

    @Test("tabs are ordered All, categories, Bookmarks whatever order they arrive in")
    func tabOrder() {
        var state = AppState(size: Size(columns: 80, rows: 24), colors: false)
        let tabs = [
            TabInfo(kind: .bookmarks, title: "Bookmarks", count: 1),
            TabInfo(kind: .category("B"), title: "B", count: 2),
            TabInfo(kind: .all, title: "All", count: 3), TabInfo(kind: .category("A"), title: "A", count: 1),
        ]
        _ = reduce(&state, .tabsLoaded(tabs))
        #expect(state.tabs.map(\.kind) == [.all, .category("B"), .category("A"), .bookmarks])
    }

    @Test("a shorter list than before pulls the selection back inside it")
    func listShrinks() {
        var session = Harness(Fixtures.library(count: 10))
        session.type("G")
        session.library = Fixtures.library(count: 4)
        session.send(.tabsLoaded(session.library.tabs))
        #expect(session.state.list.total == 4)
        #expect(session.state.list.selection == 3)
        #expect(session.state.article.current?.id == "post-3")
    }

    @Test("resize keeps the selection visible and the article's top paragraph at the top")
    func resizeKeepsPlace() {
        var session = Harness(Fixtures.library(), columns: 120, rows: 40)
        session.type("G")
        session.type("gjjjjjjjjjjjjjjjjjjjjjjjjj")  // row 25
        session.press(.enter)
        session.type(String(repeating: "j", count: 20))
        let anchor = session.state.article.anchor
        let topText = session.state.articleLayout.lines[session.state.articleLayout.lineIndex(of: anchor)].text
        #expect(anchor.block > 0)

        session.resize(80, 24)
        #expect(session.state.list.selection == 25)
        #expect(session.state.article.anchor == anchor)
        let list = session.state.list
        let height = session.state.layout.list.height
        #expect((list.top..<list.top + height).contains(25))
        // The same paragraph starts the pane, and the old top line's first word is on its top line.
        let layout = session.state.articleLayout
        let top = layout.topLine(for: session.state.article.anchor, paneHeight: session.state.layout.article.height)
        #expect(layout.lines[top].block == anchor.block)
        #expect(layout.lines[top].text.contains(topText.split(separator: " ").first.map(String.init) ?? ""))

        session.resize(120, 40)
        #expect(
            session.state.articleLayout.lineIndex(of: session.state.article.anchor)
                == session.state.articleLayout.lineIndex(of: anchor))
    }

    @Test("the empty library asks for no article and says how to import")
    func emptyLibrary() {
        let session = Harness(Fixtures.emptyLibrary())
        #expect(!session.effects.contains { if case .loadArticle = $0 { true } else { false } })
        #expect(session.lines[1].contains("No posts yet."))
        #expect(session.lines[2].contains("tidings import PATH"))
        #expect(session.lines[23].hasPrefix(" 0/0  All"))
    }
}
