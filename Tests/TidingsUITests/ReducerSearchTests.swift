import Testing
import TidingsCore

@testable import TidingsUI

/// Search as you type: requests per keystroke, stale and out-of-order answers, keeping and
/// clearing the filter, hints for bad queries, the order, and search inside any tab.
@Suite("Reducer: search")
struct ReducerSearchTests {
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

    /// The characters of the article's title marked as matches, as the pane lays them out
    /// (the fixtures' titles are ASCII: a column is a character).
    private static func titleMarks(_ state: AppState) -> [Range<Int>] {
        state.articleLayout.lines.filter { $0.kind == .title }.flatMap { line in
            line.highlights.map { (line.start + $0.columns.lowerBound)..<(line.start + $0.columns.upperBound) }
        }
    }

    private static func ids(_ list: HeadlineList) -> [String] {
        (0..<(list.total ?? 0)).compactMap { list.headline(at: $0)?.id }
    }

    @Test("a new query on the same post asks nothing of the library; the renderer marks its matches")
    func queryChangeKeepsTheArticle() throws {
        var session = Harness(SearchFixtures.library())
        session.type("/launche")
        let id = try #require(session.state.article.current?.id)
        let typed = session.effects { $0.type("r") }
        #expect(session.state.article.current?.id == id)
        #expect(!typed.contains { if case .loadArticle = $0 { true } else { false } })
        #expect(session.state.article.query == "launcher")
        #expect(!session.state.articleLayout.matches.isEmpty)
    }

    @Test("each keystroke asks for its query under a new, higher generation; the list waits")
    func typingAsks() {
        var session = Harness(SearchFixtures.library())
        session.holdSearches = true
        let effects = session.effects { $0.type("/lau") }
        let asked = Self.searches(effects)
        #expect(asked.map(\.0) == ["l", "la", "lau"])
        #expect(asked.map(\.1) == [.relevance, .relevance, .relevance])
        #expect(zip(asked, asked.dropFirst()).allSatisfy { $0.2 < $1.2 })
        // Nothing has answered: the whole list is still on screen.
        #expect(session.state.list.key.query == nil)
        #expect(session.state.list.total == 12)
        #expect(session.state.isEditingSearch)

        session.release(2)
        #expect(session.state.list.key.query == "lau")
        #expect(Self.ids(session.state.list) == ["s-8", "s-0", "s-2", "s-10"])
        #expect(session.state.article.current?.id == "s-8")
        #expect(session.state.article.query == "lau")
    }

    @Test("answers to superseded queries are dropped, whatever order they arrive in")
    func staleAndOutOfOrder() {
        var session = Harness(SearchFixtures.library())
        session.holdSearches = true
        session.type("/lau")
        // An older answer before the newest one: still not shown.
        var before = session.state
        session.release(0)  // "l"
        #expect(session.state == before)
        session.release(1)  // "lau", the newest
        #expect(session.state.list.key.query == "lau")
        // The older one left arrives last and changes nothing.
        before = session.state
        session.release(0)  // "la"
        #expect(session.state == before)

        // Typing on: the results stay until the next answer, then are replaced.
        session.type("nch")
        #expect(session.state.list.key.query == "lau")
        session.release(2)  // "launch"
        #expect(session.state.list.key.query == "launch")
        before = session.state
        session.release(1)
        session.release(0)
        #expect(session.state == before)
    }

    @Test("a trailing space or a cursor move asks nothing new")
    func noNewQueryWithoutChange() {
        var session = Harness(SearchFixtures.library())
        session.type("/launch")
        let effects = session.effects {
            $0.type(" ")
            $0.press(.left, .left, .right)
        }
        #expect(Self.searches(effects).isEmpty)
        #expect(session.state.search?.line.text == "launch ")
    }

    @Test("the editing keys: Backspace, Ctrl-W, Ctrl-U, Left and Right, typed Hangul and accents")
    func editingKeys() {
        var session = Harness(SearchFixtures.library())
        session.type("/border talks")
        session.press(.control("w"))
        #expect(session.state.search?.line.text == "border ")
        session.press(.backspace, .backspace)
        #expect(session.state.search?.line.text == "borde")
        session.press(.left, .left)
        session.type("é한")
        #expect(session.state.search?.line.text == "boré한de")
        session.press(.right, .backspace)
        #expect(session.state.search?.line.text == "boré한e")
        // A combining accent typed on its own joins the letter before it.
        session.press(.control("u"))
        session.type("Caf")
        session.press(.character("e"), .character("\u{301}"))
        #expect(session.state.search?.line.characters.count == 4)
        session.press(.backspace)
        #expect(session.state.search?.line.text == "Caf")
        session.press(.control("u"))
        #expect(session.state.search?.line.text == "")
        // A control character typed or pasted never reaches the line.
        session.press(.character("\u{1B}"), .character("\u{7}"))
        #expect(session.state.search?.line.text == "")
    }

