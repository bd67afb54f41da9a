import Foundation
import Testing

/// The real `tidings` browser driven in a private tmux server.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct BrowserTests {
    /// A scratch library with the sample archive imported, and a browser on it in tmux.
    struct Browser {
        let cli: CLI
        let tmux: TmuxSession

        init(columns: Int = 80, rows: Int = 24, extraPages: [String: String] = [:]) async throws {
            cli = try CLI()
            for (name, text) in extraPages { try cli.write("extra/" + name, text) }
            let imported = try await cli.run("import", CLI.repository + "/data")
            #expect(imported.status == 0, "\(imported)")
            if !extraPages.isEmpty { _ = try await cli.run("import", cli.scratch.file("extra")) }
            tmux = try TmuxSession(
                command: [try BuiltProducts.executable(named: "tidings")],
                columns: columns, rows: rows, environment: cli.environment.merging(["NO_COLOR": ""]) { _, b in b })
        }
    }

    @Test func openMoveSwitchTabsAndQuit() async throws {
        let browser = try await Browser()
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        try await tmux.waitFor("All 50")
        try tmux.sendKeys("j", "j", "Down")
        try await tmux.waitFor("4/50")
        try tmux.sendKeys("]")
        try await tmux.waitFor("1/10  DPRK Government")
        try tmux.sendKeys("End")
        try await tmux.waitFor("10/10  DPRK Government")
        try tmux.sendKeys("[")
        // Each tab keeps its own selection.
        try await tmux.waitFor("4/50  All")
        try tmux.sendKeys("Enter")
        try tmux.sendKeys("?")
        try await tmux.waitFor("select-next")
        try tmux.sendKeys("q")
        try await tmux.waitUntil("help closed") { !$0.contains("select-next") }
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
        #expect(try tmux.terminalIsRestored())
    }

    @Test func resizeReflowsAndKeepsSelection() async throws {
        let browser = try await Browser(columns: 120, rows: 40)
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        try tmux.sendKeys("j", "j")
        try await tmux.waitFor("3/50")
        // Side by side at 120 columns: the pane separator runs down the middle.
        let wide = try tmux.capture()
        #expect(wide.split(separator: "\n").dropFirst(2).first?.contains("│") == true, "\(wide)")
        try tmux.resize(columns: 80, rows: 24)
        let narrow = try await tmux.waitUntil("stacked at 80x24") { screen in
            screen.contains("─────") && screen.contains("3/50")
        }
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 80 })
        try tmux.resize(columns: 40, rows: 4)
        try await tmux.waitFor("too small")
        try tmux.resize(columns: 100, rows: 30)
        try await tmux.waitFor("3/50")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test(
        arguments: [(Int32(SIGTERM), Int32(143)), (Int32(SIGINT), Int32(130)), (Int32(SIGHUP), Int32(129))]
            as [(Int32, Int32)])
    func signalsRestoreTheTerminal(signal: Int32, status: Int32) async throws {
        let browser = try await Browser()
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        Glibc.kill(try tmux.panePID(), signal)
        #expect(try await tmux.waitForExit() == status)
        #expect(try tmux.terminalIsRestored())
    }

    @Test func hangupEndsTheProcessWithoutSpinning() async throws {
        let browser = try await Browser()
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        let pid = try tmux.panePID()
        tmux.kill()  // the terminal goes away, as when an SSH connection drops
        let deadline = ContinuousClock.now + .seconds(3)
        while Glibc.kill(pid, 0) == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(Glibc.kill(pid, 0) != 0, "tidings still running 3 s after its terminal went away")
    }

    @Test(arguments: ["xterm-256color", "screen-256color", "tmux-256color", "linux", "vt100"])
    func worksOnEachTerminalType(term: String) async throws {
        let cli = try CLI()
        _ = try await cli.run("import", CLI.repository + "/data")
        let tmux = try TmuxSession(
            command: ["/usr/bin/env", "TERM=\(term)", try BuiltProducts.executable(named: "tidings")],
            columns: 80, rows: 24, environment: cli.environment)
        try await tmux.waitFor("1/50")
        try tmux.sendKeys("j")
        try await tmux.waitFor("2/50")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func hostileContentNeverReachesTheTerminal() async throws {
        let hostile = """
            Category: Zzz Hostile

            Evil \u{1B}[2Jtitle \u{1B}]0;pwned\u{07}here

            Posted on by

            Body with \u{1B}]2;owned\u{1B}\\ OSC, a bell \u{07}, C1 \u{9B}31m and \u{202E}override.

            [Out\u{1B}[5mlet]

            """
        let browser = try await Browser(extraPages: ["hostile.txt": hostile])
        let tmux = browser.tmux
        try await tmux.waitFor("1/51")
        let title = try tmux.query("#{pane_title}")
        try tmux.sendKeys("G")
        try await tmux.waitFor("Evil title here")
        try await tmux.waitFor("Body with  OSC")
        let screen = try tmux.capture(escapes: true)
        #expect(!screen.contains("pwned") && !screen.contains("owned"))
        #expect(!screen.contains("\u{07}") && !screen.contains("\u{9B}") && !screen.contains("\u{202E}"))
        #expect(try tmux.query("#{pane_title}") == title)
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
    }
}

/// Search and bookmarks in the real browser.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct BrowserSearchAndBookmarkTests {
    @Test func typingNarrowsTheListInPlace() async throws {
        let browser = try await BrowserTests.Browser(columns: 120, rows: 30)
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        try tmux.sendKeys("/")
        try tmux.sendText("launc")
        try await tmux.waitUntil("the list narrowed to the launch stories") { screen in
            screen.contains("/launc") && screen.contains("matches") && !screen.contains("1/50  All")
        }
        try tmux.sendText("h")
        let narrowed = try await tmux.waitFor("7 matches")
        // The list, not the article pane: which story is selected depends on whether the
        // archive-order answer or the ranked one was on screen when it was captured.
        #expect(narrowed.contains("Commercial imagery shows"), "\(narrowed)")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor("1/7")
        try tmux.sendKeys("Escape")
        try await tmux.waitFor("1/50")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    /// `u` in search results is answered by the search worker, off the loop: it still moves
    /// to the next unread match, and keys keep working.
    @Test func nextUnreadInSearchResults() async throws {
        let browser = try await BrowserTests.Browser(columns: 120, rows: 30)
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        try tmux.sendKeys("/")
        try tmux.sendText("launch")
        try await tmux.waitFor("7 matches")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor("1/7")
        try tmux.sendKeys("u")
        try await tmux.waitFor("2/7")
        try tmux.sendKeys("u")
        try await tmux.waitFor("3/7")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func bookmarkSurvivesQuitAndReopen() async throws {
        let browser = try await BrowserTests.Browser(columns: 120, rows: 30)
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        try tmux.sendKeys("j", "b")
        try await tmux.waitFor("Bookmarks 1")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)

        let again = try TmuxSession(
            command: [try BuiltProducts.executable(named: "tidings")], columns: 120, rows: 30,
            environment: browser.cli.environment)
        try await again.waitFor("Bookmarks 1")
        try again.sendKeys("7")  // All, five categories, then Bookmarks
        try await again.waitUntil("the Bookmarks tab lists the story") { screen in
            screen.contains("1/1  Bookmarks") && screen.contains("★")
        }
        let listed = try await browser.cli.run("bookmarks", "--json")
        #expect(listed.standardOutput.split(separator: "\n").count == 1)
        try again.sendKeys("q")
        #expect(try await again.waitForExit() == 0)
    }
}
