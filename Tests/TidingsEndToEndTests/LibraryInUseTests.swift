import Foundation
import Glibc
import Testing

/// Issue 7, the library's edges: `rebuild` must not pull the file from under a running
/// browser, and a library file emptied to 0 bytes must not pass for a new, empty library.
@Suite struct LibraryInUseTests {
    /// Files beside the library that `rebuild` set aside.
    static func setAside(_ cli: CLI) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cli.scratch.path)) ?? [])
            .filter { $0.hasPrefix("library.sqlite.damaged-") && !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }
    }

    /// A library with the sample archive, and a browser on it on a pseudo-terminal.
    static func browserOnTheSample() async throws -> (CLI, TestPseudoTerminal) {
        let cli = try CLI()
        #expect(try await cli.run("import", CLI.repository + "/data").status == 0)
        let environment = cli.environment.merging(["TERM": "xterm-256color", "SWIFT_BACKTRACE": "interactive=no"]) {
            _, new in new
        }
        let browser = try TestPseudoTerminal(
            executable: try BuiltProducts.executable(named: "tidings"),
            environment: environment)
        #expect(browser.drain(timeout: 20, until: { $0.outputContains("1/50") }), "the browser did not start")
        return (cli, browser)
    }

    @Test func rebuildRefusesWhileABrowserHasTheLibraryOpen() async throws {
        let (cli, browser) = try await Self.browserOnTheSample()

        let refused = try await cli.run("rebuild")
        #expect(refused.status == 75, "\(refused)")
        #expect(refused.standardError.contains("tidings (pid \(browser.pid))"), "\(refused)")
        #expect(refused.standardError.contains("--force"), "\(refused)")
        #expect(Self.setAside(cli).isEmpty, "rebuild moved the library although it refused")

        browser.send("q")
        let ended = try #require(browser.waitForExit(timeout: 5), "the browser did not quit")
        #expect(ended.termination.status == 0)
        let rebuilt = try await cli.run("rebuild", "--force")  // sound: only with --force
        #expect(rebuilt.status == 0, "\(rebuilt)")
        #expect(Self.setAside(cli).count == 1)
    }

    @Test func rebuildWithForceGoesAheadWhileTheLibraryIsOpen() async throws {
        let (cli, browser) = try await Self.browserOnTheSample()
        let forced = try await cli.run("rebuild", "--force")
        #expect(forced.status == 0, "\(forced)")
        #expect(forced.standardOutput.contains("posts: 50 new"), "\(forced)")
        browser.send("q")
        _ = browser.waitForExit(timeout: 5)
    }

    @Test func anEmptiedLibraryIsRefusedAndRebuildKeepsItsBookmarks() async throws {
        let cli = try CLI()
        #expect(try await cli.run("import", CLI.repository + "/data").status == 0)
        let first = try await cli.run("list", "--limit", "1")
        let id = try #require(first.standardOutput.split(separator: " ").first.map(String.init))
        #expect(try await cli.run("bookmarks", "add", id).status == 0)
        // The copy beside the library is written in the background; the command flushes it at exit.
        #expect(FileManager.default.fileExists(atPath: cli.scratch.file("library.sqlite.bookmarks.json")))
        for ending in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: cli.library + ending) }
        #expect(truncate(cli.library, 0) == 0)

        let listed = try await cli.run("list")
        #expect(listed.status == 74, "\(listed)")
        #expect(listed.standardError.contains("run `tidings rebuild`"), "\(listed)")
        let checked = try await cli.run("check")
        #expect(checked.status == 65, "\(checked)")

        // The list of archives went with the file: they are named again, as the advice says.
        let rebuilt = try await cli.run("rebuild", CLI.repository + "/data")
        #expect(rebuilt.status == 0, "\(rebuilt)")
        #expect(rebuilt.standardOutput.contains("posts: 50 new"), "\(rebuilt)")
        let bookmarks = try await cli.run("bookmarks", "list")
        #expect(bookmarks.standardOutput.hasPrefix(id), "\(bookmarks)")
    }

    @Test func anEmptyFileWithoutABookmarksCopyIsANewLibrary() async throws {
        let cli = try CLI()
        #expect(FileManager.default.createFile(atPath: cli.library, contents: Data()))
        let imported = try await cli.run("import", CLI.repository + "/data")
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.standardOutput.contains("50 new"), "\(imported)")
    }
}
