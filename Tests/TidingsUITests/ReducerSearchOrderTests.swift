import Testing
import TidingsCore

@testable import TidingsUI

/// The order the search line names: what the results are really in, not only what was asked.
@Suite("Reducer: the order shown")
struct ReducerSearchOrderTests {
    /// Results the live ranking declined are in archive order, and the search line says so
    /// (it said "relevance" beside "not ranked"); a ranked answer to the next key says
    /// "relevance" again.
    @Test func declinedRankingShowsArchiveOrder() throws {
        var session = Harness(SearchFixtures.library(), columns: 120)
        session.holdSearches = true
        for (typed, unranked) in [("/l", true), ("a", false)] {
            session.type(typed)
            let request = try #require(session.held.last)
            guard case .loadHeadlines(let tab, let query?, let order, let offset, _, let generation, _) = request
            else {
                Issue.record("not a search request: \(request)")
                return
            }
            #expect(order == .relevance)
            session.send(
                .headlinesLoaded(
                    HeadlinePage(
                        tab: tab, offset: offset, total: 12_345, rows: [Headline(id: "s-2", title: "Early")],
                        query: query, order: order, generation: generation,
                        hint: unranked ? "not ranked: ‘l’ is one character, type on" : nil, isUnranked: unranked)))
            let line = session.lines[23]
            if unranked {
                #expect(session.state.search?.shownOrder == .archive)
                #expect(line.contains("archive order") && !line.contains("relevance"), "\(line)")
            } else {
                #expect(session.state.search?.shownOrder == .relevance)
                #expect(line.contains("relevance"), "\(line)")
            }
        }
    }
}
