import Foundation
import Testing
import TidingsApp
import TidingsScreen
import TidingsTestSupport

extension BrowserSessionTests {
    /// Runs the loop on a thread of its own (as ``run(_:on:)`` in the suite does).
    private static func runLoop(_ terminal: FakeTerminal, on fixture: AppFixture) async -> Int32 {
        nonisolated(unsafe) let session = BrowserSession(library: fixture.library, terminal: terminal)
        return await withCheckedContinuation { done in
            Thread { done.resume(returning: session.run()) }.start()
        }
    }

    @Test("U lists the library's unread posts; t picks an author whose tab the library fills (issue 15, 6 and 11)")
    func unreadOnlyAndPicker() async throws {
        let fixture = try AppFixture()
        try fixture.library.setRead(true, postID: fixture.ids[0])
        let terminal = FakeTerminal(
            [
                .waitUntil("the first page") { $0.snapshot().contains("Story 0 about the harbour") },
                .key(.character("U")),
                .waitUntil("the unread list") {
                    $0.snapshot().contains("unread only") && $0.snapshot().contains("1/11")
                },
                .key(.character("U")),
                .waitUntil("the whole list") {
                    !$0.snapshot().contains("unread only") && $0.snapshot().contains("/12")
                },
                .key(.character("t")),
                .waitUntil("the picker's entries") { $0.snapshot().contains("Jane Holloway") },
            ] + FakeTerminal.type("jane") + [
                .key(.enter),
                .waitUntil("the author tab") { $0.snapshot().contains("by Jane Holloway 11/12") },
                .key(.character("q")),
            ])
        #expect(await Self.runLoop(terminal, on: fixture) == 0)
        #expect(terminal.gaveUp == nil)
        #expect(terminal.lastFrame.contains("Bookmarks 0"))
        #expect(terminal.lastFrame.contains("Story 0 about the harbour"))
    }
}
