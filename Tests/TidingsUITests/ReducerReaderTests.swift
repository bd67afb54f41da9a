import Testing
import TidingsCore

@testable import TidingsUI

/// Issue 15, the browser as a demanding reader finds it: the Bookmarks tab follows its count,
/// posts become read only when the reader opens or dwells on them, and removing a bookmark
/// in its own tab can be taken back.
@Suite("Reducer: reader defects")
struct ReducerReaderTests {
    private static func row(_ session: Harness, _ index: Int) -> Headline? {
        session.state.list.headline(at: index)
    }

    /// The search fixture without its two bookmarks.
    private static func noBookmarks() -> FakeLibrary {
        var library = SearchFixtures.library()
        library.setBookmark("s-2", false)
        library.setBookmark("s-7", false)
        return library
    }

    @Test("an empty Bookmarks tab seen once shows a bookmark made later (1)")
    func emptyBookmarksTabReloads() {
        var session = Harness(Self.noBookmarks())
        session.type("4")
        #expect(session.state.activeTab == .bookmarks)
        #expect(session.state.list.total == 0)
        session.type("1jb4")
        #expect(session.state.list.total == 1)
        #expect(Self.row(session, 0)?.id == "s-1")
        #expect(session.lines[23].hasPrefix(" 1/1"))
    }

    @Test("Ctrl-L shows a bookmark another process made in an empty tab (1)")
    func emptyTabCtrlL() {
        var session = Harness(Self.noBookmarks())
        session.type("4")
        session.library.setBookmark("s-5", true)
        session.press(.control("l"))
        #expect(session.state.list.total == 1)
        #expect(Self.row(session, 0)?.id == "s-5")
    }

    @Test("the first post and a tab's first post are not marked read by being shown (2)")
    func noDwellWithoutNavigation() {
        var session = Harness(SearchFixtures.library())
        #expect(session.timers.isEmpty)
        session.type("3")  // Society: s-1 (read), s-3 …
        session.type("j")  // s-3, reached by a key: the dwell counts
        #expect(session.timers == ["s-3"])
        session.type("2")  // Military's first post, s-0
        #expect(session.timers == ["s-3"])
        session.fireTimers()
        #expect(session.library.articles["s-0"]?.isUnread == true)
    }

    @Test("Enter opens the post and marks it read at once; J in the story too (2)")
    func openMarksRead() {
        var session = Harness(SearchFixtures.library())
        session.press(.enter)
        #expect(session.library.articles["s-0"]?.isUnread == false)
        #expect(Self.row(session, 0)?.isUnread == false)
        session.type("JJ")  // s-1 is read; s-2 opens in the story pane
        #expect(session.library.articles["s-2"]?.isUnread == false)
        // Marked unread by hand, it stays so while open.
        session.type("m")
        #expect(session.library.articles["s-2"]?.isUnread == true)
        session.fireTimers()
        #expect(session.library.articles["s-2"]?.isUnread == true)
    }

    @Test("b in the Bookmarks tab keeps the row until the tab is left; b again restores it (4)")
    func unbookmarkInBookmarksTab() {
        var session = Harness(SearchFixtures.library())
        session.type("4")
        #expect(session.state.list.total == 2)
        let first = Self.row(session, 0)?.id
        session.type("b")
        #expect(session.state.list.total == 2)
        #expect(Self.row(session, 0)?.id == first)
        #expect(Self.row(session, 0)?.isBookmarked == false)
        #expect(session.state.message?.contains("b again") == true)
        session.type("b")
        #expect(Self.row(session, 0)?.isBookmarked == true)
        session.type("b1")
        session.type("4")
        #expect(session.state.list.total == 1)
    }
}

extension ReducerReaderTests {
    @Test("A asks, y marks every post of the tab read; any other key leaves them (11)")
    func markTabRead() {
        var session = Harness(SearchFixtures.library())
        session.type("2")  // Military: s-0, s-2, … s-10
        session.type("A")
        #expect(session.state.message == "Mark all 6 posts of Military read? y: yes, any other key: no")
        session.type("n")
        #expect(session.state.message == "Nothing marked")
        #expect(session.library.articles["s-0"]?.isUnread == true)
        let effects = session.effects { $0.type("Ay") }
        #expect(effects.contains(.markTabRead(tab: .category("Military"))))
        #expect(session.state.message == "Marked 4 posts read")
        #expect((0..<6).allSatisfy { Self.row(session, $0)?.isUnread == false })
        // The marks show in the other tabs once their rows come back; Society's are untouched.
        session.type("1")
        #expect(Self.row(session, 0)?.isUnread == false)
        #expect(Self.row(session, 3)?.isUnread == true)
    }
}

extension ReducerReaderTests {
    @Test("Esc after opening a search result keeps that post selected in the whole list (9)")
    func escKeepsOpenedResult() {
        var session = Harness(SearchFixtures.library())
        session.type("jj")  // s-2 selected before the search
        session.type("/launch")
        session.press(.enter)  // browse the results
        session.type("j")
        let found = session.state.list.selected?.id
        #expect(found != nil && found != "s-2")
        session.press(.enter)  // open it
        session.press(.escape)  // back to the results
        session.press(.escape)  // out of the search
        #expect(session.state.search == nil)
        #expect(session.state.list.selected?.id == found)
    }

    @Test("Esc without opening a result restores the post selected before the search (9)")
    func escRestores() {
        var session = Harness(SearchFixtures.library())
        session.type("jj")
        session.type("/launch")
        session.press(.enter)
        session.type("j")
        session.press(.escape)
        #expect(session.state.list.selected?.id == "s-2")
    }
}
