import Foundation
import Testing
import TidingsFeeds
import TidingsTestSupport

/// The HTTP client against a real server on 127.0.0.1: every limit it promises, by test.
@Suite struct HTTPClientTests {
    let server: FixtureServer
    /// The client of every test but the timeouts': a timeout no busy machine reaches (with 1 s,
    /// a 30 MB body under load timed out before the cap could be reported).
    let client = HTTPClient(limits: FetchLimits(timeout: 60, maxBytes: 20_000_000, maxRedirects: 5))
    /// The timeouts' client: the whole exchange gets 1 s.
    let impatient = HTTPClient(limits: FetchLimits(timeout: 1, maxBytes: 20_000_000, maxRedirects: 5))

    init() throws {
        server = try FixtureServer(root: nil)
    }

    private func body(_ response: FetchResponse) -> FetchedBody? {
        if case .body(let body) = response { return body }
        return nil
    }

    @Test func fetchesABodyWithItsValidatorsAndSaysWhoItIs() async throws {
        server.route("/page.html", .content(Array("<p>hello</p>".utf8), contentType: "text/html"))
        let fetched = try #require(body(try await client.fetch(FetchRequest(url: server.url("/page.html")))))
        #expect(fetched.bytes == Array("<p>hello</p>".utf8))
        #expect(fetched.contentType == "text/html")
        #expect(fetched.etag != nil && fetched.lastModified != nil)
        let request = try #require(server.requests.last)
        #expect(request.header("User-Agent")?.hasPrefix("Tidings/") == true)
    }

    @Test func conditionalRequestsAreAnswered304() async throws {
        server.route("/feed.xml", .content(Array("<rss/>".utf8), contentType: "application/rss+xml"))
        let first = try #require(body(try await client.fetch(FetchRequest(url: server.url("/feed.xml")))))
        let byTag = try await client.fetch(FetchRequest(url: server.url("/feed.xml"), etag: first.etag))
        #expect(byTag == .notModified(url: server.url("/feed.xml")))
        let byDate = try await client.fetch(
            FetchRequest(url: server.url("/feed.xml"), lastModified: first.lastModified))
        #expect(byDate == .notModified(url: server.url("/feed.xml")))
        let sent = server.requests
        #expect(sent[1].header("If-None-Match") == first.etag)
        #expect(sent[2].header("If-Modified-Since") == first.lastModified)
    }

    @Test func gzipIsAskedForAndDecoded() async throws {
        server.setGzip(true)
        let text = String(repeating: "<p>a compressible paragraph</p>\n", count: 500)
        server.route("/big.html", .content(Array(text.utf8), contentType: "text/html"))
        let fetched = try #require(body(try await client.fetch(FetchRequest(url: server.url("/big.html")))))
        #expect(fetched.bytes == Array(text.utf8))
        #expect(server.requests.last?.header("Accept-Encoding")?.contains("gzip") == true)
    }

