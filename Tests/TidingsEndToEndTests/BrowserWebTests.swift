import Foundation
import Testing
import TidingsTestSupport

/// The browser's web keys in the real binary, in tmux, against a feed served on 127.0.0.1:
/// `R` brings new posts in the background, `o` hands the link to `$BROWSER`, `y` copies it
/// with OSC 52.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct BrowserWebTests {
    /// An RSS feed of the first `count` of three stories, newest first.
    static func feed(items count: Int, base: String) -> [UInt8] {
        let stories = [
            (
                "Ferry service to the northern islands resumes",
                "Operators said the first crossing of the season sailed on time.", "Yonhap"
            ),
            (
                "Rail freight between the border towns doubles",
                "Customs figures showed twice the tonnage of the year before.", "Reuters"
            ),
            (
                "Winter wheat harvest expected to fall short",
                "An agricultural survey pointed to a dry autumn in the west.", "BBC"
            ),
        ]
        let items = stories.prefix(count).enumerated().reversed().map { index, story in
            """
            <item><title>\(story.0)</title><link>\(base)/story-\(index + 1)/</link>
            <pubDate>Mon, 0\(index + 1) Apr 2019 08:00:00 +0000</pubDate><dc:creator>Test Desk</dc:creator>
            <category>Economy</category>
            <content:encoded><![CDATA[<p>\(story.1)</p><p>[\(story.2)]</p>]]></content:encoded></item>
            """
        }
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Border Desk</title><link>\(base)/</link><description>Test feed</description>
            \(items.joined(separator: "\n"))
            </channel></rss>
            """
        return Array(xml.utf8)
    }

    /// A library following a one-story feed, and the browser on it.
    struct Browser {
        let cli: CLI
        let server: FixtureServer
        let tmux: TmuxSession

        init(environment: [String: String] = [:], options: [String] = []) async throws {
            cli = try CLI()
            server = try FixtureServer(root: nil)
            server.route(
                "/feed/",
                .content(BrowserWebTests.feed(items: 1, base: server.baseURL), contentType: "application/rss+xml"))
            let fetched = try await cli.run("fetch", server.url("/feed/"))
            #expect(fetched.status == 0, "\(fetched)")
            tmux = try TmuxSession(
                command: [try BuiltProducts.executable(named: "tidings")], columns: 100, rows: 30,
                environment: cli.environment.merging(["NO_COLOR": ""].merging(environment) { _, b in b }) { _, b in b },
                options: options)
            try await tmux.waitFor("1/1")
        }
    }

    @Test func updateKeyBringsNewPostsWhileKeysKeepWorking() async throws {
        let browser = try await Browser()
        let tmux = browser.tmux
        browser.server.route(
            "/feed/", .content(Self.feed(items: 3, base: browser.server.baseURL), contentType: "application/rss+xml"))
        try tmux.sendKeys("R")
        try await tmux.waitFor("2 new posts")
        try await tmux.waitFor("All 3")
        // The selection stayed on the story that was selected.
        let screen = try await tmux.waitFor("1/3")
        #expect(screen.contains("Ferry service"), "\(screen)")
        try tmux.sendKeys("R")
        try await tmux.waitFor("No new posts")
        // The second update asked politely.
        #expect(
            browser.server.requests.last?.header("If-None-Match") != nil
                || browser.server.requests.last?.header("If-Modified-Since") != nil)
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func openKeyHandsTheLinkToBrowserAsOneArgument() async throws {
        let scratch = try ScratchDirectory(prefix: "browser-script")
        defer { scratch.remove() }
        let record = scratch.file("opened")
        let script = scratch.file("record-url")
        try "#!/bin/sh\nprintf '%s\\n' \"$#\" \"$1\" > '\(record)'\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let browser = try await Browser(environment: ["BROWSER": script])
        try browser.tmux.sendKeys("o")
        try await browser.tmux.waitFor("Opened")
        let recorded = try String(contentsOfFile: record, encoding: .utf8)
        #expect(recorded == "1\n\(browser.server.baseURL)/story-1/\n")
        // The browser came back intact after handing the terminal over.
        try await browser.tmux.waitFor("Ferry service")
        try browser.tmux.sendKeys("q")
        #expect(try await browser.tmux.waitForExit() == 0)
    }

    @Test func copyKeyWritesTheLinkWithOSC52() async throws {
        let browser = try await Browser(options: ["set-clipboard on"])
        #expect(try browser.tmux.newestBuffer() == nil)
        try browser.tmux.sendKeys("y")
        try await browser.tmux.waitFor("Link copied")
        #expect(try browser.tmux.newestBuffer() == "\(browser.server.baseURL)/story-1/")
        // Over SSH with no display and no $BROWSER, o copies too.
        try browser.tmux.sendKeys("q")
        #expect(try await browser.tmux.waitForExit() == 0)
    }

    @Test func openKeyCopiesWhenThereIsNoDisplay() async throws {
        let browser = try await Browser(
            environment: ["SSH_CONNECTION": "192.0.2.1 50000 192.0.2.2 22", "DISPLAY": "", "BROWSER": ""],
            options: ["set-clipboard on"])
        try browser.tmux.sendKeys("o")
        try await browser.tmux.waitFor("no display here")
        #expect(try browser.tmux.newestBuffer() == "\(browser.server.baseURL)/story-1/")
    }
}
