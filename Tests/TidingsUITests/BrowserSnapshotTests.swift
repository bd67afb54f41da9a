import Testing
import TidingsScreen
import TidingsUI

/// Whole screens, checked by eye once against the team's screen sketches (kept outside the
/// repository) and then held still: the snapshot files are the reference now.
@Suite("Browser screens")
struct BrowserSnapshotTests {
    @Test("first page of a library, 80x24 stacked")
    func firstPage80() {
        let session = Harness(Fixtures.library())
        assertSnapshot(session.screen, named: "browser-first-page-80x24")
    }

    @Test("first page of a library, 120x40 side by side")
    func firstPage120() {
        var session = Harness(Fixtures.library(), columns: 120, rows: 40)
        session.type("j")
        assertSnapshot(session.screen, named: "browser-first-page-120x40")
    }

    @Test("narrow 40x12: stacked, short status line")
    func narrow40() {
        let session = Harness(Fixtures.library(), columns: 40, rows: 12)
        assertSnapshot(session.screen, named: "browser-40x12")
    }

    @Test("a title wider than the pane is cut with an ellipsis")
    func longTitle() {
        let session = Harness(Fixtures.longTitleLibrary(), columns: 120, rows: 40)
        assertSnapshot(session.screen, named: "browser-long-title-120x40")
        let narrow = Harness(Fixtures.longTitleLibrary(), columns: 40, rows: 12)
        assertSnapshot(narrow.screen, named: "browser-long-title-40x12")
    }

    @Test("Hangul titles and body line up by display width")
    func hangul() {
        var session = Harness(Fixtures.hangulLibrary())
        assertSnapshot(session.screen, named: "browser-hangul-80x24")
        session.resize(120, 40)
        assertSnapshot(session.screen, named: "browser-hangul-120x40")
    }

    @Test("help overlay lists the key table")
    func help() {
        var session = Harness(Fixtures.library())
        session.type("?")
        assertSnapshot(session.screen, named: "browser-help-80x24")
        session.resize(120, 40)
        assertSnapshot(session.screen, named: "browser-help-120x40")
    }

    @Test("help overlay taller than the screen scrolls")
    func helpScrolls() {
        var session = Harness(Fixtures.library(), columns: 40, rows: 12)
        session.type("?")
        assertSnapshot(session.screen, named: "browser-help-40x12-top")
        session.press(.pageDown)
        assertSnapshot(session.screen, named: "browser-help-40x12-paged")
    }

    @Test("empty library")
    func empty() {
        let session = Harness(Fixtures.emptyLibrary())
        assertSnapshot(session.screen, named: "browser-empty-80x24")
        let wide = Harness(Fixtures.emptyLibrary(), columns: 120, rows: 40)
        assertSnapshot(wide.screen, named: "browser-empty-120x40")
    }

    @Test("before the first page arrives")
    func loading() {
        var state = AppState(size: Size(columns: 80, rows: 24), colors: false)
        _ = reduce(&state, .start)
        assertSnapshot(render(state), named: "browser-loading-80x24")
    }

    @Test("resize in the middle of an article keeps its paragraph at the top")
    func resizeMidArticle() {
        var session = Harness(Fixtures.library(), columns: 120, rows: 40)
        session.press(.enter)
        session.type("jjjjjjjjjjjjjjjjjjjj")
        assertSnapshot(session.screen, named: "browser-resize-1-before-120x40")
        session.resize(80, 24)
        assertSnapshot(session.screen, named: "browser-resize-2-after-80x24")
    }

    @Test("zoom gives the focused pane the whole body")
    func zoom() {
        var session = Harness(Fixtures.library())
        session.press(.enter)
        session.type("z")
        assertSnapshot(session.screen, named: "browser-zoom-article-80x24")
        session.press(.escape)
        assertSnapshot(session.screen, named: "browser-zoom-list-80x24")
    }

    @Test("v switches between side by side and stacked")
    func toggleLayout() {
        var session = Harness(Fixtures.library())
        session.type("v")
        assertSnapshot(session.screen, named: "browser-side-by-side-80x24")
        var wide = Harness(Fixtures.library(), columns: 120, rows: 40)
        wide.type("v")
        assertSnapshot(wide.screen, named: "browser-stacked-120x40")
    }

    @Test("many tabs scroll to keep the active one in view")
    func tabsScroll() {
        var session = Harness(Fixtures.library())
        session.type("]]]]]")
        assertSnapshot(session.screen, named: "browser-tabs-scrolled-80x24")
    }

    @Test("terminal too small")
    func tooSmall() {
        for (columns, rows) in [(12, 4), (19, 24), (80, 4), (1, 1), (10, 3)] {
            let session = Harness(Fixtures.library(), columns: columns, rows: rows)
            assertSnapshot(session.screen, named: "browser-too-small-\(columns)x\(rows)")
        }
    }

    @Test("colours add roles; without them every style is attributes only")
    func colors() {
        let session = Harness(Fixtures.library(), colors: true)
        assertSnapshot(session.screen, named: "browser-colors-80x24")
    }
}
