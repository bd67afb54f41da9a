import Foundation
import Testing
import TidingsCore
import TidingsFeeds
import TidingsLibrary
import TidingsTestSupport

/// The updater against real servers on 127.0.0.1: pagination, politeness (304s, stopping at
/// known posts), the gap a cut-short run must not leave, and a new post appearing.
@Suite struct UpdaterTests {
    let server: FixtureServer
    let scratch: Scratch
    let library: Library

    init() throws {
        server = try FixtureServer(root: nil)
        scratch = try Scratch()
        library = try scratch.library()
    }

    func updater(pages: Int = 10, timeout: Double = 30) -> WebUpdater {
        WebUpdater(
            library: library, client: HTTPClient(limits: FetchLimits(timeout: timeout)), reader: TestSite.reader,
            options: FetchOptions(pages: pages))
    }

    func expectSound() {
        #expect(Library.check(path: library.path).problems == [])
    }

    @Test func fetchFollowsPaginationUpToTheLimit() async throws {
        TestSite.serve("economy", posts: 25, perPage: 10, on: server)
        let reports = await updater(pages: 2).fetch([server.url("/economy/")])
        #expect(reports.count == 1)
        #expect(reports[0].error == nil)
        #expect(reports[0].pages == 2 && reports[0].new == 20)
        #expect(reports[0].title == "economy" && reports[0].kind == .pages)
        #expect(server.requests.map(\.path) == ["/economy/", "/economy/page/2/"])
        let all = await updater(pages: 0).fetch([server.url("/economy/")])
        #expect(all[0].pages == 3 && all[0].new == 5 && all[0].unchanged == 20)
        let source = try #require(try library.webSource(server.url("/economy/")))
        #expect(source.posts == 25 && source.isCaughtUp)
        #expect(try library.posts().first?.url == "https://site.example/economy/25/")
        expectSound()
    }

    @Test func anUnchangedSourceIsAnswered304AndNothingChanges() async throws {
        TestSite.serve("feed", posts: 5, perPage: 10, on: server)
        _ = await updater().fetch([server.url("/feed/")])
        let before = try library.posts()
        server.clearRequests()
        let reports = try await updater().update()
        #expect(reports.map(\.notModified) == [true])
        #expect(reports[0].new == 0 && reports[0].updated == 0 && reports[0].pages == 0)
        let request = try #require(server.requests.first)
        #expect(server.requests.count == 1)
        #expect(request.header("If-None-Match") != nil && request.header("If-Modified-Since") != nil)
        #expect(request.header("User-Agent")?.hasPrefix("Tidings/") == true)
        #expect(try library.posts() == before)
        expectSound()
    }

    @Test func aNewPostAppearsAndTheUpdateStopsAtWhatItHad() async throws {
        TestSite.serve("blog", posts: 25, perPage: 10, on: server)
        _ = await updater().fetch([server.url("/blog/")])
        TestSite.serve("blog", posts: 26, perPage: 10, on: server)
        server.clearRequests()
        let reports = try await updater().update()
        #expect(reports[0].new == 1 && reports[0].pages == 1)
        #expect(reports[0].newIDs.count == 1)
        #expect(server.requests.map(\.path) == ["/blog/"])
        #expect(try library.count() == 26)
        expectSound()
    }

    @Test func aRunCutShortLeavesNoGapForTheNextUpdate() async throws {
        TestSite.serve("news", posts: 20, perPage: 10, on: server)
        _ = await updater().fetch([server.url("/news/")])
        // Fifteen new posts: page 1 is all new, page 2 has five new ones, then the known ones.
        TestSite.serve("news", posts: 35, perPage: 10, on: server)
        server.route("/news/page/2/", .status(503))
        let cut = try await updater().update()
        #expect(cut[0].error?.contains("503") == true && cut[0].failure == .network)
        #expect(cut[0].new == 10)
        #expect(try library.webSource(server.url("/news/"))?.isCaughtUp == false)
        // Page 2 is back. Page 1 now holds only posts the source already gave, but the last
        // run did not finish: this one must read on, not stop there.
        TestSite.serve("news", posts: 35, perPage: 10, on: server)
        server.clearRequests()
        let next = try await updater().update()
        #expect(next[0].error == nil)
        #expect(next[0].new == 5)
        #expect(try library.count() == 35)
        #expect(server.requests.first?.header("If-None-Match") == nil)
        #expect(try library.webSource(server.url("/news/"))?.isCaughtUp == true)
        expectSound()
    }

    @Test func aPaginationLoopAndAnotherHostAreNotFollowed() async throws {
        server.route(
            "/loop/",
            .content(TestSite.page("loop", posts: [2], next: "/loop/page/2/"), contentType: "application/json"))
        server.route(
            "/loop/page/2/",
            .content(TestSite.page("loop", posts: [1], next: "/loop/"), contentType: "application/json"))
        server.route(
            "/away/",
            .content(
                TestSite.page("away", posts: [1], next: "http://other.invalid/away/page/2/"),
                contentType: "application/json"))
        let reports = await updater(pages: 0).fetch([server.url("/loop/"), server.url("/away/")])
        #expect(reports.map(\.pages) == [2, 1])
        #expect(reports.allSatisfy { $0.error == nil })
        #expect(server.requests.count == 3)
    }
}

extension UpdaterTests {
    @Test func progressIsReportedAndARunCanBeCancelled() async throws {
        TestSite.serve("quick", posts: 15, perPage: 10, on: server)
        let events = Locked<[FetchProgress]>([])
        let reports = await updater().fetch([server.url("/quick/")]) { event in events.withLock { $0.append(event) } }
        let seen = events.withLock { $0 }
        #expect(seen.first == .started(url: server.url("/quick/")))
        #expect(seen.contains(.stored(url: server.url("/quick/"), page: 2, newSoFar: 15)))
        #expect(seen.last == .finished(reports[0]))

        // A stalled source: cancelling the task ends the run, the library sound.
        let slow = try FixtureServer(root: nil)
        slow.route("/stuck/", .stall)
        let patient = updater(timeout: 30)
        let stuck = slow.url("/stuck/")
        let task = Task { await patient.fetch([stuck]) }
        while !slow.requests.contains(where: { $0.path == "/stuck/" }) { try await Task.sleep(nanoseconds: 20_000_000) }
        task.cancel()
        // Cancelled, not timed out: the 30 s timeout was not what ended it.
        let cancelled = await task.value
        #expect(cancelled[0].error == "\(stuck): cancelled", "\(cancelled[0].error ?? "no error")")
        #expect(Library.check(path: library.path).problems == [])
    }
}

extension UpdaterTests {
    @Test func aPageWithoutPostsIsNotASource() async throws {
        server.route("/empty/", .content(TestSite.page("empty", posts: [], next: nil), contentType: "application/json"))
        let reports = await updater().fetch([server.url("/empty/")])
        #expect(reports[0].failure == .content)
        #expect(reports[0].error == "\(server.url("/empty/")): neither a feed nor a page of posts")
    }
}
