import Foundation
import Testing
import TidingsCore
import TidingsFeeds
import TidingsLibrary
import TidingsTestSupport

/// The whole path with the real reader (TidingsWeb): the fixture site served on 127.0.0.1,
/// fetched, merged with its text-archive twin, updated with 304s, a new post appearing, and
/// hostile content (XXE, malformed XML, an unknown charset) failing alone.
@Suite struct SiteFetchTests {
    let server: FixtureServer
    let scratch: Scratch
    let library: Library

    init() throws {
        server = try FixtureServer()
        scratch = try Scratch()
        library = try scratch.library()
    }

    func updater(pages: Int = 10) -> WebUpdater {
        WebUpdater(
            library: library, client: HTTPClient(), reader: WebUpdater.standardReader,
            options: FetchOptions(pages: pages))
    }

    var category: String { server.url("/category/dprk-government/") }
    var feed: String { server.url("/feed/index.xml") }
    var author: String { server.url("/author/grant-montgomery/") }

    @Test func theFixtureSiteIsFetchedWithPaginationAndEachPostOnce() async throws {
        let reports = await updater().fetch([category, feed, author])
        for report in reports { #expect(report.error == nil, "\(report.line) \(report.error ?? "")") }
        #expect(reports.map(\.kind) == [.pages, .feed, .pages])
        #expect(reports[0].pages == 2 && reports[0].new == 5, "\(reports[0].line)")
        #expect(server.requests.contains { $0.path == "/category/dprk-government/page/2/" })
        let posts = try library.posts()
        let urls = posts.compactMap(\.url)
        #expect(urls.count == posts.count, "every fixture post has a link")
        #expect(Set(urls).count == urls.count, "one post per link: \(urls)")
        #expect(urls.allSatisfy { $0.hasPrefix("https://") || $0.hasPrefix("http://127.0.0.1") })
        #expect(try library.count(matching: PostFilter(category: "DPRK Government")) >= 5)
        #expect(try library.webSources().map(\.posts) == reports.map { $0.new + $0.updated + $0.unchanged })
        #expect(Library.check(path: library.path).problems == [])
    }

    @Test func theTextArchiveTwinAndTheSiteAreTheSamePosts() async throws {
        let twin = FixturePaths.fixtureSite.appendingPathComponent("text/category-dprk-government.txt").path
        let imported = try library.importArchives(at: [twin])
        let before = try library.posts()
        #expect(imported.postsNew == before.count && before.allSatisfy { $0.url == nil })
        let reports = await updater().fetch([category])
        #expect(reports[0].error == nil)
        // The twin is page 1 of the category: its three posts are merged, page 2's two are new.
        #expect(reports[0].new == 2 && reports[0].updated == 3, "\(reports[0].line)")
        let after = try library.posts()
        #expect(Array(after.map(\.id).prefix(before.count)) == before.map(\.id))
        #expect(after.count == before.count + 2)
        #expect(after.allSatisfy { $0.url != nil })
        for (old, new) in zip(before, after) {
            #expect(Set(old.categories).isSubset(of: Set(new.categories)))
            #expect(Set(old.authors).isSubset(of: Set(new.authors)))
        }
        #expect(Library.check(path: library.path).problems == [])
    }

    @Test func anUnchangedSiteIsAnswered304WithGzipAsked() async throws {
        server.setGzip(true)
        let first = await updater().fetch([category, feed])
        #expect(first.allSatisfy { $0.error == nil })
        #expect(server.requests.allSatisfy { $0.header("Accept-Encoding")?.contains("gzip") == true })
        let count = try library.count()
        server.clearRequests()
        let update = try await updater().update()
        #expect(update.map(\.notModified) == [true, true])
        #expect(server.requests.count == 2)
        #expect(
            server.requests.allSatisfy { $0.header("If-None-Match") != nil && $0.header("If-Modified-Since") != nil })
        #expect(try library.count() == count)
    }

    @Test func aNewPostInTheFeedIsTheOnlyNewOne() async throws {
        let stories = BlogPages.stories(6)
        server.route(
            "/blog/feed/", .content(BlogPages.rss(Array(stories.prefix(5))), contentType: "application/rss+xml"))
        let first = await updater().fetch([server.url("/blog/feed/")])
        #expect(first[0].new == 5, "\(first[0].line) \(first[0].error ?? "")")
        server.route(
            "/blog/feed/", .content(BlogPages.rss(Array(stories.reversed())), contentType: "application/rss+xml"))
        let update = try await updater().update()
        #expect(update[0].new == 1 && update[0].unchanged == 5, "\(update[0].line)")
        let added = try library.post(id: try #require(update[0].newIDs.first))
        #expect(added.title == stories[5].title && added.url == stories[5].url)
        #expect(added.outlet == stories[5].outlet)
    }

    @Test func hostileAndBrokenContentFailsAloneAndLeaksNothing() async throws {
        let canary = "canary-\(UUID().uuidString)"
        let secret = scratch.path + "/secret.txt"
        try Data(canary.utf8).write(to: URL(fileURLWithPath: secret))
        let xxe = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://\(secret)">]>
            <rss version="2.0"><channel><title>Feed &xxe;</title>
            <item><title>Item &xxe; here</title><link>https://x.example/1/</link><description>Before &xxe; after</description></item>
            </channel></rss>
            """
        server.route("/xxe/", .content(Array(xxe.utf8), contentType: "application/rss+xml"))
        server.route(
            "/malformed/",
            .content(
                Array("<?xml version=\"1.0\"?><rss><channel><item><title>x</title></channel>".utf8),
                contentType: "application/rss+xml"))
        server.route(
            "/charset/",
            .content(
                Array(
                    "<?xml version=\"1.0\" encoding=\"x-klingon-9\"?><rss version=\"2.0\"><channel><title>t</title></channel></rss>"
                        .utf8),
                contentType: "application/xml"))
        server.route("/good/", .content(BlogPages.rss(BlogPages.stories(2)), contentType: "application/rss+xml"))
        let urls = ["/xxe/", "/malformed/", "/charset/", "/bad/no-posts.html", "/good/"].map(server.url)
        let reports = await updater().fetch(urls)
        for report in reports.dropFirst().dropLast() {
            #expect(report.failure == .content, "\(report.url): \(report.error ?? "no error")")
            #expect(report.error?.hasPrefix(report.url) == true)
        }
        #expect(reports.last?.error == nil && reports.last?.new == 2)
        // The external entity is never loaded, whatever became of the feed.
        for post in try library.posts() {
            #expect(!post.title.contains(canary) && !post.paragraphs.joined().contains(canary))
        }
        #expect(try library.webSources().allSatisfy { ($0.title ?? "").contains(canary) == false })
        #expect(Library.check(path: library.path).problems == [])
    }
}
