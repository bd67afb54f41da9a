import Testing
import TidingsCore

@testable import TidingsUI

/// Bookmarks, read marks, next unread, reading positions and reloads: the marks change only
/// on the loop's answer, and what another browser did shows on the next reload.
@Suite("Reducer: bookmarks and read state")
struct ReducerMarksTests {
    private static func row(_ session: Harness, _ index: Int) -> Headline? {
        session.state.list.headline(at: index)
    }

    private static func bookmarksCount(_ session: Harness) -> Int? {
        session.state.tabs.first { $0.kind == .bookmarks }?.count
    }

    @Test("b asks for the bookmark and shows it only once the answer comes")
    func bookmarkOnAnswer() {
        var session = Harness(SearchFixtures.library())
        var state = session.state
        #expect(reduce(&state, .key(.character("b"))) == [.toggleBookmark(id: "s-0")])
        #expect(state.list.headline(at: 0)?.isBookmarked == false)  // not before the answer

        session.type("b")
        #expect(Self.row(session, 0)?.isBookmarked == true)
        #expect(session.state.article.current?.isBookmarked == true)
        #expect(session.state.message == "Bookmarked")
        #expect(Self.bookmarksCount(session) == 3)
        #expect(session.lines[1].hasPrefix(" ★"))
        #expect(session.effects.suffix(4).contains(.loadTabs))

        // From the article too; b again removes it.
        session.press(.enter)
        session.type("b")
        #expect(Self.row(session, 0)?.isBookmarked == false)
        #expect(session.state.message == "Bookmark removed")
        #expect(Self.bookmarksCount(session) == 2)
    }

    @Test("a failed write shows its message and leaves the mark as it was")
    func bookmarkFails() {
        var session = Harness(SearchFixtures.library())
        session.library.writeFailure = "Library is read-only: bookmark not saved"
        session.type("b")
        #expect(Self.row(session, 0)?.isBookmarked == false)
        #expect(session.state.article.current?.isBookmarked == false)
        #expect(session.lines[23].contains("read-only"))
        #expect(Self.bookmarksCount(session) == 2)
        session.type("m")
        #expect(Self.row(session, 0)?.isUnread == true)
    }

    @Test("the Bookmarks tab lists the newest bookmark first and follows changes at once")
    func bookmarksTab() {
        var session = Harness(SearchFixtures.library())
        session.type("jjjjb")  // s-4
        session.type("4")
        #expect(session.state.activeTab == .bookmarks)
        let ids = (0..<3).compactMap { Self.row(session, $0)?.id }
        #expect(ids == ["s-4", "s-7", "s-2"])
        // Removing the selected bookmark here keeps its row, unmarked, until the tab is left.
        session.type("b")
        #expect(session.state.list.total == 3)
        #expect(Self.row(session, 0)?.isBookmarked == false)
        #expect(session.state.article.current?.id == "s-4")
        // The mark changed in the other tabs' rows too, without reloading them.
        session.type("1")
        #expect(Self.row(session, 4)?.isBookmarked == false)
        session.type("4")
        #expect(session.state.list.total == 2)
        #expect(Self.row(session, 0)?.id == "s-7")
    }

    @Test("a post moved to and shown for the dwell time becomes read; one only passed over does not")
    func readTimer() {
        var session = Harness(SearchFixtures.library())
        #expect(session.timers.isEmpty)  // the first post was not chosen by the reader
        session.type("jj")  // s-1 is read already; s-2 is unread
        #expect(session.timers == ["s-2"])
        let effects = session.effects { $0.fireTimers() }
        #expect(effects == [.setRead(id: "s-2", isRead: true), .loadTabs])  // the tab bar's unread counts follow
        #expect(Self.row(session, 0)?.isUnread == true)
        #expect(Self.row(session, 2)?.isUnread == false)
        #expect(session.state.message == nil)  // automatic: no announcement
    }

    @Test("no read timer while the article is off screen; it starts when it shows again")
    func readTimerNeedsVisibleArticle() {
        var session = Harness(SearchFixtures.library())
        session.type("z")  // the list takes the whole screen
        session.fireTimers()
        #expect(Self.row(session, 0)?.isUnread == true)
        session.type("j")
        #expect(session.timers.isEmpty)
        session.type("z")
        #expect(session.timers.isEmpty)  // s-1 is read already
        session.type("j")  // s-2, unread, on screen
        #expect(session.timers.last == "s-2")
        session.type("?")
        session.fireTimers()
        #expect(Self.row(session, 2)?.isUnread == true, "the help hides it")
        session.type("?")
        #expect(session.timers == ["s-2"])
        session.fireTimers()
        #expect(Self.row(session, 2)?.isUnread == false)
    }