    @Test func errorStatusesAreOneLineErrors() async throws {
        server.route("/missing", .status(404))
        server.route("/broken", .status(500))
        await #expect(throws: FetchError.status(server.url("/missing"), code: 404)) {
            try await client.fetch(FetchRequest(url: server.url("/missing")))
        }
        do {
            _ = try await client.fetch(FetchRequest(url: server.url("/broken")))
            Issue.record("a 500 was taken as success")
        } catch {
            #expect(error.isNetwork)
            #expect(error.description == "\(server.url("/broken")): the server answered 500 Internal Server Error")
        }
    }

    @Test func aStallingServerTimesOut() async throws {
        server.route("/stall", .stall)
        await #expect(throws: FetchError.timedOut(server.url("/stall"), seconds: 1)) {
            try await impatient.fetch(FetchRequest(url: server.url("/stall")))
        }
    }

    @Test func aTricklingServerTimesOutToo() async throws {
        // One byte every 0.2 s: never idle long enough for an idle timeout, 200 s to finish.
        server.route("/trickle", .trickle(length: 1000, interval: 0.2))
        await #expect(throws: FetchError.timedOut(server.url("/trickle"), seconds: 1)) {
            try await impatient.fetch(FetchRequest(url: server.url("/trickle")))
        }
    }

    @Test func aBodyOverTheCapIsCutAndReported() async throws {
        server.route("/huge", .huge(bytes: 30_000_000))
        server.route("/huge-unsized", .unsized([UInt8](repeating: 0x42, count: 30_000_000), contentType: "text/html"))
        await #expect(throws: FetchError.tooLarge(server.url("/huge"), limit: 20_000_000)) {
            try await client.fetch(FetchRequest(url: server.url("/huge")))
        }
        // No length declared: the cap is counted as the bytes arrive.
        await #expect(throws: FetchError.tooLarge(server.url("/huge-unsized"), limit: 20_000_000)) {
            try await client.fetch(FetchRequest(url: server.url("/huge-unsized")))
        }
    }

    @Test func redirectsAreFollowedWithinTheLimit() async throws {
        server.route("/old", .redirect(to: "/new"))
        server.route("/new", .content(Array("moved".utf8), contentType: "text/plain"))
        let fetched = try #require(body(try await client.fetch(FetchRequest(url: server.url("/old")))))
        #expect(fetched.bytes == Array("moved".utf8))
        #expect(fetched.url == server.url("/new"))
    }

    @Test func aRedirectLoopEndsWithAClearError() async throws {
        server.route("/a", .redirect(to: "/b"))
        server.route("/b", .redirect(to: "/a"))
        await #expect(throws: FetchError.tooManyRedirects(server.url("/a"), limit: 5)) {
            try await client.fetch(FetchRequest(url: server.url("/a")))
        }
    }

    @Test func aRedirectToAnotherSchemeIsRefused() async throws {
        server.route("/sneaky", .redirect(to: "file:///etc/passwd"))
        await #expect(throws: FetchError.redirectRefused(server.url("/sneaky"), target: "file:///etc/passwd")) {
            try await client.fetch(FetchRequest(url: server.url("/sneaky")))
        }
    }

    @Test func refusedConnectionsAndUnknownHostsAreNetworkErrors() async throws {
        let closed = try ClosedPort()
        let url = closed.url("/")
        do {
            _ = try await client.fetch(FetchRequest(url: url))
            Issue.record("a closed port answered")
        } catch {
            guard case .refused = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.isNetwork)
            #expect(!error.description.contains("\n"))
        }
        do {
            _ = try await client.fetch(FetchRequest(url: "http://no-such-host.invalid/feed"))
            Issue.record("an unknown host answered")
        } catch {
            #expect(error == .hostNotFound("http://no-such-host.invalid/feed"))
        }
    }

    @Test func onlyHTTPHTTPSAndFileAreAccepted() async throws {
        await #expect(throws: FetchError.self) { try await client.fetch(FetchRequest(url: "ftp://example.com/feed")) }
        await #expect(throws: FetchError.self) { try await client.fetch(FetchRequest(url: "gopher:x")) }
        let folder = NSTemporaryDirectory() + "tidings-http-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("<rss/>".utf8).write(to: URL(fileURLWithPath: folder + "/feed.rss"))
        let fetched = try #require(body(try await client.fetch(FetchRequest(url: "file://" + folder + "/feed.rss"))))
        #expect(fetched.bytes == Array("<rss/>".utf8))
        await #expect(throws: FetchError.file("file://" + folder + "/none.rss", reason: "no such file")) {
            try await client.fetch(FetchRequest(url: "file://" + folder + "/none.rss"))
        }
    }
}

extension HTTPClientTests {
    /// Also: a relative Location keeps its trailing slash (FoundationNetworking's own
    /// resolution dropped it).
    @Test func aRedirectToItselfIsALoop() async throws {
        server.route("/self/", .redirect(to: "/self/"))
        await #expect(throws: FetchError.tooManyRedirects(server.url("/self/"), limit: 10)) {
            try await HTTPClient().fetch(FetchRequest(url: server.url("/self/")))
        }
        #expect(Set(server.requests.map(\.path)) == ["/self/"])
    }
}

extension HTTPClientTests {
    /// https to a server that speaks plain HTTP: the handshake fails, a TLS error in one line.
    @Test func aFailedHandshakeIsATLSError() async throws {
        let url = "https://127.0.0.1:\(server.port)/feed/"
        do {
            _ = try await client.fetch(FetchRequest(url: url))
            Issue.record("a plain HTTP server passed a TLS handshake")
        } catch {
            guard case .tls = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.isNetwork)
            #expect(error.description.hasPrefix(url + ": secure connection failed"))
            #expect(!error.description.contains("\n"))
        }
    }
}
