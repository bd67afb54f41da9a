import Testing
import TidingsCore
import TidingsScreen

@testable import TidingsUI

/// The exact count of a search's matches when it goes wrong or comes late (docs/search.md,
/// "Counting while typing"): a count that fails or is stopped never leaves the screen waiting,
/// a count that arrives after the reader turned to the story does not swap it, and a reload
/// does not turn a counted figure back into a bound.
@Suite("Reducer: a count that fails, is stopped or comes late")
struct ReducerCountFailureTests {

    @Test("a failed count: End goes to the last known row and says why; nothing waits or retries")
    func aFailedCountReleasesEnd() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        session.press(.enter)
        session.press(.end)
        guard case .countMatches(let tab, _, let generation) = session.held.removeLast() else {
            Issue.record("no count asked for")
            return
        }
        session.send(.countFailed(tab: tab, generation: generation, reason: "disk I/O error"))
        #expect(session.state.list.selection == 99)
        #expect(session.state.message?.contains("could not be counted") == true)
        #expect(session.state.message?.contains("disk I/O error") == true)
        #expect(session.state.search?.wantedRow == nil)
        // Up a row and back: the bound stays and says so, and nothing asks again.
        var again = session.effects { $0.type("k") }
        #expect(session.lines[23].contains("over 100 matches"))
        #expect(!session.lines[23].contains("counting"))
        again += session.effects {
            $0.press(.end)
            $0.type("n")
        }
        #expect(again.countRequests.isEmpty)
        #expect(session.state.message == "The matches could not be counted: this is the last row known")
        #expect(session.state.list.selection == 99)
    }

    @Test("a count stopped by a newer query that fails is not shown as under way")
    func aCountStoppedByAFailedQuery() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        session.press(.enter)
        #expect(session.held.count == 1)
        // `/x`: the new query cancels every older job in the worker, the count too.
        session.holdSearches = true
        session.type("/x")
        guard case .loadHeadlines(let tab, let query, let order, _, _, let generation, _) = session.held.removeLast()
        else {
            Issue.record("no query asked for")
            return
        }
        session.held.removeAll()
        session.send(
            .headlinesLoaded(
                HeadlinePage(
                    tab: tab, offset: 0, total: 0, rows: [], query: query, order: order, generation: generation,
                    hint: "nothing understood yet", failed: true)))
        session.press(.backspace)
        #expect(session.lines[23].contains("over 100 matches"))
        #expect(!session.lines[23].contains("counting"))
        // Enter asks for the count afresh.
        #expect(session.effects { $0.press(.enter) }.countRequests.count == 1)
    }

    @Test("End then opening the story: the late count does not move the selection or the story")
    func aLateCountKeepsTheStory() throws {
        for turn in [Key.enter, Key.tab] {
            var session = Harness.countingUpTo100()
            session.type("/rice")
            session.holdCounts = true
            session.press(.enter)
            session.press(.end)
            session.press(turn)
            #expect(session.state.focus == .article)
            let story = session.state.article.id
            session.release(0)
            #expect(session.state.list.selection == 0)
            #expect(session.state.article.id == story)
            #expect(session.state.list.totalIsExact)
        }
    }

    @Test("End then the wheel or a click in the story pane: the late count does not swap the story")
    func aLateCountAfterTheMouseInTheStory() throws {
        for kind in [MouseEvent.Kind.wheelDown, .click] {
            var session = Harness.countingUpTo100(options: BrowserOptions(mouse: true))
            session.type("/rice")
            session.holdCounts = true
            session.press(.enter)
            session.press(.end)
            let pane = session.state.layout.article
            session.send(.mouse(MouseEvent(kind, x: pane.x + 2, y: pane.y + 2)))
            let story = session.state.article.id
            session.release(0)
            #expect(session.state.list.selection == 0, "\(kind)")
            #expect(session.state.article.id == story, "\(kind)")
        }
    }

    @Test("End then another tab and back: the count does not move the selection later")
    func aLateCountAfterATabSwitch() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        session.press(.enter)
        session.press(.end)
        session.type("][")
        #expect(session.state.search?.wantedRow == nil)
        while !session.held.isEmpty { session.release(0) }
        #expect(session.state.list.selection == 0)
    }

    @Test("a reload keeps the counted figure and counts nothing; End counts afresh")
    func aReloadKeepsTheCount() throws {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.press(.enter)
        let total = session.exactCount("rice")
        try #require(total > 100)
        #expect(session.state.list.total == total)
        let reload = session.effects { $0.press(.control("l")) }
        #expect(reload.contains { if case .loadHeadlines(_, .some, _, 0, _, _, _) = $0 { true } else { false } })
        #expect(reload.countRequests.isEmpty)
        #expect(session.state.list.total == total)
        #expect(session.state.list.totalIsExact)
        #expect(session.lines[23].contains("\(total) matches"))
        #expect(!session.lines[23].contains("over"))
        // The end of the list may have moved since: End counts again before going there.
        session.holdCounts = true
        #expect(session.effects { $0.press(.end) }.countRequests.count == 1)
        #expect(session.state.search?.countAsked == session.state.list.generation)
        #expect(session.state.message == "Counting the matches…")
        session.release(0)
        #expect(session.state.list.selection == total - 1)
        #expect(!session.lines[23].contains("counting"))
    }

    @Test("Esc while the count runs stops it")
    func escStopsTheCount() {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        session.press(.enter)
        #expect(session.effects { $0.press(.escape) }.contains(.cancelSearch))
    }

    @Test("End while a newer query runs says so and does not wait for the old results' count")
    func endWhileANewerQueryRuns() {
        var session = Harness.countingUpTo100()
        session.type("/rice")
        session.holdCounts = true
        session.press(.enter)
        session.holdSearches = true
        session.press(.control("o"))
        session.press(.end)
        #expect(session.state.message == "Still searching: the results on screen are about to change")
        #expect(session.state.search?.wantedRow == nil)
    }

    @Test("a reload's bound keeps a counted figure only while the bound is below it")
    func aReloadCarriesTheCountBelowItsBound() {
        let key = ListKey(tab: .all, query: "rice", order: .archive)
        func page(_ generation: Int, _ total: Int, exact: Bool) -> HeadlinePage {
            HeadlinePage(
                tab: .all, offset: 0, total: total, rows: [], query: "rice", generation: generation,
                totalIsExact: exact)
        }
        for (counted, bound, carried) in [(182, 100, true), (100, 100, false), (90, 100, false)] {
            var list = HeadlineList(key: key, generation: 1)
            list.pending.insert(0)
            let first = list.accept(page(1, counted, exact: true))
            list.refresh(generation: 2)
            list.pending.insert(0)
            let reloaded = list.accept(page(2, bound, exact: false))
            #expect(first && reloaded)
            #expect(list.total == max(counted, bound), "\(counted) then over \(bound)")
            #expect(list.totalIsExact == carried && list.countIsCarried == carried, "\(counted) then over \(bound)")
            #expect(!list.endIsKnown, "\(counted) then over \(bound)")
        }
    }
}