    @Test("m toggles read and unread; marked unread by hand, the timer leaves it so")
    func toggleRead() {
        var session = Harness(SearchFixtures.library())
        session.type("m")
        #expect(session.effects.contains(.setRead(id: "s-0", isRead: true)))
        #expect(Self.row(session, 0)?.isUnread == false)
        #expect(session.state.message == "Marked as read")
        session.type("m")
        #expect(Self.row(session, 0)?.isUnread == true)
        #expect(session.state.message == "Marked as unread")
        session.fireTimers()
        #expect(Self.row(session, 0)?.isUnread == true)
        #expect(!session.lines[1].isEmpty && session.lines[1].contains("•"))
    }

    @Test("u jumps to the next unread post of the list on screen, or says there is none")
    func nextUnread() {
        var session = Harness(SearchFixtures.library())
        session.type("j")  // s-1, read
        let effects = session.effects { $0.type("u") }
        #expect(effects.first == .findNextUnread(tab: .all, query: nil, order: .archive, after: 1))
        #expect(session.state.list.selection == 2)
        session.type("G")
        session.type("u")
        #expect(session.state.list.selection == 11)
        #expect(session.state.message == "No more unread posts")
        // Inside search results, the search's list is asked.
        session.type("/launch")
        session.press(.enter)
        let search = session.effects { $0.type("u") }
        #expect(search.first == .findNextUnread(tab: .all, query: "launch", order: .relevance, after: 0))
        #expect(session.state.list.selection == 1)
        // An answer for a list no longer on screen is ignored.
        var state = session.state
        _ = reduce(&state, .key(.character("u")))
        _ = reduce(&state, .key(.escape))
        let before = state
        #expect(reduce(&state, .nextUnreadFound(index: 3)) == [])
        #expect(state.list.selection == before.list.selection)
    }

    @Test("leaving a scrolled article saves its place; it opens there next time")
    func readingPosition() {
        var session = Harness(Fixtures.library())
        session.press(.enter)
        session.type("jjjj")
        let anchor = session.state.article.anchor
        #expect(anchor.block > 0)
        session.type("J")
        // The fixture's paragraphs are none blank: block n shows paragraph n - 1.
        #expect(
            session.effects.contains(.saveReadingPosition(id: "post-0", anchor: anchor, paragraph: anchor.block - 1)))
        #expect(session.library.articles["post-0"]?.savedPosition == anchor)
        session.type("K")
        #expect(session.state.article.current?.id == "post-0")
        #expect(session.state.article.anchor == anchor)
        // Nothing to save when the place did not change; back at the top forgets it.
        let unchanged = session.effects { $0.type("J") }
        #expect(!unchanged.contains { if case .saveReadingPosition = $0 { true } else { false } })
        session.type("Kg")
        session.type("J")
        #expect(
            session.effects.last { if case .saveReadingPosition = $0 { true } else { false } }
                == .saveReadingPosition(id: "post-0", anchor: .top, paragraph: nil))
        #expect(session.library.articles["post-0"]?.savedPosition == nil)
    }

    @Test("quitting, a signal and a tab switch save the place first")
    func savedOnQuit() {
        var session = Harness(Fixtures.library())
        session.press(.enter)
        session.type("jj")
        let anchor = session.state.article.anchor
        let paragraph = session.state.article.current?.paragraphIndex(ofBlock: anchor.block)
        var state = session.state
        #expect(
            reduce(&state, .key(.character("q"))) == [
                .saveReadingPosition(id: "post-0", anchor: anchor, paragraph: paragraph), .quit(status: 0),
            ])
        state = session.state
        #expect(
            reduce(&state, .signal(15)) == [
                .saveReadingPosition(id: "post-0", anchor: anchor, paragraph: paragraph), .quit(status: 143),
            ])
        let effects = session.effects { $0.type("2") }
        #expect(effects.contains(.saveReadingPosition(id: "post-0", anchor: anchor, paragraph: paragraph)))
    }

    @Test("Ctrl-L and a tab switch show what another browser changed")
    func reloadShowsOtherBrowsers() {
        var session = Harness(SearchFixtures.library())
        // Another process bookmarks s-3 and reads s-0.
        session.library.setBookmark("s-3", true)
        session.library.update("s-0") { $0.isUnread = false }
        #expect(Self.row(session, 3)?.isBookmarked == false)
        session.press(.control("l"))
        #expect(Self.row(session, 3)?.isBookmarked == true)
        #expect(Self.row(session, 0)?.isUnread == false)
        #expect(Self.bookmarksCount(session) == 3)

        session.library.setBookmark("s-5", true)
        session.type("2")
        #expect(Self.bookmarksCount(session) == 4)
        session.type("1")
        #expect(Self.row(session, 5)?.isBookmarked == true)
        // The rows stay on screen while the reload is under way: nothing blinks.
        var state = session.state
        _ = reduce(&state, .key(.control("l")))
        #expect(state.list.total == 12)
        #expect(state.list.headline(at: 5) != nil)
        #expect(!state.list.stale.isEmpty)
    }
}
