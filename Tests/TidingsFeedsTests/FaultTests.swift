import Foundation
import Testing
import TidingsCore
import TidingsFeeds
import TidingsLibrary
import TidingsTestSupport

/// Every fault a source can show, in one run with good sources: each bad one gets one line
/// naming its URL and cause and the right kind (network or content); the good ones are stored;
/// the library stays sound. And the limits on concurrency, read from the servers' logs.
@Suite struct FaultTests {
    @Test func badSourcesAreReportedAndNeverStopTheGoodOnes() async throws {
        let scratch = try Scratch()
        let library = try scratch.library()
        let site = try FixtureServer(root: nil)
        TestSite.serve("good", posts: 3, perPage: 10, on: site)
        let faults: [(String, FixtureResponse?)] = [
            ("/missing/", .status(404)), ("/broken/", .status(500)), ("/stall/", .stall),
            ("/trickle/", .trickle(length: 1000, interval: 0.2)), ("/huge/", .huge(bytes: 30_000_000)),
            ("/loop/", .redirect(to: "/loop/")),
            ("/wrong/", .content(Array("<html><p>no posts</p></html>".utf8), contentType: "text/html")),
        ]
        for (path, response) in faults { if let response { site.route(path, response) } }
        // Other hosts (ports), so that the stall and the trickle do not hold up the rest.
        var servers: [FixtureServer] = []
        var urls: [String] = []
        for (path, response) in faults {
            let server = try FixtureServer(root: nil)
            if let response { server.route(path, response) }
            servers.append(server)
            urls.append(server.url(path))
        }
        let closed = try ClosedPort()
        let refused = closed.url("/feed/")
        let good = site.url("/good/")
        let updater = WebUpdater(
            library: library, client: HTTPClient(limits: FetchLimits(timeout: 1)), reader: TestSite.reader)
        let reports = await updater.fetch(urls + [refused, good])
        let byURL = Dictionary(uniqueKeysWithValues: reports.map { ($0.url, $0) })
        let expected: [(Int, SourceFailure, String)] = [
            (0, .content, "404 Not Found"), (1, .network, "500 Internal Server Error"), (2, .network, "timed out"),
            (3, .network, "timed out"), (4, .content, "larger than 20 MB"), (5, .content, "redirects"),
            (6, .content, "neither a feed nor a page of posts"),
        ]
        for (index, failure, phrase) in expected {
            let report = try #require(byURL[urls[index]])
            #expect(report.failure == failure, "\(urls[index])")
            #expect(report.error?.contains(phrase) == true, "\(report.error ?? "no error")")
            #expect(report.error?.hasPrefix(urls[index]) == true)
            #expect(report.error?.contains("\n") == false)
        }
        #expect(byURL[refused]?.failure == .network)
        #expect(byURL[refused]?.error?.contains("refused") == true)
        #expect(byURL[good]?.error == nil && byURL[good]?.new == 3)
        // Each failure is remembered with its source, so `tidings sources` can say it.
        let sources = try library.webSources()
        #expect(sources.count == urls.count + 2)
        #expect(sources.filter { $0.lastError != nil }.count == urls.count + 1)
        #expect(try library.count() == 3)
        #expect(Library.check(path: library.path).problems == [])
    }

    @Test func atMostFourSourcesAtOnceAndOnePerHost() async throws {
        let scratch = try Scratch()
        let library = try scratch.library()
        var servers: [FixtureServer] = []
        var urls: [String] = []
        for host in 0..<6 {
            let server = try FixtureServer(root: nil)
            server.setDelay(0.3)
            for source in 0..<3 {
                TestSite.serve("h\(host)s\(source)", posts: 2, perPage: 10, on: server)
                urls.append(server.url("/h\(host)s\(source)/"))
            }
            servers.append(server)
        }
        let updater = WebUpdater(library: library, client: HTTPClient(), reader: TestSite.reader)
        let reports = await updater.fetch(urls)
        #expect(reports.allSatisfy { $0.error == nil && $0.new == 2 }, "\(reports.compactMap(\.error))")
        // One host never saw two requests at once.
        for server in servers {
            #expect(server.requests.count == 3)
            #expect(server.requests.map(\.concurrent).max() == 1)
        }
        // Across hosts: never more than four requests overlapping, and some did overlap.
        let spans = servers.flatMap(\.requests).map { ($0.started, $0.finished ?? Date()) }
        let overlaps = spans.map { span in spans.filter { $0.0 <= span.0 && span.0 < $0.1 }.count }
        #expect(overlaps.max() ?? 0 <= 4)
        #expect(overlaps.max() ?? 0 >= 2)
        #expect(Library.check(path: library.path).problems == [])
    }
}
