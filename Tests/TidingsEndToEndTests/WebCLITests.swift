import Foundation
import Testing
import TidingsLibrary
import TidingsTestSupport

/// `tidings fetch`, `update` and `sources` end to end: the real binary against real servers on
/// 127.0.0.1 (never the internet).
@Suite struct WebCLITests {
    @Test func failedSourcesExit69Or65WithOneLineEachAndTheRestStored() async throws {
        let cli = try CLI()
        let server = try FixtureServer(root: nil)
        server.route("/missing/", .status(404))
        server.route("/down/", .status(503))
        let closed = try ClosedPort()
        let refused = closed.url("/feed/")

        let content = try await cli.run("fetch", server.url("/missing/"))
        #expect(content.status == 65, "\(content)")
        #expect(
            content.standardError == "tidings: \(server.url("/missing/")): the server answered 404 Not Found\n",
            "\(content)")
        #expect(
            content.standardOutput == "\(server.url("/missing/")): 0 new, 0 updated, 0 unchanged; 0 pages; failed\n")

        let network = try await cli.run(
            "fetch", "--timeout", "2", refused, server.url("/down/"), server.url("/missing/"))
        #expect(network.status == 69, "\(network)")
        let errors = network.standardError.split(separator: "\n")
        #expect(errors.count == 3, "\(network)")
        #expect(errors.contains { $0.hasPrefix("tidings: \(refused): connection refused") })
        #expect(
            errors.contains { $0 == "tidings: \(server.url("/down/")): the server answered 503 Service Unavailable" })

        let unsupported = try await cli.run("fetch", "ftp://example.invalid/feed")
        #expect(unsupported.status == 65, "\(unsupported)")
        #expect(unsupported.standardError.contains("unsupported scheme"))
    }

    @Test func sourcesAreListedWithTheirLastErrorAndRemovedWithoutTheirPosts() async throws {
        let cli = try CLI()
        let server = try FixtureServer(root: nil)
        server.route("/gone/", .status(410))
        _ = try await cli.run("fetch", server.url("/gone/"))
        let listed = try await cli.run("sources")
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.standardOutput.hasPrefix(server.url("/gone/")))
        #expect(listed.standardOutput.contains("error: \(server.url("/gone/")): the server answered 410 Gone"))
        let json = try await cli.run("sources", "--json")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["url"] as? String == server.url("/gone/"))
        #expect(object["posts"] as? Int == 0)
        #expect(object.keys.sorted() == ["caughtUp", "kind", "lastError", "lastFetched", "posts", "title", "url"])
        let removed = try await cli.run("sources", "remove", server.url("/gone/"))
        #expect(removed.status == 0, "\(removed)")
        let again = try await cli.run("sources", "remove", server.url("/gone/"))
        #expect(again.status == 1)
        #expect(try await cli.run("sources").standardOutput.isEmpty)
        #expect(Library.check(path: cli.library).problems == [])
    }

    @Test func updateWithNoSourcesSaysSoAndSucceeds() async throws {
        let cli = try CLI()
        // fetch makes the library (update does not); the source it adds is then removed.
        let closed = try ClosedPort()
        _ = try await cli.run("fetch", closed.url("/feed/"))
        _ = try await cli.run("sources", "remove", closed.url("/feed/"))
        let result = try await cli.run("update")
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput == "0 new posts from 0 sources\n")
    }
}

extension WebCLITests {
    @Test func fetchedPostsShowTheirLinksInListShowAndSearch() async throws {
        let cli = try CLI()
        let server = try FixtureServer()
        let fetched = try await cli.run("fetch", "--json", server.url("/category/dprk-government/"))
        #expect(fetched.status == 0, "\(fetched)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(fetched.standardOutput.utf8)) as? [String: Any])
        #expect(report["pages"] as? Int == 2 && report["kind"] as? String == "pages")
        #expect((report["newIDs"] as? [String])?.count == report["new"] as? Int)

        let list = try await cli.run("list", "--json")
        let posts = list.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(!posts.isEmpty && posts.allSatisfy { ($0["url"] as? String)?.isEmpty == false })
        let id = try #require(posts.first?["id"] as? String)
        let url = try #require(posts.first?["url"] as? String)
        #expect(try await cli.run("list").standardOutput.contains(url))
        #expect(try await cli.run("show", id).standardOutput.contains("url \(url)"))
        let title = try #require(posts.first?["title"] as? String)
        let word = try #require(title.split(separator: " ").max { $0.count < $1.count })
        #expect(try await cli.run("search", String(word)).standardOutput.contains(url))
        #expect(try await cli.run("check").status == 0)
    }

    @Test func importReadsSavedPagesAndFeedsLikeFetch() async throws {
        let cli = try CLI()
        let site = FixturePaths.fixtureSite.path
        let result = try await cli.run("import", site + "/feed/index.xml", site + "/author/grant-montgomery/index.html")
        #expect(result.status == 0, "\(result)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 2 && lines.allSatisfy { $0.hasPrefix("file://") }, "\(result)")
        // Read once: a saved file is not a source that `update` would fetch again.
        let sources = try await cli.run("sources", "--json")
        #expect(sources.status == 0 && sources.standardOutput.isEmpty, "\(sources)")
        #expect(try await cli.run("list").standardOutput.split(separator: "\n").count > 2)
        let bad = try await cli.run("import", site + "/bad/no-posts.html")
        #expect(bad.status == 65, "\(bad)")
        #expect(bad.standardError.contains("no-posts.html"))
    }
}

extension WebCLITests {
    /// On a terminal, stderr gets a progress line (counts only, then cleared); the summary
    /// still goes to stdout.
    @Test func aProgressLineIsDrawnOnlyOnATerminal() async throws {
        let cli = try CLI()
        let server = try FixtureServer()
        let terminal = try TestPseudoTerminal(
            executable: try BuiltProducts.executable(named: "tidings"),
            arguments: ["fetch", server.url("/category/dprk-government/")], environment: cli.environment)
        terminal.drain(timeout: 60) { $0.outputContains("2 pages") }
        let ended = terminal.waitForExit(timeout: 60)
        #expect(ended?.termination.status == 0)
        #expect(terminal.outputContains("\rfetching: 0 of 1 sources done, 1 pages read, "))
        #expect(terminal.outputContains("\rfetching: 1 of 1 sources done, 2 pages read, "))
        #expect(terminal.outputContains("\r\u{1B}[K"))
        #expect(terminal.outputContains(" updated, 0 unchanged; 2 pages"))
    }
}
