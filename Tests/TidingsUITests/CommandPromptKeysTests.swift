import Testing
import TidingsScreen
import TidingsUI

/// The `:` prompt reads its own keys from the key table's line edits, as the search line does.
@Suite("Command prompt keys")
struct CommandPromptKeysTests {
    /// `clear-search` on Ctrl-G, `keep-filter` on Ctrl-J, `delete-back` on Ctrl-H, `clear-line`
    /// on Ctrl-U only: Enter, Backspace and Esc keep no line edit.
    static let remapped = KeyTable.standard.rebinding(
        lineEdits: [
            .cancel: [.control("g")], .accept: [.control("j")], .deleteBack: [.control("h")],
            .clear: [.control("u")],
        ])

    private static func session() -> Harness {
        Harness(Fixtures.library(), settings: BrowserSettings(keyTable: remapped))
    }

    @Test("a rebound clear-search closes the prompt and runs nothing")
    func reboundCancelCloses() {
        var session = Self.session()
        session.type(":quit")
        let effects = session.effects { $0.press(.control("g")) }
        #expect(session.state.prompt == nil)
        #expect(effects.isEmpty)
    }

    @Test("a rebound keep-filter runs the line; Enter, unbound, runs nothing")
    func reboundAcceptRuns() {
        var session = Self.session()
        session.type(":next")
        session.press(.enter)
        #expect(session.state.prompt?.line.text == "next")
        #expect(session.state.list.selection == 0)
        session.press(.control("j"))
        #expect(session.state.prompt == nil)
        #expect(session.state.list.selection == 1)
    }

    @Test("rebound delete-back and clear-line edit; the old Backspace does not")
    func reboundEdits() {
        var session = Self.session()
        session.type(":nextx")
        session.press(.backspace)
        #expect(session.state.prompt?.line.text == "nextx")
        session.press(.control("h"))
        #expect(session.state.prompt?.line.text == "next")
        session.press(.control("u"))
        #expect(session.state.prompt?.line.text == "")
        // Deleting back on the empty line leaves, as Backspace does by default.
        session.press(.control("h"))
        #expect(session.state.prompt == nil)
    }

    @Test("Esc closes the prompt even when no line edit is bound to it")
    func escapeAlwaysCloses() {
        var session = Self.session()
        session.type(":quit")
        let effects = session.effects { $0.press(.escape) }
        #expect(session.state.prompt == nil)
        #expect(effects.isEmpty)
    }

    @Test("the search line takes the same rebound keys")
    func searchLineShares() {
        var session = Self.session()
        session.type("/kim")
        session.press(.control("h"))
        #expect(session.state.search?.line.text == "ki")
        session.press(.control("g"))
        #expect(session.state.search == nil)
    }
}
