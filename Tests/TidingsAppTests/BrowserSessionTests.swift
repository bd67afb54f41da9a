import Foundation
import Testing
import TidingsApp
import TidingsScreen
import TidingsTestSupport

/// The real session loop on a real library, through a scripted terminal: dispatch, effects
/// run against the library, search answers arriving from the worker between keys.
@Suite("Browser session")
struct BrowserSessionTests {
    /// Runs the loop on a thread of its own, as `tidings browse` runs it on the main thread:
    /// its waits must not hold the threads the search worker's tasks need.
    private static func run(_ terminal: FakeTerminal, on fixture: AppFixture) async -> Int32 {
        // Handed to the one thread that runs it, and not touched here meanwhile.
        nonisolated(unsafe) let session = BrowserSession(library: fixture.library, terminal: terminal)
        return await withCheckedContinuation { done in
            Thread { done.resume(returning: session.run()) }.start()
        }
    }

    private static var firstPage: FakeTerminal.Step {
        .waitUntil("the first page") { $0.snapshot().contains("Story 0 about the harbour") }
    }

    @Test("the loop loads the tabs and the first page from the library, and q quits with 0")
    func startsAndQuits() async throws {
        let fixture = try AppFixture()
        let terminal = FakeTerminal([Self.firstPage, .key(.character("q"))])
        let status = await Self.run(terminal, on: fixture)
        #expect(terminal.gaveUp == nil)
        #expect(status == 0)
        let screen = terminal.lastFrame
        #expect(screen.contains("All 12"))
        #expect(screen.contains("Economy 12"))
        #expect(screen.contains("Story 11 about the market") || screen.contains("Story 5 about the market"))
    }

    @Test("b goes through the loop to the library: the mark is stored and drawn")
    func bookmarkIsStored() async throws {
        let fixture = try AppFixture()
        let terminal = FakeTerminal([
            Self.firstPage, .key(.character("b")),
            .waitUntil("the bookmark confirmed") { $0.snapshot().contains("Bookmarked") },
            .key(.character("q")),
        ])
        #expect(await Self.run(terminal, on: fixture) == 0)
        #expect(terminal.gaveUp == nil)
        #expect(try fixture.library.marks(postID: fixture.ids[0]).isBookmarked)
        #expect(terminal.lastFrame.contains("★"))
        #expect(terminal.lastFrame.contains("Bookmarks 1"))
    }

    @Test("typed searches are answered by the worker between keys; the newest query's results show")
    func searchThroughTheWorker() async throws {
        let fixture = try AppFixture()
        let terminal = FakeTerminal(
            [Self.firstPage] + FakeTerminal.type("/mar") + FakeTerminal.type("ket") + [
                .waitUntil("six market stories") { $0.snapshot().contains("6 matches") },
                .key(.enter), .key(.character("q")),
            ])
        #expect(await Self.run(terminal, on: fixture) == 0)
        #expect(terminal.gaveUp == nil)
        let screen = terminal.lastFrame
        #expect(screen.contains("Story 1 about the market"))
        #expect(!screen.contains("about the harbour"))
        #expect(screen.contains("/market"))
    }

    @Test("a termination signal quits with 128 + the signal; a hang-up with 129")
    func signalAndHangUp() async throws {
        let fixture = try AppFixture()
        let signalled = FakeTerminal([Self.firstPage, .event(.signal(15))])
        #expect(await Self.run(signalled, on: fixture) == 143)
        let hungUp = FakeTerminal([])
        #expect(await Self.run(hungUp, on: fixture) == 129)
    }

    @Test("Ctrl-L makes the terminal forget what it shows")
    func redrawInvalidates() async throws {
        let fixture = try AppFixture()
        let terminal = FakeTerminal([Self.firstPage, .key(.control("l")), .key(.character("q"))])
        #expect(await Self.run(terminal, on: fixture) == 0)
        #expect(terminal.invalidations == 1)
    }
}
