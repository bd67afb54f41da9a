import Testing
import TidingsCore
import TidingsScreen
import TidingsTestSupport

@testable import TidingsUI

/// Issue 16, point 5: a paste into the search line cost 0.8 ms per character (one edit, one
/// search and one frame per character: 100 KB froze the browser for 84 s). The session loop
/// now hands a burst of characters to the reducer as one `.typed` action.
@Suite("Reducer: pastes")
struct PasteTests {
    private static func searches(_ effects: [Effect]) -> [String] {
        effects.compactMap { if case .loadHeadlines(_, let query?, _, _, _, _, _) = $0 { query.text } else { nil } }
    }

    @Test("a 100 KB paste is one edit and one search, capped with a message; Esc answers at once")
    func hugePasteIsOneSearch() {
        var session = Harness(SearchFixtures.library())
        session.holdSearches = true
        session.type("/")
        let paste = String(repeating: "zebra ", count: 100_000 / 6)
        let effects = session.effects { $0.send(.typed(paste)) }
        #expect(Self.searches(effects).count == 1)
        let line = session.state.searches[session.state.activeTab]?.line
        #expect(line?.characters.count == SearchLine.maximumLength)
        #expect(session.state.message?.contains("holds 1000 characters") == true)
        session.press(.escape)
        #expect(!session.state.isEditingSearch)
        #expect(session.state.searches[session.state.activeTab] == nil)
    }

    @Test("a burst from the list is keys until `/` opens the line, then one edit")
    func burstFromTheList() {
        var session = Harness(SearchFixtures.library())
        session.holdSearches = true
        let effects = session.effects { $0.send(.typed("jj/lau")) }
        #expect(Self.searches(effects) == ["lau"])
        #expect(session.state.isEditingSearch)
        var typed = Harness(SearchFixtures.library())
        typed.holdSearches = true
        typed.type("jj")
        #expect(session.state.list.selection == typed.state.list.selection)
    }

    @Test("control characters and line breaks in a paste are cleaned, as when typed")
    func pasteIsSanitised() {
        var session = Harness(SearchFixtures.library())
        session.type("/")
        session.send(.typed("la\u{1B}[31mu\nre\u{202E}l\tx"))
        #expect(session.state.searches[session.state.activeTab]?.line.text == "lau rel x")
    }

    /// The paste target: random text cut into random bursts ends on the same line as typing
    /// it key by key, whatever the cuts (below the limit, where nothing is dropped), and that
    /// line is the cleaned text.
    @Test func burstsEqualKeysWhateverTheCuts() {
        // No ESC or C1 introducers: in a real burst the terminal layer has already taken
        // those as keys, and what they swallow depends on what follows them.
        let pieces = [
            "a", "b", " ", "é", "e\u{301}", "\u{301}", "한", "\u{1100}", "\u{1161}", "\u{07}", "\u{202E}", "\t", "\n",
            "👍🏽", "\u{AD}",
        ]
        var random = SplitMix64(seed: 5)
        for round in 0..<200 {
            var text = ""
            for _ in 0..<Int(random.next() % 30) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            var byKeys = SearchLine()
            for character in text { byKeys.insert(String(character)) }
            var byBursts = SearchLine()
            var rest = Substring(text)
            while !rest.isEmpty {
                let cut = 1 + Int(random.next() % 6)
                byBursts.insert(String(rest.prefix(cut)))
                rest = rest.dropFirst(cut)
            }
            #expect(byBursts.text == byKeys.text, "round \(round): \(text.debugDescription)")
            #expect(byBursts.text == Sanitizer.clean(text), "round \(round): \(text.debugDescription)")
        }
    }
}

/// Issue 16, point 5: a bracketed paste (``Action/pasted(_:)``) is text, never keys.
@Suite("Reducer: bracketed pastes")
struct BracketedPasteReducerTests {
    private static func searches(_ effects: [Effect]) -> [String] {
        effects.compactMap { if case .loadHeadlines(_, let query?, _, _, _, _, _) = $0 { query.text } else { nil } }
    }

    @Test("on the search line: one edit, one search, capped with a message")
    func intoTheSearchLine() {
        var session = Harness(SearchFixtures.library())
        session.holdSearches = true
        session.type("/")
        let effects = session.effects { $0.send(.pasted("lau q")) }
        #expect(Self.searches(effects) == ["lau q"])
        #expect(session.state.isEditingSearch)
        session.send(.pasted(String(repeating: "y", count: 5_000)))
        #expect(session.state.searches[session.state.activeTab]?.line.characters.count == SearchLine.maximumLength)
        #expect(session.state.message?.contains("holds 1000 characters") == true)
    }

    @Test("in the list a paste is refused with a message: a pasted q, A or / does nothing")
    func inTheListItIsNotKeys() {
        var session = Harness(SearchFixtures.library())
        let before = session.state
        let effects = session.effects { $0.send(.pasted("jjA/q")) }
        #expect(effects.isEmpty)
        #expect(!session.state.isEditingSearch)
        #expect(session.state.list.selection == before.list.selection)
        #expect(session.state.confirmingMarkRead == nil)
        #expect(session.state.message == "Paste ignored: press / to search, then paste")
    }

    @Test("a paste answers the mark-read question with no, and goes into the picker's filter")
    func questionAndPicker() {
        var session = Harness(SearchFixtures.library())
        session.type("A")
        #expect(session.state.confirmingMarkRead != nil)
        let effects = session.effects { $0.send(.pasted("y")) }
        #expect(!effects.contains { if case .markTabRead = $0 { true } else { false } })
        #expect(session.state.message == "Nothing marked")
        session.type("t")
        session.send(.pasted("ab\u{1B}[2Jc\n"))
        guard case .picker(let picker) = session.state.overlay else {
            Issue.record("the picker did not open")
            return
        }
        #expect(picker.filter == "abc ")
    }
}
