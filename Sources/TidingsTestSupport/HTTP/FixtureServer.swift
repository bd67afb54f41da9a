import Foundation
import Glibc
import TidingsCore

/// A small HTTP/1.1 server on 127.0.0.1 for tests and the bench: serves a folder, records
/// every request, and answers with programmable faults.
///
/// One thread accepts; each connection gets a thread of its own that reads one bounded
/// request (64 KiB of head at most, 120 s to send it), answers and closes. Files get an ETag
/// and a Last-Modified and are answered 304 to a matching conditional request; when the
/// client accepts gzip and ``gzip`` is on, bodies are compressed with `/bin/gzip` (once per
/// body, cached).
public final class FixtureServer: @unchecked Sendable {
    /// The port the server listens on (ephemeral, chosen by the kernel).
    public let port: UInt16
    /// The folder served for paths with no programmed answer; nil serves nothing but routes.
    public let root: URL?
    private let listener: Int32
    let state = Locked(ServerState())

    struct ServerState {
        var routes: [String: FixtureResponse] = [:]
        var requests: [RecordedRequest] = []
        var active = 0
        var open: Set<Int32> = []
        var stopped = false
        var gzip = false
        var gzipCache: [Int: [UInt8]] = [:]
        var delay: Double = 0
    }

    /// `http://127.0.0.1:PORT`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// The URL of `path` on this server (`path` starts with `/`).
    public func url(_ path: String) -> String { baseURL + path }

    /// Starts serving `root` (by default the repository's `Tests/FixtureSite/`).
    public init(root: URL? = FixturePaths.fixtureSite) throws {
        self.root = root
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketFD >= 0 else { throw FixtureServerError.socket(errno) }
        var yes: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketFD, 64) == 0 else {
            let code = errno
            close(socketFD)
            throw FixtureServerError.socket(code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = socketFD
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "FixtureServer.accept"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Stops accepting and cuts every open connection (a stalled one included).
    ///
    /// Sockets are only shut down here, under the lock, never closed: their owners (the accept
    /// thread, each connection's thread) close them. A descriptor closed here could be reused
    /// at once by another server in the same process, which the accept thread would then
    /// accept on, or this loop shut down.
    public func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            shutdown(listener, Int32(SHUT_RDWR))
            for descriptor in state.open { shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    /// Programs the answer for `path` (which may include a query), replacing any earlier one.
    public func route(_ path: String, _ response: FixtureResponse) {
        state.withLock { $0.routes[path] = response }
    }

    /// Forgets the programmed answer for `path`, so the file is served again.
    public func removeRoute(_ path: String) {
        state.withLock { _ = $0.routes.removeValue(forKey: path) }
    }

    /// Compresses bodies for clients that accept gzip.
    public func setGzip(_ on: Bool) {
        state.withLock { $0.gzip = on }
    }

    /// Holds every answer this long before sending it, so that overlapping requests overlap.
    public func setDelay(_ seconds: Double) {
        state.withLock { $0.delay = seconds }
    }

    /// Every request so far, in the order they were read.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// Forgets the recorded requests.
    public func clearRequests() {
        state.withLock { $0.requests.removeAll() }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                close(listener)
                return
            }
            // Not inherited by the programs a test spawns (accept4 is not in Swift's Glibc here).
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.open.insert(client)
                return true
            }
            guard accepted else {
                close(client)
                continue
            }
            let thread = Thread { [self] in
                serve(client)
                state.withLock { _ = $0.open.remove(client) }
                close(client)
            }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        // Generous: on a loaded machine a client may take seconds between connecting and
        // sending; cutting it off would fail a test for the machine's speed.
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var notHTTP = false
        guard let head = HTTPRequestHead.read(from: client, notHTTP: &notHTTP) else {
            // Not HTTP at all (a TLS handshake): a plain HTTP refusal, so the client sees why.
            if notHTTP {
                _ = writeAll(
                    Array("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".utf8), on: client
                )
            }
            return
        }
        let (index, route, delay) = state.withLock { state -> (Int, FixtureResponse?, Double) in
            state.active += 1
            state.requests.append(
                RecordedRequest(
                    method: head.method, path: head.path, headers: head.headers,
                    started: Date(), finished: nil, concurrent: state.active))
            return (state.requests.count - 1, state.routes[head.path], state.delay)
        }
        defer {
            state.withLock { state in
                state.active -= 1
                if index < state.requests.count { state.requests[index].finished = Date() }
            }
        }
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        answer(head, route: route, on: client)
    }
}

/// A socket call of the fixture server failed.
public enum FixtureServerError: Error {
    case socket(Int32)
}
