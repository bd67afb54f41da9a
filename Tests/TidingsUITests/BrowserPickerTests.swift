import Testing
import TidingsCore
import TidingsScreen

@testable import TidingsUI

/// The list picker (`t`, issue 15 point 6): tags, authors and outlets opened as a tab.
@Suite("Browser: the list picker")
struct BrowserPickerTests {
    @Test("t lists authors and outlets with unread/total; typing narrows; Enter opens a tab before Bookmarks")
    func pickOutlet() {
        var session = Harness(Fixtures.library())
        let fixedTabs = session.state.tabs.count
        let effects = session.effects { $0.type("t") }
        #expect(effects == [.loadPicks])
        #expect(session.lines.contains { $0.contains("author") && $0.contains("Hana Seo") && $0.contains("40/60") })
        session.type("reut")
        // Typed, not taken as keys: `t` did not reopen anything, `u` did not move.
        guard case .picker(let picker) = session.state.overlay else {
            Issue.record("the picker closed while typing")
            return
        }
        #expect(picker.filter == "reut")
        #expect(picker.matches(in: session.state.picks ?? []).map(\.title) == ["from Reuters"])
        assertSnapshot(session.screen, named: "picker-80x24")
        session.press(.enter)
        #expect(session.state.overlay == nil)
        #expect(session.state.activeTab == .outlet("Reuters"))
        #expect(session.state.tabs.count == fixedTabs + 1)
        #expect(session.state.tabs.last?.kind == .bookmarks)
        #expect(session.state.tabs[fixedTabs - 1].kind == .outlet("Reuters"))
        #expect(session.state.list.total == 30)
        #expect(session.state.list.selected?.outlet == "Reuters")
        // At 80 columns the pick tab is whole and Bookmarks stays pinned right.
        #expect(session.lines[0].contains("from Reuters 20/30"))
        #expect(session.lines[0].hasSuffix("★ Bookmarks 3"))
    }

    @Test("a second pick replaces the pick tab; a read post updates its count")
    func pickReplaces() {
        var session = Harness(Fixtures.library())
        session.type("t")
        session.type("reuters")
        session.press(.enter)
        let count = session.state.tabs.count
        session.type("m")
        #expect(session.lines[0].contains("from Reuters 19/30"))
        session.type("t")
        session.type("author hana")
        session.press(.enter)
        #expect(session.state.tabs.count == count)
        #expect(session.state.activeTab == .author("Hana Seo"))
        #expect(!session.state.tabs.contains { $0.kind == .outlet("Reuters") })
        #expect(session.state.list.total == 60)
        // Tab switches and reloads keep the pick.
        session.type("]")
        session.type("[")
        #expect(session.state.activeTab == .author("Hana Seo"))
    }

    @Test("Esc closes the picker and changes nothing; arrows move; no match says so")
    func pickerKeys() {
        var session = Harness(Fixtures.library())
        session.type("t")
        session.press(.down, .down)
        guard case .picker(let picker) = session.state.overlay else {
            Issue.record("no picker")
            return
        }
        #expect(picker.selection == 2)
        session.press(.escape)
        #expect(session.state.overlay == nil)
        #expect(session.state.activeTab == .all)
        session.type("t")
        session.type("zzz")
        #expect(session.lines.contains { $0.contains("Nothing matches.") })
        session.press(.enter)
        #expect(session.state.message == "Nothing matches “zzz”")
    }
}
