import Foundation
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsFeeds

/// What a fetch leaves behind: nothing (no exchange, so no body, outlives its fetch), a task
/// cancelled before it starts ends at once, and a local file that is not a regular file is
/// refused rather than read forever.
@Suite struct HTTPClientLifetimeTests {
    /// Waits (without a deadline that a busy machine could miss) until no exchange is alive,
    /// giving up only after a minute: the cycle this guards against never frees them at all.
    static func settled(_ client: HTTPClient) async throws -> Int {
        for _ in 0..<600 {
            if client.exchangesAlive.withLock({ $0 }) == 0 { return 0 }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return client.exchangesAlive.withLock { $0 }
    }

    @Test func noResponseBodyOutlivesItsFetch() async throws {
        let server = try FixtureServer(root: nil)
        let client = HTTPClient(limits: FetchLimits(timeout: 30))
        server.route(
            "/big.html", .content([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000), contentType: "text/html"))
        server.route("/gone", .status(404))
        for _ in 0..<8 {
            let response = try await client.fetch(FetchRequest(url: server.url("/big.html")))
            if case .body(let body) = response {
                #expect(body.bytes.count == 1_000_000)
            } else {
                Issue.record("no body")
            }
            _ = try? await client.fetch(FetchRequest(url: server.url("/gone")))
        }
        #expect(try await Self.settled(client) == 0)
    }

    @Test func aFetchInACancelledTaskEndsAtOnce() async throws {
        let server = try FixtureServer(root: nil)
        server.route("/stuck/", .stall)
        let client = HTTPClient(limits: FetchLimits(timeout: 20))
        let url = server.url("/stuck/")
        for _ in 0..<10 {
            let task = Task { () -> String in
                withUnsafeCurrentTask { $0?.cancel() }
                do {
                    _ = try await client.fetch(FetchRequest(url: url))
                    return "answered"
                } catch {
                    return "\(error)"
                }
            }
            let outcome = await task.value
            #expect(outcome.contains("cancelled"), "\(outcome)")
        }
        #expect(try await Self.settled(client) == 0)
    }

    @Test func aPipeOrAFolderIsRefusedNotWaitedOn() async throws {
        let folder = NSTemporaryDirectory() + "tidings-fifo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/feed.xml"
        #expect(mkfifo(fifo, 0o600) == 0)
        let client = HTTPClient()
        let fifoURL = URL(fileURLWithPath: fifo).absoluteString
        await #expect(throws: FetchError.file(fifoURL, reason: "not a regular file (a pipe or a device), not read")) {
            try await client.fetch(FetchRequest(url: fifoURL))
        }
        let folderURL = URL(fileURLWithPath: folder).absoluteString
        await #expect(throws: FetchError.file(folderURL, reason: "is a folder, not a file")) {
            try await client.fetch(FetchRequest(url: folderURL))
        }
        let missing = URL(fileURLWithPath: folder + "/none.xml").absoluteString
        await #expect(throws: FetchError.file(missing, reason: "no such file")) {
            try await client.fetch(FetchRequest(url: missing))
        }
    }
}
