import Testing
import TidingsCore
import TidingsScreen
import TidingsTestSupport

@testable import TidingsUI

/// Issue 16, point 4: the article pane laid out the whole article on every frame and key, so
/// a 1 MB post cost every frame as much as its first. The layout is now kept across frames
/// (``ArticleLayoutMemo``): the work of a frame that scrolls is bounded by the screen. Work is
/// counted (``WorkCount``: characters wrapped, scalars the sanitiser reads), not timed.
@Suite struct ArticleFrameWorkTests {
    /// A post of `paragraphs` paragraphs, each needing cleaning (a soft hyphen, an escape)
    /// and holding a search match.
    static func hugeArticle(paragraphs: Int, saved: ArticleAnchor? = nil) -> Article {
        let paragraph =
            "The zebra crossed the river at dawn while the herd waited on the far\u{AD}ther bank \u{1B}[31mfor the"
            + " light to change, and nobody said a word about it all day long."
        return Article(
            id: "post-0", title: "A very long post", paragraphs: Array(repeating: paragraph, count: paragraphs),
            savedPosition: saved)
    }

    /// A browser on a library whose first post is `article`, with that post opened from a
    /// search for "zebra" and the story pane focused.
    static func session(with article: Article, searching: Bool = true) -> Harness {
        var library = Fixtures.library(count: 10)
        library.articles["post-0"] = article
        var session = Harness(library)
        if searching {
            session.type("/zebra")
            session.press(Key.enter)
        }
        session.press(Key.enter)
        return session
    }

    /// The work of one key and the frame after it.
    static func work(_ session: inout Harness, _ key: Key) -> (wrapped: Int, cleaned: Int) {
        let counter = WorkCount()
        WorkCount.$current.withValue(counter) {
            session.press(key)
            _ = session.screen
        }
        return (counter.laidOut, counter.value)
    }

    /// The keys that scroll: line, page, end, top, search matches both ways.
    static let scrolling: [Key] = [
        .character("j"), .pageDown, .character("n"), .character("G"), .character("N"), .pageUp, .character("k"),
        .character("g"), .character("n"),
    ]

    @Test("scrolling a huge article costs each frame what the screen shows, not the article")
    func frameWorkIsBoundedByTheScreen() {
        var session = Self.session(with: Self.hugeArticle(paragraphs: 3_000))
        #expect(session.state.article.current?.id == "post-0")
        #expect(session.state.focus == .article)
        let cells = session.state.size.columns * session.state.size.rows
        for key in Self.scrolling {
            let (wrapped, cleaned) = Self.work(&session, key)
            #expect(wrapped <= cells, "\(key): \(wrapped) characters wrapped for one frame")
            #expect(cleaned <= cells, "\(key): \(cleaned) scalars cleaned for one frame")
        }
    }

    /// The kept layout is exactly a fresh one: the same state with an empty memo renders the
    /// same screen and lays out the same lines, after every scroll, at the top, the middle,
    /// the end, match jumps, a resize, a bookmark and a reopened reading position.
    @Test func keptLayoutEqualsAFreshOne() {
        func expectExact(_ session: Harness, _ step: String) {
            var fresh = session.state
            fresh.article.layoutMemo = ArticleLayoutMemo()
            #expect(render(fresh).snapshot() == session.screen.snapshot(), "\(step)")
            #expect(fresh.articleLayout == session.state.articleLayout, "\(step)")
            if let current = session.state.article.current {
                let width = session.state.layout.article.inset(columns: 1).width
                let made = ArticleLayout(
                    article: current, highlighter: session.state.article.query.map(SearchHighlighter.init),
                    width: width)
                #expect(made == session.state.articleLayout, "\(step)")
            }
        }
        var session = Self.session(with: Self.hugeArticle(paragraphs: 300))
        expectExact(session, "opened")
        for key in Self.scrolling {
            session.press(key)
            expectExact(session, "after \(key)")
        }
        session.resize(100, 30)
        expectExact(session, "resized")
        session.type("b")
        #expect(session.state.articleLayout.lines.contains { $0.text.hasPrefix("★") })
        expectExact(session, "bookmarked")

        // Reopened where the reader left it, in the middle.
        let middle = ArticleAnchor(block: 150, character: 0)
        let reopened = Self.session(with: Self.hugeArticle(paragraphs: 300, saved: middle), searching: false)
        #expect(reopened.state.article.anchor == middle)
        expectExact(reopened, "reading position restored")
    }
}
