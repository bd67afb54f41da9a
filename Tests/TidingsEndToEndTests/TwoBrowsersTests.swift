import Foundation
import Testing

/// Issue 7, two instances: two real browsers toggling a bookmark with the `b` key a thousand
/// times each while an import writes to the same library. No "database is locked" (or any
/// failure) may show, and no toggle may be lost: each browser toggles its own post an odd
/// number of times, so both must end bookmarked. ``DataSafetyTests`` does the same with
/// `bookmarks burst` processes, which share the library code but not the browser's loop.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TwoBrowsersTests {
    /// Words the status line uses for a failed save; none may appear.
    static let failureWords = ["locked", "busy", "could not", "error", "failed"]

    static func expectNoFailure(_ screen: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let lowered = screen.lowercased()
        for word in failureWords where lowered.contains(word) {
            Issue.record("\(name) shows \"\(word)\":\n\(screen)", sourceLocation: sourceLocation)
        }
    }

    @Test func twoBrowsersAndAnImportLoseNoBookmark() async throws {
        let cli = try CLI()
        defer { cli.scratch.remove() }
        #expect(try await cli.run("import", try DataSafetyTests.corpus(cli, posts: 20, folder: "small")).status == 0)
        let corpus = try DataSafetyTests.corpus(cli, posts: DataSafetyTests.corpusPosts)
        let tidings = try BuiltProducts.executable(named: "tidings")
        let toggles = DataSafetyTests.burst | 1 // odd: each post ends bookmarked
        let environment = cli.environment.merging(["NO_COLOR": ""]) { _, given in given }
        let browsers = try (0..<2).map { _ in
            try TmuxSession(command: [tidings], columns: 100, rows: 30, environment: environment)
        }
        for browser in browsers { try await browser.waitFor("1/20", timeout: .seconds(20)) }
        try browsers[1].sendKeys("j") // the second browser toggles the second post
        try await browsers[1].waitFor("2/20")

        let started = ContinuousClock.now
        let importer = try ChildProcess.spawn(executable: tidings, arguments: ["import", corpus], environment: cli.environment,
                                              standardOutput: cli.scratch.file("i.out"), standardError: cli.scratch.file("i.err"))
        for browser in browsers { try browser.sendText(String(repeating: "b", count: toggles)) }
        // Keys are answered in order and each toggle is saved before the next key is read:
        // once the search line shows what follows the last `b`, every toggle is done.
        for browser in browsers { try browser.sendText("/zqxj") }
        for (index, browser) in browsers.enumerated() {
            let screen = try await browser.waitFor("/zqxj", timeout: .seconds(300))
            Self.expectNoFailure(screen, "browser \(index + 1)")
        }
        let elapsed = ContinuousClock.now - started
        #expect(try DataSafetyTests.wait(importer).exitCode == 0, "\(BurstOutput.text(cli.scratch.file("i.err")))")
        for browser in browsers {
            try browser.sendKeys("Escape")
            try browser.sendKeys("q")
            #expect(try await browser.waitForExit(timeout: .seconds(20)) == 0)
        }

        // One post per browser, each toggled an odd number of times: a lost toggle leaves one
        // of them unbookmarked.
        let after = try DataSafetyTests.state(cli.library)
        #expect(after.bookmarks.count == 2, "bookmarks after \(toggles) toggles in each browser: \(after.bookmarks)")
        #expect(after.sound)
        #expect(after.posts == 20 + DataSafetyTests.corpusPosts)
        print("data: two browsers, \(toggles) bookmark toggles each, beside an import of \(DataSafetyTests.corpusPosts) posts: \(elapsed)")
    }
}
