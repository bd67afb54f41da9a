import Foundation
import Testing
import TidingsCore
import TidingsFeeds
import TidingsLibrary
import TidingsTestSupport

/// How deep an update reads, through the real reader (TidingsWeb) on generated WordPress
/// pages: a sticky post, a run cut by the page limit, a source that redirects to another host,
/// a feed answered 304, and local files that do not become sources.
@Suite struct UpdaterDepthTests {
    let server: FixtureServer
    let scratch: Scratch
    let library: Library

    init() throws {
        server = try FixtureServer(root: nil)
        scratch = try Scratch()
        library = try scratch.library()
    }

    func updater(pages: Int = 10) -> WebUpdater {
        WebUpdater(
            library: library, client: HTTPClient(limits: FetchLimits(timeout: 30)), reader: WebUpdater.standardReader,
            options: FetchOptions(pages: pages))
    }

    /// Stories 1…`count`, newest first, `perPage` a page; with `sticky`, story 1 is pinned
    /// on top of page 1 too (and left out of the pages below), as a blog's sticky post is.
    func serve(_ count: Int, perPage: Int, sticky: Bool = false) {
        let stories = Array(BlogPages.stories(count).reversed())
        guard sticky else { return BlogPages.serveListing("blog", stories, perPage: perPage, on: server) }
        let rest = Array(stories.dropLast())
        let chunks = stride(from: 0, to: rest.count, by: perPage).map {
            Array(rest[$0..<min($0 + perPage, rest.count)])
        }
        for (index, chunk) in chunks.enumerated() {
            let path = index == 0 ? "/blog/" : "/blog/page/\(index + 1)/"
            let next = index + 1 < chunks.count ? "/blog/page/\(index + 2)/" : nil
            let shown = index == 0 ? [stories.last!] + chunk : chunk
            server.route(
                path,
                .content(
                    BlogPages.listing(shown, header: "Economy", next: next), contentType: "text/html; charset=UTF-8"))
        }
    }

    func expectSound() {
        #expect(Library.check(path: library.path).problems == [])
    }

    @Test func aStickyKnownPostOnPage1DoesNotEndTheUpdate() async throws {
        serve(12, perPage: 5, sticky: true)
        let first = await updater(pages: 0).fetch([server.url("/blog/")])
        #expect(first[0].error == nil && first[0].new == 12)
        // Eight new stories: page 1 has the sticky (known) post and five new ones, page 2
        // three new ones and then known ones.
        serve(20, perPage: 5, sticky: true)
        let update = try await updater().update()
        #expect(update[0].error == nil)
        #expect(update[0].new == 8 && update[0].pages == 2)
        #expect(try library.count() == 20)
        // Nothing new now: the sticky post's page alone ends the run.
        server.clearRequests()
        let quiet = try await updater().update()
        #expect(quiet[0].new == 0)
        #expect(try library.count() == 20)
        expectSound()
    }

    @Test func aRunCutByThePageLimitLeavesTheSourceNotCaughtUp() async throws {
        serve(20, perPage: 10)
        _ = await updater().fetch([server.url("/blog/")])
        #expect(try library.webSource(server.url("/blog/"))?.isCaughtUp == true)
        serve(35, perPage: 10)
        let cut = try await updater(pages: 1).update()
        #expect(cut[0].new == 10 && cut[0].stoppedAtPageLimit)
        #expect(cut[0].line.contains("page limit"))
        #expect(try library.webSource(server.url("/blog/"))?.isCaughtUp == false)
        let next = try await updater().update()
        #expect(next[0].error == nil && !next[0].stoppedAtPageLimit)
        #expect(try library.count() == 35)
        #expect(try library.webSource(server.url("/blog/"))?.isCaughtUp == true)
        expectSound()
    }

    @Test func aFirstFetchCutByThePageLimitIsCaughtUp() async throws {
        serve(30, perPage: 10)
        let reports = await updater(pages: 1).fetch([server.url("/blog/")])
        #expect(reports[0].new == 10 && !reports[0].stoppedAtPageLimit)
        #expect(try library.webSource(server.url("/blog/"))?.isCaughtUp == true)
    }

    @Test func aSourceRedirectedToAnotherHostFollowsItsPagination() async throws {
        let moved = try FixtureServer(root: nil)
        BlogPages.serveListing("blog", Array(BlogPages.stories(15).reversed()), perPage: 10, on: moved)
        server.route("/blog/", .redirect(to: moved.url("/blog/"), status: 301))
        let reports = await updater().fetch([server.url("/blog/")])
        #expect(reports[0].error == nil)
        #expect(reports[0].pages == 2 && reports[0].new == 15)
        #expect(moved.requests.map(\.path) == ["/blog/", "/blog/page/2/"])
        // A next link to a third host is still refused, and the report says so.
        let away = try FixtureServer(root: nil)
        server.route(
            "/away/",
            .content(
                BlogPages.listing(
                    BlogPages.stories(2, first: 40), header: "Economy",
                    next: away.url("/away/page/2/")), contentType: "text/html"))
        let refused = await updater().fetch([server.url("/away/")])
        #expect(refused[0].pages == 1 && refused[0].error == nil)
        #expect(refused[0].warnings.contains { $0.contains("not followed") && $0.contains(": warning: ") })
        #expect(away.requests.isEmpty)
    }

    @Test func aFeedAnswered304StaysAFeed() async throws {
        server.route("/feed/", .content(BlogPages.rss(BlogPages.stories(3)), contentType: "application/rss+xml"))
        _ = await updater().fetch([server.url("/feed/")])
        #expect(try library.webSource(server.url("/feed/"))?.kind == .feed)
        let reports = try await updater().update()
        #expect(reports[0].notModified)
        #expect(try library.webSource(server.url("/feed/"))?.kind == .feed)
    }

    @Test func aLocalFileIsReadOnceAndNotFollowed() async throws {
        let path = scratch.path + "/saved.rss"
        try Data(BlogPages.rss(BlogPages.stories(4))).write(to: URL(fileURLWithPath: path))
        let reports = await updater().readOnce([URL(fileURLWithPath: path).absoluteString])
        #expect(reports[0].error == nil && reports[0].new == 4)
        #expect(try library.webSources().isEmpty)
        #expect(try library.count() == 4)
        // Moved away: nothing remembers it, so no later update fails for it.
        try FileManager.default.removeItem(atPath: path)
        #expect(try await updater().update().isEmpty)
    }
}
