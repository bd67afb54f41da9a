import Testing
import TidingsCore
import TidingsScreen

@testable import TidingsUI

/// Search results counted up to a bound while typing (docs/search.md, "Counting while
/// typing"): the lines say so, paging stops at the rows known, and the exact count is asked
/// for when the person needs it (Enter, End, the last known row) and dropped when it is late.
@Suite("Reducer: a count bounded while typing")
struct ReducerBoundedCountTests {

    @Test("while typing the lines say over the bound, and nothing is counted exactly")
    func typingShowsTheBound() throws {
        var session = Harness.countingUpTo100()
        let effects = session.effects { $0.type("/rice") }
        try #require(session.exactCount("rice") > 100)
        #expect(effects.countRequests.isEmpty)
        #expect(session.state.list.total == 100)
        #expect(!session.state.list.totalIsExact)
        #expect(session.lines[23].contains("over 100 matches"))
        #expect(!session.lines[23].contains("counting"))
    }

    @Test("while a newer query is under way the line says searching, not the last results' count")
    func searchingWhileTheNextQueryRuns() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdSearches = true
        session.type("s")
        #expect(session.lines[23].contains("/rices"))
        #expect(session.lines[23].contains("searching…"))
        #expect(!session.lines[23].contains("over 100 matches"))
        #expect(session.state.list.key.query == "rice")  // the last results stay meanwhile
        session.release(0)
        #expect(!session.lines[23].contains("searching…"))
    }

    @Test("Enter counts exactly in the background; the count replaces the bound when it comes")
    func enterCounts() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        let effects = session.effects { $0.press(.enter) }
        let generation = session.state.list.generation
        #expect(effects.countRequests == [.countMatches(tab: .all, query: "rice", generation: generation)])
        #expect(session.lines[23].contains("1/100+"))
        #expect(session.lines[23].contains("over 100 matches, counting…"))
        // Asked once: other keys do not ask again.
        #expect(session.effects { $0.type("jk") }.countRequests.isEmpty)
        session.release(0)
        let total = session.exactCount("rice")
        #expect(session.state.list.total == total)
        #expect(session.state.list.totalIsExact)
        #expect(session.lines[23].contains("1/\(NumberText.grouped(total))"))
        #expect(session.lines[23].contains("\(total) matches"))
        #expect(!session.lines[23].contains("+"))
    }

    @Test("End with a bound waits for the count, then goes to the very end")
    func endWaitsForTheCount() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        session.press(.enter)
        session.press(.end)
        // Never the last known row as if it were the end.
        #expect(session.state.list.selection == 0)
        #expect(session.state.message == "Counting the matches…")
        session.release(0)
        let total = session.exactCount("rice")
        #expect(session.state.list.selection == total - 1)
        #expect(session.state.list.selected != nil)
    }

    @Test("a move of the reader's own before the count comes replaces End")
    func aMoveReplacesEnd() {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        session.press(.enter)
        session.press(.end)
        session.type("j")
        session.release(0)
        #expect(session.state.list.selection == 1)
        #expect(session.state.list.totalIsExact)
    }

    @Test("paging stops at the rows known and asks for the count there; then it goes on")
    func pagingStopsAtTheKnownRows() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        // While typing: Page Down works on the results as they narrow.
        var asked: [Effect] = []
        for _ in 0..<40 { asked += session.effects { $0.press(.pageDown) }.countRequests }
        #expect(session.state.list.selection == 99)
        #expect(asked.count == 1)
        #expect(session.state.isEditingSearch)
        session.release(0)
        session.press(.pageDown)
        #expect(session.state.list.selection > 99)
    }

    @Test("a count for results no longer on screen is dropped")
    func aLateCountIsDropped() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        session.press(.enter)
        #expect(session.held.count == 1)
        // Ctrl-O: the same words in the other order are new results, with a count of their own.
        session.press(.control("o"))
        #expect(session.held.count == 2)
        session.release(0)
        #expect(session.state.list.total == 100)
        #expect(!session.state.list.totalIsExact)
        session.release(0)
        #expect(session.state.list.total == session.exactCount("rice"))
    }

    @Test("a count stopped with the searches under way is asked again when needed")
    func aCancelledCountIsAskedAgain() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        session.press(.enter)
        #expect(session.held.count == 1)
        // Back to the line, a letter and its deletion: the query under way is dropped with a
        // `.cancelSearch`, which stops the count too.
        session.holdSearches = true
        session.type("/x")
        let dropped = session.effects { $0.press(.backspace) }
        #expect(dropped.contains(.cancelSearch))
        #expect(dropped.countRequests.isEmpty)  // still typing: not needed yet
        let again = session.effects { $0.press(.enter) }
        #expect(again.countRequests.count == 1)
    }

    @Test("a next unread match past the known rows waits for the count, then is selected")
    func nextUnreadPastTheBound() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        session.press(.enter)
        #expect(session.held.count == 1)
        session.type("u")
        #expect(session.held.count == 2)  // the count, then the look-up
        session.held.removeLast()
        // The library found the next unread match beyond the 100 rows known.
        session.send(.nextUnreadFound(index: 150))
        #expect(session.state.list.selection == 0)
        #expect(session.state.message == "Counting the matches…")
        session.release(0)
        #expect(session.state.list.selection == min(150, session.exactCount("rice") - 1))
    }
}
