import Testing
import TidingsScreen
import TidingsUI

/// Mouse reports (with `--mouse`): wheel scrolls the pane under the pointer, a click selects a
/// headline or a tab, or gives the story pane the keys. At 80x24 the panes are stacked: the
/// tab bar is row 0, the list rows 1–8, the rule row 9, the story rows 10–22, the status 23.
@Suite("Mouse")
struct MouseTests {
    private static func session() -> Harness {
        Harness(Fixtures.library(), options: BrowserOptions(mouse: true))
    }

    @Test("a click on a headline selects it and gives the list the keys")
    func clickSelectsRow() {
        var session = Self.session()
        session.press(.tab)
        #expect(session.state.focus == .article)
        session.send(.mouse(MouseEvent(.click, x: 30, y: 4)))
        #expect(session.state.focus == .list)
        #expect(session.state.list.selection == 3)
        #expect(session.state.article.id == "post-3")
    }

    @Test("a click below the last headline selects nothing")
    func clickPastTheEnd() {
        var session = Harness(Fixtures.library(count: 2), options: BrowserOptions(mouse: true))
        session.send(.mouse(MouseEvent(.click, x: 30, y: 6)))
        #expect(session.state.list.selection == 0)
    }

    @Test("a click on a tab switches to it, on the pinned Bookmarks tab too")
    func clickSelectsTab() {
        var session = Self.session()
        let bar = session.lines[0]
        let economy = try! #require(bar.range(of: "Economy"))
        session.send(.mouse(MouseEvent(.click, x: bar.distance(from: bar.startIndex, to: economy.lowerBound), y: 0)))
        #expect(session.state.activeTab == .category("Economy"))
        session.send(.mouse(MouseEvent(.click, x: 79 - 2, y: 0)))
        #expect(session.state.activeTab == .bookmarks)
        // The `│` between two tabs is no tab.
        let all = Self.session()
        var other = all
        let separator = try! #require(other.lines[0].firstIndex(of: "│"))
        other.send(
            .mouse(MouseEvent(.click, x: other.lines[0].distance(from: other.lines[0].startIndex, to: separator), y: 0))
        )
        #expect(other.state.activeTab == .all)
    }

    @Test("the wheel over the list moves the page and the selection by three rows")
    func wheelOverList() {
        var session = Self.session()
        session.send(.mouse(MouseEvent(.wheelDown, x: 10, y: 3)))
        #expect(session.state.list.selection == 3)
        session.send(.mouse(MouseEvent(.wheelDown, x: 10, y: 3)))
        #expect(session.state.list.selection == 6)
        session.send(.mouse(MouseEvent(.wheelUp, x: 10, y: 3)))
        #expect(session.state.list.selection == 3)
        session.send(.mouse(MouseEvent(.wheelUp, x: 10, y: 3)))
        session.send(.mouse(MouseEvent(.wheelUp, x: 10, y: 3)))
        #expect(session.state.list.selection == 0)
    }

    @Test("the wheel over the story scrolls it and leaves the list; a click there focuses it")
    func wheelOverStory() {
        var session = Self.session()
        let top = session.state.article.anchor
        session.send(.mouse(MouseEvent(.wheelDown, x: 10, y: 15)))
        #expect(session.state.article.anchor != top)
        #expect(session.state.list.selection == 0)
        #expect(session.lines[10].contains(Fixtures.titles[0].prefix(10)) == false)
        session.send(.mouse(MouseEvent(.wheelUp, x: 10, y: 15)))
        #expect(session.state.article.anchor == top)
        session.send(.mouse(MouseEvent(.click, x: 10, y: 15)))
        #expect(session.state.focus == .article)
    }

    @Test("the help, the picker, the search line and the prompt keep the mouse out")
    func overlaysIgnoreTheMouse() {
        var session = Self.session()
        session.type("?")
        session.send(.mouse(MouseEvent(.click, x: 30, y: 4)))
        #expect(session.state.list.selection == 0)
        session.type("?")
        session.type("/")
        session.send(.mouse(MouseEvent(.wheelDown, x: 30, y: 4)))
        #expect(session.state.list.selection == 0)
        session.press(.escape)
        session.type(":")
        session.send(.mouse(MouseEvent(.click, x: 30, y: 4)))
        #expect(session.state.list.selection == 0)
        #expect(session.state.prompt != nil)
    }
}
