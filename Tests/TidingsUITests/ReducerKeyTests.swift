import Testing
import TidingsScreen

@testable import TidingsUI

/// Key presses: what each command does to the state and which effects it asks for.
@Suite("Reducer: keys")
struct ReducerKeyTests {
    @Test("start asks for the tabs and the first page of All")
    func start() {
        var state = AppState(size: Size(columns: 80, rows: 24), colors: false)
        let effects = reduce(&state, .start)
        #expect(effects == [.loadTabs, .loadHeadlines(tab: .all, offset: 0, limit: HeadlineList.pageSize)])
    }

    @Test("the first page selects row 0 and asks for its article")
    func firstPage() {
        var state = AppState(size: Size(columns: 80, rows: 24), colors: false)
        _ = reduce(&state, .start)
        let page = Fixtures.library().page(.all, offset: 0, limit: 100)
        #expect(reduce(&state, .headlinesLoaded(page)) == [.loadArticle(id: "post-0")])
        #expect(state.list.total == 240)
        #expect(state.article.id == "post-0")
        #expect(state.article.current == nil)  // loading
    }

    @Test("j and k move the selection and the article follows at once")
    func moveSelection() {
        var session = Harness(Fixtures.library())
        var state = session.state
        #expect(reduce(&state, .key(.character("j"))) == [.loadArticle(id: "post-1")])
        #expect(state.list.selection == 1)
        #expect(reduce(&state, .key(.down)) == [.loadArticle(id: "post-2")])
        #expect(reduce(&state, .key(.up)) == [.loadArticle(id: "post-1")])
        session.type("jjjk")
        #expect(session.state.list.selection == 2)
        #expect(session.state.article.current?.id == "post-2")
    }

    @Test("k at the top and j at the bottom stay put without effects")
    func clampAtEnds() {
        var session = Harness(Fixtures.library(count: 3))
        var state = session.state
        #expect(reduce(&state, .key(.character("k"))) == [])
        #expect(state.list.selection == 0)
        session.type("jjjjj")
        state = session.state
        #expect(state.list.selection == 2)
        #expect(reduce(&state, .key(.character("j"))) == [])
    }

    @Test("Enter focuses the article; then j scrolls it instead of moving the selection")
    func readArticle() {
        var session = Harness(Fixtures.library())
        session.press(.enter)
        #expect(session.state.focus == .article)
        var state = session.state
        #expect(reduce(&state, .key(.character("j"))) == [])
        #expect(state.list.selection == 0)
        #expect(state.article.anchor != .top)
        #expect(reduce(&state, .key(.character("k"))) == [])
        #expect(state.article.anchor == .top)
        for key in [Key.escape, .character("h"), .left] {
            var reading = session.state
            _ = reduce(&reading, .key(key))
            #expect(reading.focus == .list, "\(key) goes back to the list")
        }
    }

    @Test("paging and g/G in the article stop at its top and its end")
    func articlePaging() {
        var session = Harness(Fixtures.library())
        session.press(.enter, .end)
        let layout = session.state.articleLayout
        let height = session.state.layout.article.height
        let top = layout.topLine(for: session.state.article.anchor, paneHeight: height)
        #expect(top == layout.maxTopLine(paneHeight: height))
        #expect(top > 0)
        session.type(" ")
        #expect(layout.lineIndex(of: session.state.article.anchor) == top)
        session.press(.pageUp)
        #expect(layout.lineIndex(of: session.state.article.anchor) == top - (layout.textRows(paneHeight: height) - 1))
        session.type("g")
        #expect(session.state.article.anchor == .top)
    }

