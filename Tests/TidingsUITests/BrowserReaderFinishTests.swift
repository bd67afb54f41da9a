import Testing
import TidingsCore
import TidingsScreen

@testable import TidingsUI

/// The rest of issue 15: the unread-only toggle (11), the focused pane drawn without colour
/// (3), and a help whose every line fits 80 columns.
@Suite("Browser: unread-only, focus and help at 80 columns")
struct BrowserReaderFinishTests {
    @Test("U asks the library for the tab's unread posts and keeps the post selected (11)")
    func unreadOnly() {
        var session = Harness(Fixtures.library())
        session.type("jjj")
        #expect(session.state.list.selected?.id == "post-3")
        let effects = session.effects { $0.type("U") }
        // A query filter, not loaded rows hidden: the request says so, and the length is the library's.
        #expect(
            effects.contains(
                .loadHeadlines(
                    tab: .all, offset: 0, limit: 100, generation: session.state.list.generation,
                    unreadOnly: true)))
        #expect(effects.contains(.locatePost(tab: .all, id: "post-3", unreadOnly: true)))
        #expect(session.state.list.total == 160)
        #expect(session.state.list.selected?.id == "post-3")
        #expect((0..<100).allSatisfy { session.state.list.headline(at: $0)?.isUnread == true })
        #expect(session.lines[23].contains("unread only"))
        // The tab bar keeps unread/total.
        #expect(session.lines[0].contains("All 160/240"))

        session.type("U")
        #expect(session.state.list.total == 240)
        #expect(session.state.list.selected?.id == "post-3")
        #expect(!session.lines[23].contains("unread only"))
    }

    @Test("U on a read post selects the first unread one after it; u walks the unread list (11)")
    func unreadOnlyFromReadPost() {
        var session = Harness(Fixtures.library())
        session.type("jj")
        #expect(session.state.list.selected?.isUnread == false)
        session.type("U")
        #expect(session.state.list.selected?.id == "post-3")
        // A post read in the unread list keeps its row until the list is reloaded.
        session.type("m")
        #expect(session.state.list.total == 160)
        #expect(session.state.list.selected?.id == "post-3")
        session.type("u")
        #expect(session.state.list.selected?.id == "post-4")
        session.type("G")
        session.type("u")
        #expect(session.state.message == "No more unread posts")
    }

    @Test("each tab keeps its own unread-only choice, and an empty one says how to leave it (11)")
    func unreadOnlyPerTab() {
        var library = Fixtures.library(count: 3)
        library.update("post-0") { $0.isUnread = false }
        library.update("post-1") { $0.isUnread = false }
        var session = Harness(library)
        session.type("U")
        #expect(session.state.list.total == 0)
        #expect(session.lines.contains { $0.contains("No unread posts in this tab.") })
        session.type("]")
        #expect(session.state.list.total == session.state.activeTabInfo?.count)
        #expect(!session.lines[23].contains("unread only"))
        session.type("[")
        #expect(session.lines[23].contains("unread only"))
    }

    @Test("the story pane, when focused, is pointed at by a reversed mark on a bold rule, in monochrome (3)")
    func focusedPaneStacked() {
        var session = Harness(Fixtures.library())
        let rule = session.state.layout.separator!.y
        #expect(!session.lines[rule].contains("▼ story"))
        #expect(!session.screen[20, rule].style.attributes.contains(.bold))
        session.press(.enter)
        #expect(session.lines[rule].contains("▼ story"))
        #expect(session.screen[2, rule].style.attributes.contains(.reverse))
        #expect(session.screen[20, rule].style.attributes.contains(.bold))
        session.press(.tab)
        #expect(!session.lines[rule].contains("▼ story"))
    }

    @Test("side by side, the rule points at the focused story (3)")
    func focusedPaneSideBySide() {
        var session = Harness(Fixtures.library(), columns: 120, rows: 40)
        let rule = session.state.layout.separator!
        #expect(session.screen[rule.x, rule.y].text == "│")
        session.press(.enter)
        #expect(session.screen[rule.x, rule.y].text == "▶")
        #expect(session.screen[rule.x, rule.y].style.attributes.contains(.reverse))
    }

    @Test("every help line fits 80 columns: notes wrap rather than being cut")
    func helpFits80() {
        var session = Harness(Fixtures.library())
        session.type("?")
        let help = HelpLayout(keyTable: session.state.keyTable, size: session.state.size)
        var seen: [String] = []
        for scroll in 0...help.maxScroll {
            session.send(.key(.character("g")))
            for _ in 0..<scroll { session.send(.key(.character("j"))) }
            let rows = session.lines[(help.box.y + 1)..<(help.box.y + help.box.height - 1)]
            for line in rows {
                // Only the box: the panes beside it are cut with `…` as they should be.
                let row = String(line.dropFirst(help.box.x).prefix(help.box.width))
                #expect(!row.contains("…"), "cut help line at scroll \(scroll): \(row)")
                seen.append(row)
            }
        }
        let text = seen.joined(separator: " ")
        #expect(text.contains("move to it"))
        #expect(text.contains("toggle-unread"))
        // The end of the help at 80x24 is held still by the snapshot `search-help-end-80x24`.
    }
}
