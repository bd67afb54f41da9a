import Foundation
import Testing
import TidingsCore
import TidingsLibrary
import TidingsScreen
import TidingsUI

@testable import TidingsApp

/// The count bounded while typing, through the real loop, the worker and a real library: the
/// search line says "over" the bound while typing, Enter has the worker count exactly in the
/// background, and the exact figure replaces the bound on screen. The bound is 3 here (the
/// browser's is ``RankingScope/typingBound``) so that twelve posts pass it.
@Suite("Browser session: a count bounded while typing")
struct SessionBoundedCountTests {
    private static func run(_ terminal: FakeTerminal, on fixture: AppFixture) async -> Int32 {
        let clock = terminal.clock
        nonisolated(unsafe) let session = BrowserSession(
            library: fixture.library, terminal: terminal, greeting: nil, updater: nil, opener: LinkOpener(),
            settings: .standard, options: .standard, clock: { clock.now }, countBound: 3)
        return await withCheckedContinuation { done in
            Thread { done.resume(returning: session.run()) }.start()
        }
    }

    private static func statusLine(_ frame: ScreenBuffer) -> String { statusLine(frame.snapshot()) }

    private static func statusLine(_ snapshot: String) -> String {
        let rows = snapshot.split(separator: "\n", omittingEmptySubsequences: false)
        return rows.count >= 24 ? String(rows[23]) : ""
    }

    @Test("typing shows over the bound; Enter counts exactly and the count appears")
    func enterCountsExactly() async throws {
        let fixture = try AppFixture()
        var typing = ""
        let terminal = FakeTerminal(
            [.waitUntil("the first page") { $0.snapshot().contains("Story 0 about the harbour") }]
                + FakeTerminal.type("/traders") + [
                    .waitUntil("the bound on the search line") { frame in
                        typing = Self.statusLine(frame)
                        return typing.contains("over 3 matches")
                    },
                    .key(.enter),
                    .waitUntil("the exact count") { Self.statusLine($0).contains("12 matches") },
                    .key(.end),
                    .waitUntil("the last result") { Self.statusLine($0).contains("12/12") },
                    .key(.character("q")),
                ])
        #expect(await Self.run(terminal, on: fixture) == 0)
        #expect(terminal.gaveUp == nil)
        #expect(typing.contains("/traders"))
        let status = Self.statusLine(terminal.lastFrame)
        #expect(status.contains("12/12") && !status.contains("+") && !status.contains("over"))
    }

    @Test("the worker's first page says more than the bound, and its count job counts them all")
    func workerCountsUpToTheBound() async throws {
        let fixture = try AppFixture()
        var sent: [Action] = []
        let request = SearchRequest(
            tab: .all, query: SearchQuery("traders", typing: true), order: .relevance, offset: 0, limit: 50,
            generation: 1)
        await SearchWorker.answer(request, library: fixture.library, countBound: 3) { sent.append($0) }
        let pages = sent.compactMap { if case .headlinesLoaded(let page) = $0 { page } else { nil } }
        try #require(pages.count == 2)
        #expect(pages.allSatisfy { $0.total == 3 && !$0.totalIsExact })
        // The rows are not cut to the bound: only the count stops there.
        #expect(pages[0].rows.count == 12)
        sent = []
        await SearchWorker.count(
            CountRequest(tab: .all, query: SearchQuery("traders", typing: true), generation: 1),
            library: fixture.library
        ) { sent.append($0) }
        #expect(
            sent == [.matchesCounted(tab: .all, query: SearchQuery("traders", typing: true), generation: 1, total: 12)])
        // Within the bound the first page's count is exact.
        sent = []
        await SearchWorker.answer(request, library: fixture.library, countBound: 20) { sent.append($0) }
        let exact = sent.compactMap { if case .headlinesLoaded(let page) = $0 { page } else { nil } }
        #expect(!exact.isEmpty && exact.allSatisfy { $0.total == 12 && $0.totalIsExact })
    }

    @Test("when the library fails, the query and the count answer so: nothing stays under way")
    func libraryFailuresAnswer() async throws {
        let fixture = try AppFixture()
        // The file under the open library is overwritten: every later read fails.
        let garbage = Data(repeating: 0xA5, count: 64 * 1024)
        for suffix in ["", "-wal", "-shm"] {
            try? garbage.write(to: URL(fileURLWithPath: fixture.folder + "/library.sqlite" + suffix))
        }
        let query = SearchQuery("traders", typing: true)
        var sent: [Action] = []
        let request = SearchRequest(tab: .all, query: query, order: .relevance, offset: 0, limit: 50, generation: 4)
        await SearchWorker.answer(request, library: fixture.library, countBound: 3) { sent.append($0) }
        let pages = sent.compactMap { if case .headlinesLoaded(let page) = $0 { page } else { nil } }
        try #require(sent.contains { if case .failed = $0 { true } else { false } })
        #expect(pages.count == 1 && pages[0].failed && pages[0].generation == 4)
        sent = []
        await SearchWorker.count(CountRequest(tab: .all, query: query, generation: 4), library: fixture.library) {
            sent.append($0)
        }
        #expect(sent.count == 1)
        guard case .countFailed(.all, 4, let reason)? = sent.first else {
            Issue.record("no countFailed: \(sent)")
            return
        }
        #expect(!reason.isEmpty)
    }
}