    @Test("J and K change post while reading: focus stays, scroll resets, the place is saved")
    func nextPostWhileReading() {
        var session = Harness(Fixtures.library())
        session.press(.enter)
        session.type("jjj")
        let anchor = session.state.article.anchor
        #expect(anchor != .top)
        var state = session.state
        #expect(
            reduce(&state, .key(.character("J")))
                == [
                    .saveReadingPosition(id: "post-0", anchor: anchor, paragraph: anchor.block - 1),
                    .loadArticle(id: "post-1"),
                ])
        #expect(state.focus == .article)
        #expect(state.article.anchor == .top)
        #expect(state.list.selection == 1)
        #expect(reduce(&state, .key(.character("K"))) == [.loadArticle(id: "post-0")])
    }

    @Test("Tab switches focus; nothing to read in an empty library keeps it on the list")
    func switchPane() {
        var session = Harness(Fixtures.library())
        session.press(.tab)
        #expect(session.state.focus == .article)
        session.press(.tab)
        #expect(session.state.focus == .list)
        var empty = Harness(Fixtures.emptyLibrary())
        empty.press(.tab, .enter)
        #expect(empty.state.focus == .list)
    }

    @Test("page down and up in the list move by a screenful less one row")
    func listPaging() {
        var session = Harness(Fixtures.library())
        let height = session.state.layout.list.height
        session.press(.pageDown)
        #expect(session.state.list.selection == height - 1)
        // The view follows by as much, less the margin kept above the selection.
        let top = session.state.list.top
        #expect(top == height - 1 - 2)
        session.press(.pageDown)
        #expect(session.state.list.selection == 2 * (height - 1))
        #expect(session.state.list.top == top + height - 1)
        session.press(.pageUp, .pageUp)
        #expect(session.state.list.selection == 0)
        #expect(session.state.list.top == 0)
    }

    @Test("G goes to the last row, loading its page first")
    func lastRow() {
        var session = Harness(Fixtures.library())
        var state = session.state
        let effects = reduce(&state, .key(.character("G")))
        #expect(state.list.selection == 239)
        #expect(effects.contains(.loadHeadlines(tab: .all, offset: 200, limit: 100)))
        #expect(state.article.id == nil)  // its row is not loaded yet
        session.send(.key(.character("G")))
        #expect(session.state.article.current?.id == "post-239")
        session.press(.home)
        #expect(session.state.list.selection == 0)
    }

    @Test("q quits with status 0, after closing the help or the zoom first")
    func quit() {
        var session = Harness(Fixtures.library())
        var state = session.state
        #expect(reduce(&state, .key(.character("q"))) == [.quit(status: 0)])
        session.type("?")
        #expect(session.state.overlay == .help(scroll: 0))
        session.type("q")
        #expect(session.state.overlay == nil)
        session.type("z")
        #expect(session.state.isZoomed)
        session.type("q")
        #expect(!session.state.isZoomed)
        #expect(!session.effects.contains(.quit(status: 0)))
    }

    @Test("Esc and ? close the help too; movement keys scroll it and move nothing else")
    func helpKeys() {
        var session = Harness(Fixtures.library(), columns: 40, rows: 12)
        for close in [Key.escape, .character("?")] {
            session.type("?")
            session.press(close)
            #expect(session.state.overlay == nil)
        }
        session.type("?jj")
        #expect(session.state.overlay == .help(scroll: 2))
        #expect(session.state.list.selection == 0)
        session.type("G")
        let help = HelpLayout(keyTable: .standard, size: session.state.size)
        #expect(session.state.overlay == .help(scroll: help.maxScroll))
        session.type("j")
        #expect(session.state.overlay == .help(scroll: help.maxScroll))
        session.type("]")
        #expect(session.state.activeTab == .all)
    }

    @Test("a signal quits with 128 + its number")
    func signals() {
        var state = AppState(size: Size(columns: 80, rows: 24), colors: false)
        #expect(reduce(&state, .signal(15)) == [.quit(status: 143)])
        #expect(reduce(&state, .signal(2)) == [.quit(status: 130)])
        #expect(reduce(&state, .signal(1)) == [.quit(status: 129)])
    }

    @Test("Ctrl-L asks for a redraw and reloads tabs and rows, also over the help")
    func redraw() {
        var session = Harness(Fixtures.library())
        var state = session.state
        let generation = state.generation + 1
        let reload: [Effect] = [
            .redraw, .loadTabs, .loadHeadlines(tab: .all, offset: 0, limit: 100, generation: generation),
        ]
        #expect(reduce(&state, .key(.control("l"))) == reload)
        session.type("?")
        state = session.state
        #expect(reduce(&state, .key(.control("l"))).first == .redraw)
        #expect(state.overlay != nil)
    }

    @Test("v flips the arrangement and flips back to following the width")
    func toggleLayout() {
        var session = Harness(Fixtures.library())
        #expect(session.state.layout.arrangement == .stacked)
        session.type("v")
        #expect(session.state.arrangementOverride == .sideBySide)
        #expect(session.state.layout.arrangement == .sideBySide)
        session.type("v")
        #expect(session.state.arrangementOverride == nil)
        session.resize(120, 40)
        #expect(session.state.layout.arrangement == .sideBySide)
        session.type("v")
        #expect(session.state.layout.arrangement == .stacked)
    }

    @Test("z zooms the focused pane; focus changes carry the zoom along")
    func zoom() {
        var session = Harness(Fixtures.library())
        session.type("z")
        #expect(session.state.layout.article == .zero)
        #expect(session.state.layout.list.height == 22)
        session.press(.enter)
        #expect(session.state.layout.list == .zero)
        #expect(session.state.layout.article.height == 22)
        session.type("z")
        #expect(session.state.layout.separator != nil)
    }

    @Test("a failure shows in the status line until the next key")
    func failureMessage() {
        var session = Harness(Fixtures.library())
        session.send(.failed("Database is locked"))
        #expect(session.lines[23].contains("Database is locked"))
        session.type("v")  // any key clears the message
        #expect(session.state.message == nil)
        #expect(session.lines[23].contains("? help"))
    }
}
