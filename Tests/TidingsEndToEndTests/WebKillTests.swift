import Foundation
import Glibc
import Testing
import TidingsLibrary
import TidingsTestSupport

/// kill -9 of a real `tidings update` in the middle of a source: the library is sound, and
/// the next update completes the source instead of stopping at the posts it already has.
@Suite struct WebKillTests {
    @Test func aKilledUpdateLeavesASoundLibraryThatTheNextUpdateCompletes() async throws {
        let cli = try CLI()
        let server = try FixtureServer(root: nil)
        BlogPages.serveListing("news", BlogPages.stories(10).reversed(), perPage: 10, on: server)
        let first = try await cli.run("fetch", server.url("/news/"))
        #expect(first.status == 0, "\(first)")
        #expect(first.standardOutput.contains(": 10 new,"), "\(first)")

        // Thirty new stories: pages 1 to 3 are new, page 4 is what the library has.
        // Page 2 says nothing until the process is killed: the kill lands between two pages
        // however slowly this machine runs.
        BlogPages.serveListing("news", BlogPages.stories(40).reversed(), perPage: 10, on: server)
        server.route("/news/page/2/", .stall)
        server.clearRequests()
        let child = try ChildProcess.spawn(
            executable: try BuiltProducts.executable(named: "tidings"), arguments: ["update", "--timeout", "600"],
            environment: cli.environment,
            standardOutput: cli.scratch.file("update.out"), standardError: cli.scratch.file("update.err"))
        // Page 2 asked for: page 1 is stored, the run is in the middle of the source.
        let deadline = Date().addingTimeInterval(300)
        while !server.requests.contains(where: { $0.path == "/news/page/2/" }), Date() < deadline {
            if try child.poll() != nil { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        child.killGroup(SIGKILL)
        var ended = try child.poll()
        while ended == nil {
            try await Task.sleep(nanoseconds: 10_000_000)
            ended = try child.poll()
        }
        #expect(ended?.signal == SIGKILL, "the update ended before it was killed")

        #expect(Library.check(path: cli.library).problems == [])
        let library = try Library(path: cli.library)
        #expect(try library.count() == 20)
        #expect(try library.webSource(server.url("/news/"))?.isCaughtUp == false)

        BlogPages.serveListing("news", BlogPages.stories(40).reversed(), perPage: 10, on: server)
        let next = try await cli.run("update")
        #expect(next.status == 0, "\(next)")
        #expect(next.standardOutput.contains(": 20 new,"), "\(next)")
        #expect(next.standardOutput.contains("\n20 new posts from 1 source\n"), "\(next)")
        #expect(next.standardOutput.split(separator: "\n").filter { $0.hasPrefix("+ ") }.count == 20, "\(next)")
        #expect(try library.count() == 40)
        #expect(try library.webSource(server.url("/news/"))?.isCaughtUp == true)
        #expect(Library.check(path: cli.library).problems == [])
    }
}
