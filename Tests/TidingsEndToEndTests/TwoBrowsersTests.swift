import Foundation
import Testing

/// Issue 7, two instances: two real browsers toggling a bookmark with the `b` key a thousand
/// times each while imports write to the same library, one after another, all along. No "database is locked" (or any
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
        let tidings = try BuiltProducts.executable(named: "tidings")
        let toggles = DataSafetyTests.burst | 1  // odd: each post ends bookmarked
        let environment = cli.environment.merging(["NO_COLOR": ""]) { _, given in given }
        let browsers = try (0..<2).map { _ in
            try TmuxSession(command: [tidings], columns: 100, rows: 30, environment: environment)
        }
        for browser in browsers { try await browser.waitFor("1/20", timeout: .seconds(20)) }
        try browsers[1].sendKeys("j")  // the second browser toggles the second post
        try await browsers[1].waitFor("2/20")
        // Every frame, not only the last: a failure shown and then drawn over still counts.
        let logs = (0..<2).map { cli.scratch.file("browser\($0).log") }
        for (browser, log) in zip(browsers, logs) { try browser.recordOutput(to: log) }

        // Imports one after another, each of new posts, for as long as the toggles last.
        var imports = 0
        func startImport() throws -> ChildProcess {
            let corpus = try DataSafetyTests.corpus(cli, posts: 500, folder: "corpus\(imports)")
            imports += 1
            return try ChildProcess.spawn(
                executable: tidings, arguments: ["import", corpus], environment: cli.environment,
                standardOutput: cli.scratch.file("i\(imports).out"),
                standardError: cli.scratch.file("i\(imports).err"))
        }
        let started = ContinuousClock.now
        var importer = try startImport()
        for browser in browsers { try browser.sendText(String(repeating: "b", count: toggles)) }
        // Keys are answered in order and each toggle is saved before the next key is read:
        // once the search line shows what follows the last `b`, every toggle is done.
        for browser in browsers { try browser.sendText("/zqxj") }
        var done = [false, false]
        var importsDuringToggles = 0
        while done.contains(false), ContinuousClock.now - started < .seconds(300) {
            if let ended = try importer.poll() {
                #expect(
                    ended.exitCode == 0, "import \(imports): \(BurstOutput.text(cli.scratch.file("i\(imports).err")))")
                importsDuringToggles += 1
                importer = try startImport()
            }
            for (index, browser) in browsers.enumerated() where !done[index] {
                done[index] = try browser.capture().contains("/zqxj")
            }
            usleep(50_000)
        }
        #expect(!done.contains(false), "the toggles did not finish within 300 s")
        let elapsed = ContinuousClock.now - started
        #expect(try DataSafetyTests.wait(importer).exitCode == 0)
        #expect(importsDuringToggles >= 1, "no import finished while the browsers toggled")
        for browser in browsers {
            try browser.sendKeys("Escape")
            try browser.sendKeys("q")
            #expect(try await browser.waitForExit(timeout: .seconds(20)) == 0)
        }
        for (index, log) in logs.enumerated() {
            let output = BurstOutput.text(log)
            // The search line echoes key by key with cursor moves between; the status words
            // of a toggle come whole.
            #expect(
                output.contains("removed") && output.contains("No posts match"),
                "browser \(index + 1)'s output was not recorded: \(output.count) bytes")
            Self.expectNoFailure(output, "browser \(index + 1)'s output")
        }

        // One post per browser, each toggled an odd number of times: a lost toggle leaves one
        // of them unbookmarked.
        let after = try DataSafetyTests.state(cli.library)
        #expect(after.bookmarks.count == 2, "bookmarks after \(toggles) toggles in each browser: \(after.bookmarks)")
        #expect(after.sound)
        #expect(after.posts == 20 + 500 * imports)
        print(
            "data: two browsers, \(toggles) bookmark toggles each, beside \(imports) imports of 500 posts: \(elapsed)")
    }
}
