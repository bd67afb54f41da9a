import Testing
import TidingsCore

@testable import TidingsUI

/// Browsing search results: the order, a search per tab, moving through results and matches,
/// and paging a long result list.
@Suite("Reducer: search results")
struct ReducerSearchResultsTests {
    /// The search requests among `effects`: (query, order, generation).
    private static func searches(_ effects: [Effect]) -> [(String, SearchOrder, Int)] {
        effects.compactMap {
            if case .loadHeadlines(_, let query?, let order, _, _, let generation, _) = $0 {
                (query.text, order, generation)
            } else {
                nil
            }
        }
    }

    private static func ids(_ list: HeadlineList) -> [String] {
        (0..<(list.total ?? 0)).compactMap { list.headline(at: $0)?.id }
    }

    @Test("Ctrl-O asks again in the other order, keeps it for the next search")
    func toggleOrder() {
        var session = Harness(SearchFixtures.library())
        session.type("/launch")
        #expect(Self.ids(session.state.list) == ["s-8", "s-0", "s-2", "s-10"])
        let effects = session.effects { $0.press(.control("o")) }
        #expect(Self.searches(effects).map(\.1) == [.archive])
        #expect(Self.ids(session.state.list) == ["s-0", "s-2", "s-8", "s-10"])
        #expect(session.lines[23].contains("archive order (Ctrl-O: relevance)"))
        session.press(.enter, .control("o"))
        #expect(session.state.list.key.order == .relevance)
        session.press(.control("o"))
        session.press(.escape)
        session.type("/rocket")
        #expect(session.state.list.key.order == .archive)
        // With no search, Ctrl-O only says what the next search will do.
        session.press(.escape, .control("o"))
        #expect(session.state.searchOrder == .relevance)
        #expect(session.state.message?.contains("relevance") == true)
    }

    @Test("search works inside the Bookmarks tab, and each tab keeps its own search")
    func perTabSearch() {
        var session = Harness(SearchFixtures.library())
        session.type("/launch")
        session.press(.enter)
        session.type("4")  // Bookmarks
        #expect(session.state.list.key == ListKey(tab: .bookmarks))
        let effects = session.effects { $0.type("/launch") }
        #expect(
            effects.contains(
                .loadHeadlines(
                    tab: .bookmarks, query: "launch", order: .relevance, offset: 0, limit: 100,
                    generation: session.state.list.generation)))
        #expect(Self.ids(session.state.list) == ["s-2"])
        session.press(.enter)
        session.type("1")
        #expect(session.state.list.key.query == "launch")
        #expect(session.state.list.total == 4)
        session.press(.escape)
        session.type("4")
        #expect(session.state.list.key.query == "launch")
        #expect(session.state.list.key.tab == .bookmarks)
    }

    @Test("n and N in the list move through the results")
    func nextResultInList() {
        var session = Harness(SearchFixtures.library())
        session.type("/launch")
        session.press(.enter)
        session.type("nn")
        #expect(session.state.list.selection == 2)
        session.type("N")
        #expect(session.state.list.selection == 1)
        session.press(.escape)
        session.type("n")
        #expect(session.state.list.selection == 0)
        #expect(session.state.message != nil)
    }

    @Test("Up and Down move through the results while typing")
    func moveWhileTyping() {
        var session = Harness(SearchFixtures.library())
        session.type("/launch")
        session.press(.down, .down)
        #expect(session.state.list.selection == 2)
        #expect(session.state.search?.line.text == "launch")
        #expect(session.state.article.current?.id == "s-2")
    }

    @Test("n and N in the article scroll to each match, wrapping around at the ends")
    func jumpBetweenMatches() {
        var session = Harness(SearchFixtures.library())
        session.type("/launcher")
        session.press(.enter)
        session.type("g")  // s-0: title, first and last paragraph
        #expect(session.state.article.current?.id == "s-0")
        session.press(.enter)
        let layout = session.state.articleLayout
        #expect(layout.matches.count == 3)
        let height = session.state.layout.article.height
        let rows = layout.textRows(paneHeight: height)
        func matchIsVisible() -> Bool {
            guard let match = session.state.article.match else { return false }
            let line = layout.lineIndex(of: layout.matches[match])
            let top = layout.topLine(for: session.state.article.anchor, paneHeight: height)
            return (top..<top + rows).contains(line)
        }
        // The result opened at its first match, in the title.
        #expect(session.state.article.match == 0)
        #expect(session.state.article.anchor == .top)
        session.type("n")
        #expect(session.state.article.match == 1)
        #expect(matchIsVisible())
        // The match moved to is drawn reversed, the others bold and underlined.
        let pane = session.state.layout.article
        let screen = session.screen
        let styles = (pane.y..<pane.y + pane.height).flatMap { screen.row($0).map(\.style.attributes) }
        #expect(styles.filter { $0 == [.reverse, .bold] }.count == "launcher".count)
        #expect(styles.filter { $0 == [.underline, .bold] }.count == "launcher".count)
        session.type("n")
        #expect(session.state.article.match == 2)
        #expect(session.state.article.anchor != .top)
        #expect(matchIsVisible())
        session.type("n")
        #expect(session.state.article.match == 0)
        #expect(session.state.message == "Wrapped to the first match")
        #expect(matchIsVisible())
        session.type("N")
        #expect(session.state.article.match == 2)
        #expect(session.state.message == "Wrapped to the last match")

    }

    @Test("n in an article without matches says so")
    func noMatches() {
        var session = Harness(SearchFixtures.library())
        session.press(.enter)
        session.type("n")
        #expect(session.state.message == "No search matches in this story")
        #expect(session.state.article.anchor == .top)
    }

    @Test("leaving a tab drops its search under way and asks again on return")
    func tabSwitchWhileAsking() {
        var session = Harness(SearchFixtures.library())
        session.type("/launch")
        session.press(.enter)
        session.holdSearches = true
        session.type("/r")
        session.press(.enter)
        #expect(session.held.count == 1)
        let effects = session.effects { $0.type("2") }
        #expect(effects.contains(.cancelSearch))
        session.release(0)  // dropped: no longer waited for
        session.holdSearches = false
        session.type("1")
        #expect(session.state.list.key.query == "launchr")
        #expect(session.state.list.total == 0)
        #expect(session.lines[1].contains("No posts match the search."))
    }

    @Test("the whole list is never asked for while a search shows; a search asks for its first page only")
    func searchPaging() {
        var session = Harness(Fixtures.library(count: 240))
        let effects = session.effects { $0.type("/rice") }
        let requests = effects.compactMap { effect -> (SearchQuery?, Int)? in
            if case .loadHeadlines(_, let query, _, let offset, _, _, _) = effect { (query, offset) } else { nil }
        }
        #expect(requests.allSatisfy { $0.0 != nil })
        #expect(requests.map(\.1).allSatisfy { $0 == 0 })
        session.press(.enter)
        session.type("G")
        let total = session.state.list.total ?? 0
        #expect(total > 100)
        #expect(session.state.list.selected != nil)
        #expect(session.state.list.selection == total - 1)
    }
}
