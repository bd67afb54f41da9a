import Testing
import TidingsScreen

@testable import TidingsUI

/// A click on a scrolled list selects the row drawn under the pointer, also when the stored
/// scroll top is stale: after `v` switches the layout, after a resize, after scrolling down.
@Suite("Mouse on a scrolled list")
struct MouseScrolledListTests {
    /// Clicks the list's row `offset` rows below its first drawn row and checks that the
    /// selected headline is the one whose text was drawn there.
    private static func clickAndCheck(_ session: inout Harness, offset: Int) {
        let y = session.state.layout.list.y + offset
        let x = session.state.layout.list.x + 10
        // The list pane's part of the row: side by side the story follows the selection.
        let drawn = String(session.lines[y].prefix(session.state.layout.list.x + session.state.layout.list.width))
        session.send(.mouse(MouseEvent(.click, x: x, y: y)))
        let headline = Fixtures.headline(session.state.list.selection)
        #expect(drawn.contains(String(headline.title.prefix(20))), "\(drawn) is not \(headline.title)")
        if let date = headline.date { #expect(drawn.contains(date), "\(drawn) has not \(date)") }
        // The list may then scroll to keep its margin round the selection, but still shows it.
        #expect(session.lines.contains { $0.hasPrefix(drawn) }, "the clicked row went off screen")
    }

    private static func down(_ session: inout Harness, _ count: Int) {
        for _ in 0..<count { session.press(.down) }
    }

    @Test("after v stacks the panes, a click on the first visible row selects it, not row 0")
    func clickAfterLayoutToggle() {
        var session = Harness(Fixtures.library(), columns: 120, rows: 30, options: BrowserOptions(mouse: true))
        #expect(session.state.layout.arrangement == .sideBySide)
        Self.down(&session, 30)
        session.type("v")
        #expect(session.state.layout.arrangement != .sideBySide)
        Self.clickAndCheck(&session, offset: 0)
        #expect(session.state.list.selection > 0)
    }

    @Test("after the terminal shrinks, a click selects the row drawn under it")
    func clickAfterResize() {
        var session = Harness(Fixtures.library(), columns: 120, rows: 40, options: BrowserOptions(mouse: true))
        Self.down(&session, 30)
        session.resize(120, 14)
        Self.clickAndCheck(&session, offset: 1)
        #expect(session.state.list.selection > 1)
    }

    @Test("a stored top the renderer does not draw from: the click follows the drawn rows")
    func clickWithStaleTop() {
        // The reducer reconciles `top` after every action, so this state is set by hand: it
        // is what a click met before the mouse and the renderer shared one scroll top.
        var session = Harness(Fixtures.library(), options: BrowserOptions(mouse: true))
        Self.down(&session, 30)
        session.state.list.top = 0
        Self.clickAndCheck(&session, offset: 0)
        #expect(session.state.list.selection > 20)
    }

    @Test("on a list scrolled down, a click selects the row drawn under it")
    func clickWithNonZeroTop() {
        var session = Harness(Fixtures.library(), options: BrowserOptions(mouse: true))
        Self.down(&session, 20)
        #expect(session.state.list.top > 0)
        Self.clickAndCheck(&session, offset: 2)
        Self.clickAndCheck(&session, offset: session.state.layout.list.height - 1)
    }
}
