import Testing
import TidingsCore

@testable import TidingsUI

/// `R` (update the web sources), `o` (open the link) and `y` (copy it): the reducer asks the
/// loop, follows the answers on the status line, and reloads what the update changed.
@Suite("Reducer: web sources and links")
struct ReducerWebTests {
    @Test("R starts one background update and says so; a second R while it runs does not start another")
    func updateOnce() {
        var session = Harness(SearchFixtures.library())
        #expect(session.effects { $0.type("R") } == [.updateSources])
        #expect(session.state.isUpdatingSources)
        #expect(session.lines[23].contains("Updating web sources"))
        #expect(!session.effects { $0.type("R") }.contains(.updateSources))
        #expect(session.state.message == "Already updating the web sources…")
        // Keys still work while it runs.
        session.type("j")
        #expect(session.state.list.selection == 1)
    }

    @Test("progress shows on the status line; the end says how many posts came and reloads the tabs")
    func updateFinishes() {
        var session = Harness(SearchFixtures.library())
        session.type("jj")
        session.type("R")
        session.send(.sourcesUpdating(done: 1, total: 3))
        #expect(session.lines[23].contains("1 of 3"))
        let effects = session.effects { $0.send(.sourcesUpdated(newPosts: 12, sources: 3, failures: [])) }
        #expect(effects.contains(.loadTabs))
        #expect(session.state.message == "12 new posts")
        #expect(!session.state.isUpdatingSources)
        #expect(session.state.list.selection == 2)  // the selection keeps its place
        // A later R starts again.
        #expect(session.effects { $0.type("R") } == [.updateSources])
    }

    @Test("failures are named; nothing new reloads nothing; no sources says how to add one")
    func updateOutcomes() {
        var session = Harness(SearchFixtures.library())
        session.type("R")
        let quiet = session.effects {
            $0.send(.sourcesUpdated(newPosts: 0, sources: 2, failures: ["http://127.0.0.1:1/feed: connection refused"]))
        }
        #expect(!quiet.contains(.loadTabs))
        #expect(session.state.message == "No new posts; 1 source failed: http://127.0.0.1:1/feed: connection refused")
        session.type("R")
        session.send(.sourcesUpdated(newPosts: 1, sources: 3, failures: ["a: x", "b: y"]))
        #expect(session.state.message == "1 new post; 2 sources failed, first: a: x")
        session.type("R")
        session.send(.sourcesUpdated(newPosts: 0, sources: 0, failures: []))
        #expect(session.state.message?.contains("tidings fetch URL") == true)
    }

    @Test("o and y ask for the shown story's link; a story without one says so")
    func links() {
        var library = SearchFixtures.library()
        library.articles["s-1"]?.url = "https://news.example.org/2019/05/story/"
        var session = Harness(library)
        #expect(session.effects { $0.type("o") }.isEmpty)
        #expect(session.state.message?.contains("no web link") == true)
        session.type("j")
        #expect(session.effects { $0.type("o") } == [.openLink(url: "https://news.example.org/2019/05/story/")])
        #expect(session.effects { $0.type("y") } == [.copyLink(url: "https://news.example.org/2019/05/story/")])
    }

    @Test("y answers A's question while it is asked, and copies only otherwise")
    func yAfterMarkAll() {
        var library = SearchFixtures.library()
        library.articles["s-0"]?.url = "https://news.example.org/a/"
        var session = Harness(library)
        session.type("A")
        #expect(!session.effects { $0.type("y") }.contains(.copyLink(url: "https://news.example.org/a/")))
        #expect(session.effects { $0.type("y") } == [.copyLink(url: "https://news.example.org/a/")])
    }

    @Test("the meta line shows the link's host, never the whole address")
    func metaLineHost() {
        let article = Article(
            id: "a", title: "Port reopens", categories: ["Economy"], outlet: "BBC", date: "2019-05-02",
            paragraphs: ["Text."], url: "https://user@www.Example.org:8080/2019/05/port?x=1#c")
        let layout = ArticleLayout(article: article, width: 70)
        #expect(layout.lines[1].text == "Economy · BBC · 2019-05-02 · www.example.org")
        #expect(ArticleLayout.host(of: "http://[::1]:8080/feed") == "[::1]")
        #expect(ArticleLayout.host(of: "not a link") == nil)
    }
}
