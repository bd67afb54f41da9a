import Foundation
import TidingsCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Fetches `http`, `https` and `file` URLs under ``FetchLimits``.
///
/// Built on FoundationNetworking's `URLSession` (libcurl underneath: the system's TLS and CA
/// store, proxy variables, gzip), with the limits it does not keep by itself added here and
/// proved by `HTTPClientTests` against a real server: one timer per request for the whole
/// exchange (URLSession's own request timeout is an idle timeout that a trickling server
/// never trips), the size cap counted as the body arrives, and redirects counted and kept
/// to http and https. Why not AsyncHTTPClient: docs/architecture.md, "Fetching".
public final class HTTPClient: Sendable {
    /// What every request says it is.
    public static let userAgent = "Tidings/0.1.0 (terminal news reader)"

    public let limits: FetchLimits
    private let session: URLSession
    private let delegate: SessionDelegate
    /// Exchanges made by this client and not yet freed (each frees itself when its fetch ends).
    let exchangesAlive = Locked(0)

    public init(limits: FetchLimits = FetchLimits()) {
        self.limits = limits
        let configuration = URLSessionConfiguration.ephemeral
        // No cache between us and the server: a 304 must reach the updater as a 304.
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        // FoundationNetworking's own timeouts only as a far backstop: one firing while a
        // redirect is being handed back traps inside it (see Exchange.stop), and the
        // exchange's own timer keeps the real limit.
        configuration.timeoutIntervalForRequest = max(limits.timeout * 4, 300)
        configuration.timeoutIntervalForResource = max(limits.timeout * 4, 300)
        configuration.httpMaximumConnectionsPerHost = 1
        delegate = SessionDelegate(limits: limits)
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Fetches one URL; a `file` URL is read from the disk under the same size cap.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased() else {
            throw FetchError.unsupportedURL(request.url, reason: "not a URL")
        }
        switch scheme {
        case "file":
            return try readFile(url, named: request.url)
        case "http", "https":
            guard let host = url.host, !host.isEmpty else {
                throw FetchError.unsupportedURL(request.url, reason: "the URL names no host")
            }
        default:
            throw FetchError.unsupportedURL(
                request.url, reason: "unsupported scheme “\(scheme)” (only http, https and file)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = "GET"
        urlRequest.setValue(Self.userAgent, forHTTPHeaderField: "User-Agent")
        urlRequest.setValue(
            "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5",
            forHTTPHeaderField: "Accept")
        if let etag = request.etag { urlRequest.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = request.lastModified {
            urlRequest.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since")
        }
        let task = session.dataTask(with: urlRequest)
        let exchange = Exchange(url: request.url, alive: exchangesAlive)
        // Registered before the cancellation handler can run: a task cancelled at once may
        // report its end before anything else happens, and that report must find the exchange.
        delegate.register(task, exchange)
        let outcome: Result<FetchResponse, FetchError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                exchange.start(continuation)
                guard !exchange.isFinished else { return }
                task.resume()
                // Cancelled before the task existed: the handler below found nothing to stop.
                if Task.isCancelled {
                    exchange.fail(.network(request.url, detail: "cancelled"))
                    exchange.stop(task)
                }
                // The whole exchange's clock; cancelling the task reports through the delegate.
                // On a dispatch queue, not the cooperative pool: a pool kept busy by other work
                // (a test run, the browser) must not hold the timeout back. Both are held
                // weakly: a finished exchange must not wait for its timer to be freed.
                let timeout = limits.timeout
                let timer = DispatchWorkItem { [weak exchange, weak task] in
                    guard let exchange, let task else { return }
                    exchange.fail(.timedOut(request.url, seconds: timeout))
                    exchange.stop(task)
                }
                exchange.setTimer(timer)
                DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
            }
        } onCancel: {
            exchange.fail(.network(request.url, detail: "cancelled"))
            exchange.stop(task)
        }
        return try outcome.get()
    }

    /// The bytes of a percent-encoded path (`caf%E9.html` → `caf`, 0xE9, `.html`).
    static func percentDecoded(_ encoded: String) -> [UInt8] {
        let utf8 = Array(encoded.utf8)
        var bytes: [UInt8] = []
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
                let value = UInt8(String(decoding: utf8[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return bytes
    }

    /// Reads a local file, refusing anything over the cap before holding it, and anything but
    /// a regular file: a FIFO or a device would block the read forever (no timer covers it).
    private func readFile(_ url: URL, named name: String) throws(FetchError) -> FetchResponse {
        // The path's bytes from its percent-encoded form: a name that is not UTF-8 (`%E9`)
        // would not survive `url.path`, which decodes to a String.
        let path = RawPath.string(fromBytes: Self.percentDecoded(url.path(percentEncoded: true)))
        // Non-blocking open: opening a FIFO with no writer would otherwise wait for one.
        let descriptor = RawPath.withCString(path) { open($0, O_RDONLY | O_NONBLOCK | O_CLOEXEC) }
        guard descriptor >= 0 else {
            let reason =
                errno == ENOENT
                ? "no such file"
                : errno == EACCES
                    ? "cannot read the file (permissions?)"
                    : "cannot read the file (\(String(cString: strerror(errno))))"
            throw FetchError.file(name, reason: reason)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FetchError.file(name, reason: "cannot read the file") }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FetchError.file(name, reason: "is a folder, not a file")
        default: throw FetchError.file(name, reason: "not a regular file (a pipe or a device), not read")
        }
        if status.st_size > off_t(limits.maxBytes) { throw FetchError.tooLarge(name, limit: limits.maxBytes) }
        do {
            let data = try handle.read(upToCount: limits.maxBytes + 1) ?? Data()
            if data.count > limits.maxBytes { throw FetchError.tooLarge(name, limit: limits.maxBytes) }
            return .body(FetchedBody(url: url.absoluteString, bytes: [UInt8](data)))
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError.file(name, reason: "cannot read the file")
        }
    }
}
