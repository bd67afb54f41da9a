import Foundation
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsFeeds

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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

    /// A redirect's completion handler is never called once the task was cancelled (the
    /// trap in FoundationNetworking), and a task is cancelled once however many stop it.
    @Test func aRedirectIsNeverHandedBackAfterTheCancel() {
        let session = URLSession(configuration: .ephemeral)
        defer { session.invalidateAndCancel() }
        let task = session.dataTask(with: URL(string: "http://127.0.0.1:9/")!)
        let exchange = Exchange(url: "http://127.0.0.1:9/")
        var handedBack = 0
        exchange.handBack { handedBack += 1 }
        exchange.stop(task)
        exchange.stop(task)
        exchange.handBack { handedBack += 1 }
        #expect(handedBack == 1)
        #expect(task.state != .running && task.state != .suspended)
    }

    /// Timers racing a redirect loop: each fetch ends in one of its two errors, and the
    /// process is still here (a cancel meeting a hand-back trapped in FoundationNetworking).
    @Test func timeoutsDuringRedirectsEndCleanly() async throws {
        let server = try FixtureServer(root: nil)
        server.route("/a", .redirect(to: "/b"))
        server.route("/b", .redirect(to: "/a"))
        // Many at once through one session: its delegate queue runs one callback at a time,
        // so a redirect waits there while timers fire.
        for round in 0..<12 {
            let timeout = 0.003 * Double(1 + round % 6)
            let client = HTTPClient(limits: FetchLimits(timeout: timeout, maxRedirects: 100))
            let url = server.url("/a")
            let outcomes = await withTaskGroup(of: String.self) { group in
                for _ in 0..<24 {
                    group.addTask {
                        do {
                            _ = try await client.fetch(FetchRequest(url: url))
                            return "answered"
                        } catch let error as FetchError {
                            switch error {
                            case .timedOut, .tooManyRedirects: return "ended"
                            default: return "\(error)"
                            }
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.allSatisfy { $0 == "ended" }, "\(outcomes)")
        }
    }
}
