import Testing
import TidingsScreen
import TidingsUI

/// `--preview on-enter`: the story pane keeps the post last opened while the list has the keys.
@Suite("Preview on Enter")
struct PreviewModeTests {
    private static func onEnter(columns: Int = 80, rows: Int = 24) -> Harness {
        Harness(Fixtures.library(), columns: columns, rows: rows, options: BrowserOptions(preview: .onEnter))
    }

    private static func articleLoads(_ effects: [Effect]) -> [String] {
        effects.compactMap { if case .loadArticle(let id) = $0 { id } else { nil } }
    }

    @Test("the names of the modes are the command line's and the config file's words")
    func names() {
        #expect(PreviewMode(rawValue: "follow") == .follow)
        #expect(PreviewMode(rawValue: "on-enter") == .onEnter)
        #expect(BrowserOptions.standard == BrowserOptions(preview: .follow, mouse: false))
    }

    @Test("before anything is opened the pane says how to open, and Down asks for no article")
    func nothingOpenedYet() {
        var session = Self.onEnter()
        #expect(Self.articleLoads(session.effects).isEmpty)
        #expect(session.state.article.id == nil)
        let screen = session.lines.joined(separator: "\n")
        #expect(screen.contains("Enter opens the selected story"))
        #expect(!screen.contains("Loading…"))
        let loads = session.effects { $0.press(.down, .down, .down) }
        #expect(Self.articleLoads(loads).isEmpty)
        #expect(session.state.list.selection == 3)
        // The hint does not follow the selection: nothing in the pane changed.
        #expect(session.lines.joined(separator: "\n").contains("Enter opens the selected story"))
    }

    @Test("Enter opens the selected post; back in the list, Down leaves it on screen")
    func enterOpens() {
        var session = Self.onEnter()
        session.press(.down, .down)
        let opened = session.effects { $0.press(.enter) }
        #expect(Self.articleLoads(opened) == ["post-2"])
        #expect(session.state.focus == .article)
        #expect(session.state.article.current?.id == "post-2")
        session.press(.escape)
        #expect(session.state.focus == .list)
        let moved = session.effects { $0.press(.down, .down) }
        #expect(Self.articleLoads(moved).isEmpty)
        #expect(session.state.list.selection == 4)
        #expect(session.state.article.current?.id == "post-2")
        #expect(session.lines.joined(separator: "\n").contains(Fixtures.titles[2].prefix(20)))
    }

    @Test("with the story focused the pane follows again: J opens the next post, l the selected one")
    func focusedStoryFollows() {
        var session = Self.onEnter()
        session.press(.enter)
        let next = session.effects { $0.type("J") }
        #expect(Self.articleLoads(next) == ["post-1"])
        session.press(.escape)
        session.press(.down, .down)
        let opened = session.effects { $0.type("l") }
        #expect(Self.articleLoads(opened) == ["post-3"])
    }

    @Test("the follow mode still loads the article on every move")
    func followStillFollows() {
        var session = Harness(Fixtures.library())
        let moved = session.effects { $0.press(.down, .down) }
        #expect(Self.articleLoads(moved) == ["post-1", "post-2"])
    }

    @Test("a Down with the preview on Enter changes two list rows and the position, nothing else")
    func downChangesOnlyTheRows() {
        var session = Self.onEnter(columns: 120, rows: 40)
        session.press(.enter, .escape)
        let before = session.screen
        session.press(.down)
        let after = session.screen
        var changedRows = Set<Int>()
        for y in 0..<40 {
            for x in 0..<120 where before[x, y] != after[x, y] { changedRows.insert(y) }
        }
        // The old and the new selected row, and the status line's position.
        #expect(changedRows == [1, 2, 39])
    }

    @Test("the pane before anything is opened, 80x24")
    func snapshot() {
        var session = Self.onEnter()
        session.press(.down)
        assertSnapshot(session.screen, named: "preview-on-enter-hint-80x24")
    }
}