    @Test("Enter keeps the filter; / edits it again; Esc brings back the list and its selection")
    func keepEditClear() {
        var session = Harness(SearchFixtures.library())
        session.type("jjjjj")
        let whole = session.state.lists[.all]
        #expect(session.state.list.selection == 5)

        session.type("/launch")
        session.press(.enter)
        #expect(!session.state.isEditingSearch)
        #expect(session.state.list.key.query == "launch")
        #expect(session.lines[23].contains("/launch"))
        #expect(session.lines[23].contains("4 matches"))
        session.type("j")  // browsing the results
        #expect(session.state.article.current?.id == "s-0")
        #expect(Self.titleMarks(session.state) == [39..<45])

        session.type("/")
        #expect(session.state.isEditingSearch)
        #expect(session.state.search?.line.cursor == 6)
        session.type("er")
        #expect(Self.ids(session.state.list) == ["s-0", "s-2"])

        let effects = session.effects { $0.press(.escape) }
        #expect(session.state.search == nil)
        #expect(session.state.list.selection == 5)
        #expect(session.state.article.current?.id == "s-5")
        #expect(Self.titleMarks(session.state) == [])
        // The whole list was kept aside, not reloaded.
        #expect(!effects.contains { if case .loadHeadlines = $0 { true } else { false } })
        #expect(session.state.lists[.all]?.pages == whole?.pages)
    }

    @Test("Esc while the search line is open clears it too; Enter on an empty line as well")
    func escapeWhileTyping() {
        var session = Harness(SearchFixtures.library())
        session.type("jj/launch")
        session.press(.escape)
        #expect(session.state.search == nil)
        #expect(session.state.list.selection == 2)
        session.type("/")
        session.press(.enter)
        #expect(session.state.search == nil)
        // From the article, Esc first goes back to the list, then clears.
        session.type("/launch")
        session.press(.enter, .enter)
        #expect(session.state.focus == .article)
        session.press(.escape)
        #expect(session.state.focus == .list)
        #expect(session.state.search != nil)
        session.press(.escape)
        #expect(session.state.search == nil)
    }

    @Test("an impossible query keeps the last results and shows a hint; a loose one says how it was read")
    func badQueries() {
        var session = Harness(SearchFixtures.library())
        session.type("/launch")
        session.press(.left, .left, .left, .left, .left, .left)
        session.type("-")  // "-launch": excludes, but searches for nothing
        #expect(session.state.search?.hasFailed == true)
        #expect(session.state.search?.hint == "nothing understood yet")
        #expect(session.state.list.key.query == "launch")
        #expect(session.state.list.total == 4)
        #expect(session.lines[23].contains("nothing understood yet"))

        // Back to the query on screen: nothing to ask, the hint goes.
        let effects = session.effects { $0.press(.backspace) }
        #expect(Self.searches(effects).isEmpty)
        #expect(session.state.search?.hasFailed == false)
        #expect(session.state.search?.hint == nil)

        session.type("\"")
        #expect(session.state.list.key.query == "\"launch")
        #expect(session.state.search?.hint == "unbalanced quote closed")
        #expect(session.lines[23].contains("unbalanced quote closed"))

        // Emptying the line shows the whole list again, still searching.
        session.press(.control("u"))
        #expect(session.state.list.key.query == nil)
        #expect(session.state.list.total == 12)
        #expect(session.state.isEditingSearch)
    }
}

/// A relevance search answers first with a provisional page in archive order, then ranked.
@Suite("Reducer: provisional search pages")
struct ReducerProvisionalSearchTests {
    @Test("a provisional page shows at once; the ranked page for the same request replaces it")
    func provisionalThenFinal() throws {
        var session = Harness(SearchFixtures.library())
        session.holdSearches = true
        session.type("/lau")
        let request = try #require(session.held.last)
        guard case .loadHeadlines(let tab, let query?, let order, let offset, _, let generation, _) = request else {
            Issue.record("not a search request: \(request)")
            return
        }
        let early = [Headline(id: "s-2", title: "Early"), Headline(id: "s-8", title: "Second")]
        let ranked = [Headline(id: "s-8", title: "Second"), Headline(id: "s-2", title: "Early")]
        func page(_ rows: [Headline], provisional: Bool) -> HeadlinePage {
            HeadlinePage(
                tab: tab, offset: offset, total: 2, rows: rows, query: query, order: order,
                generation: generation, isProvisional: provisional)
        }
        session.send(.headlinesLoaded(page(early, provisional: true)))
        #expect(session.state.list.key.query == "lau")
        #expect(session.state.list.headline(at: 0)?.id == "s-2")
        session.send(.headlinesLoaded(page(ranked, provisional: false)))
        #expect(session.state.list.headline(at: 0)?.id == "s-8")
        // Once final, a late duplicate of the same request is stale.
        let settled = session.state
        session.send(.headlinesLoaded(page(early, provisional: false)))
        #expect(session.state == settled)
    }

    @Test("the live ranking's notes stand beside the count; with little room the count stays")
    func rankingNotes() throws {
        let notes = [
            (120, "ranked: newest 5,000 and title matches of the last 100,000"),
            (120, "not ranked: ‘l’ is one character, type on"),
            (80, "ranked: newest 5,000 and title matches of the last 100,000"),
        ]
        for (columns, note) in notes {
            var session = Harness(SearchFixtures.library(), columns: columns)
            session.holdSearches = true
            session.type("/l")
            let request = try #require(session.held.last)
            guard case .loadHeadlines(let tab, let query?, let order, let offset, _, let generation, _) = request else {
                Issue.record("not a search request: \(request)")
                return
            }
            session.send(
                .headlinesLoaded(
                    HeadlinePage(
                        tab: tab, offset: offset, total: 12_345, rows: [Headline(id: "s-2", title: "Early")],
                        query: query, order: order, generation: generation, hint: note)))
            let line = session.lines[23]
            #expect(line.contains("12,345 matches"), "\(columns): \(line)")
            if columns == 120 { #expect(line.contains(note), "\(line)") }
        }
    }
}
