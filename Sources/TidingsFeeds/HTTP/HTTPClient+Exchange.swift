import Foundation
import TidingsCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One request in flight: the bytes so far, the response head, and the first failure seen.
///
/// The delegate, the timer and the caller's cancellation all end an exchange; whichever comes
/// first decides the outcome and the continuation is resumed exactly once, even when the
/// transport finished before the continuation was handed over (a task cancelled at once).
/// Once complete it holds nothing: not the body, not the timer (whose closure refers to the
/// exchange: kept, it made a cycle that held every body fetched for the life of the process).
final class Exchange: Sendable {
    let url: String
    /// Exchanges of one client not yet freed, for the test that none outlives its fetch.
    private let alive: Locked<Int>?
    // Unchecked only for DispatchWorkItem, which swift-corelibs-libdispatch does not mark
    // Sendable though cancel() is thread-safe; the state is touched only under the lock.
    private struct State: @unchecked Sendable {
        var continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>?
        var response: HTTPURLResponse?
        var bytes: [UInt8] = []
        var failure: FetchError?
        var redirects = 0
        /// Whether ``stop(_:)`` has cancelled the task (a redirect is then never handed back).
        var cancelled = false
        var timer: DispatchWorkItem?
        var finished = false
        /// The outcome, when the transport finished before ``start(_:)``.
        var early: Result<FetchResponse, FetchError>?
    }
    private let state = Locked(State())

    init(url: String, alive: Locked<Int>? = nil) {
        self.url = url
        self.alive = alive
        alive?.withLock { $0 += 1 }
    }

    deinit {
        alive?.withLock { $0 -= 1 }
    }

    /// Hands over the continuation; resumed at once when the exchange already completed.
    func start(_ continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>) {
        let early = state.withLock { state -> Result<FetchResponse, FetchError>? in
            guard let early = state.early else {
                state.continuation = continuation
                return nil
            }
            state.early = nil
            return early
        }
        if let early { continuation.resume(returning: early) }
    }

    /// Whether the exchange has completed (the delegate reported the task's end).
    var isFinished: Bool { state.withLock { $0.finished } }

    func setTimer(_ timer: DispatchWorkItem) {
        let finished = state.withLock { state in
            state.timer = timer
            return state.finished
        }
        if finished { timer.cancel() }
    }

    /// Records the reason the exchange is being stopped; the first reason wins.
    func fail(_ failure: FetchError) {
        state.withLock { state in
            if state.failure == nil, !state.finished { state.failure = failure }
        }
    }

    var failure: FetchError? { state.withLock { $0.failure } }

    /// Cancels `task`, once.
    ///
    /// FoundationNetworking traps ("Received callback for HTTP redirection, but we're not
    /// waiting for it") when a redirect's completion handler is called after the task was
    /// cancelled: the cancel has already moved the task out of waiting for it. This and
    /// ``handBack(_:)`` take turns under the exchange's lock, so a redirect is handed back
    /// either before the cancel (FoundationNetworking runs the two on one serial queue, in
    /// the order they were asked for) or not at all (the cancel ends the task). Before, a
    /// cancel only waited 0.2 s after a hand-back, and one in the moment before it still
    /// trapped (seen once, on a loaded machine).
    func stop(_ task: URLSessionTask) {
        let first = state.withLock { state -> Bool in
            defer { state.cancelled = true }
            return !state.cancelled
        }
        if first { task.cancel() }
    }

    /// Calls `handBack` (a redirect's completion handler) unless the task was cancelled; then
    /// the handler is dropped, as FoundationNetworking expects of a cancelled task.
    func handBack(_ handBack: () -> Void) {
        state.withLock { state in
            if !state.cancelled { handBack() }
        }
    }

    func received(_ response: HTTPURLResponse) {
        state.withLock { $0.response = response }
    }

    /// Appends bytes; false once the cap is passed (the caller cancels the task).
    func append(_ data: Data, cap: Int) -> Bool {
        state.withLock { state in
            guard state.bytes.count + data.count <= cap else {
                if state.failure == nil { state.failure = .tooLarge(url, limit: cap) }
                return false
            }
            state.bytes.append(contentsOf: data)
            return true
        }
    }

    /// Counts a redirect; nil when it may be followed, else the reason it may not.
    func redirect(to target: URL?, limit: Int) -> FetchError? {
        state.withLock { state in
            state.redirects += 1
            let scheme = target?.scheme?.lowercased()
            var refusal: FetchError?
            if scheme != "http" && scheme != "https" {
                refusal = .redirectRefused(url, target: target?.absoluteString ?? "an unreadable address")
            } else if state.redirects > limit {
                refusal = .tooManyRedirects(url, limit: limit)
            }
            if let refusal, state.failure == nil { state.failure = refusal }
            return refusal
        }
    }

    /// Ends the exchange with the transport's verdict (nil: the exchange completed).
    func complete(error: (any Error)?, timeout: Double) {
        let (continuation, timer, outcome) =
            state.withLock {
                state -> (
                    CheckedContinuation<Result<FetchResponse, FetchError>, Never>?, DispatchWorkItem?,
                    Result<FetchResponse, FetchError>
                )? in
                guard !state.finished else { return nil }
                state.finished = true
                let continuation = state.continuation
                let timer = state.timer
                let outcome = Self.outcome(of: state, error: error, url: url, timeout: timeout)
                state.continuation = nil
                state.timer = nil
                state.bytes = []
                state.response = nil
                if continuation == nil { state.early = outcome }
                return (continuation, timer, outcome)
            } ?? (nil, nil, .failure(.network(url, detail: "completed twice")))
        timer?.cancel()
        continuation?.resume(returning: outcome)
    }

    private static func outcome(
        of state: State, error: (any Error)?, url: String, timeout: Double
    ) -> Result<FetchResponse, FetchError> {
        if let failure = state.failure { return .failure(failure) }
        if let error { return .failure(translate(error, url: url, timeout: timeout)) }
        guard let response = state.response else {
            return .failure(.network(url, detail: "the server closed the connection without an answer"))
        }
        let code = response.statusCode
        if code == 304 { return .success(.notModified(url: url)) }
        guard (200..<300).contains(code) else { return .failure(.status(url, code: code)) }
        return .success(
            .body(
                FetchedBody(
                    url: response.url?.absoluteString ?? url, bytes: state.bytes,
                    contentType: response.value(forHTTPHeaderField: "Content-Type"),
                    etag: response.value(forHTTPHeaderField: "ETag"),
                    lastModified: response.value(forHTTPHeaderField: "Last-Modified"))))
    }

    /// The transport's error in the terms of ``FetchError``.
    static func translate(_ error: any Error, url: String, timeout: Double) -> FetchError {
        guard let error = error as? URLError else { return .network(url, detail: "\(error)") }
        let detail = error.localizedDescription
        switch error.code {
        case .cannotConnectToHost: return .refused(url, detail: detail)
        case .cannotFindHost, .dnsLookupFailed: return .hostNotFound(url)
        case .timedOut: return .timedOut(url, seconds: timeout)
        case .httpTooManyRedirects: return .tooManyRedirects(url, limit: 0)
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
            .clientCertificateRequired:
            return .tls(url, detail: detail)
        case .cancelled: return .network(url, detail: "cancelled")
        default:
            // FoundationNetworking reports some of libcurl's TLS failures ("SSL routines::wrong
            // version number") under a generic code; its message says what they are.
            if ["SSL", "TLS", "certificate"].contains(where: detail.contains) { return .tls(url, detail: detail) }
            return .network(url, detail: detail)
        }
    }
}

/// The session's delegate: routes each task's events to its ``Exchange``.
final class SessionDelegate: NSObject, URLSessionDataDelegate, Sendable {
    private let limits: FetchLimits
    private let exchanges = Locked([Int: Exchange]())

    init(limits: FetchLimits) {
        self.limits = limits
    }

    func register(_ task: URLSessionTask, _ exchange: Exchange) {
        exchanges.withLock { $0[task.taskIdentifier] = exchange }
    }

    private func exchange(_ task: URLSessionTask) -> Exchange? {
        exchanges.withLock { $0[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        guard let exchange = exchange(dataTask), let response = response as? HTTPURLResponse else {
            completionHandler(.cancel)
            return
        }
        exchange.received(response)
        // A declared length over the cap is refused before a byte of the body is read.
        if response.expectedContentLength > Int64(limits.maxBytes) {
            exchange.fail(.tooLarge(exchange.url, limit: limits.maxBytes))
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(dataTask) else { return }
        if !exchange.append(data, cap: limits.maxBytes) { exchange.stop(dataTask) }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        guard let exchange = exchange(task) else {
            completionHandler(nil)
            return
        }
        // Judged by the Location header itself: FoundationNetworking turns a Location in
        // another scheme (file:///etc/passwd) into a path on the same server.
        let target = response.value(forHTTPHeaderField: "Location").flatMap {
            URL(string: $0, relativeTo: response.url)
        }
        if exchange.redirect(to: target?.absoluteURL ?? request.url, limit: limits.maxRedirects) != nil {
            // Not followed: the task completes with the 3xx answer, reported as the refusal.
            // (No cancel here: see Exchange.stop.)
            exchange.handBack { completionHandler(nil) }
            return
        }
        // Follow the Location as written: FoundationNetworking's own resolution drops a
        // trailing slash ("/feed/" became "/feed"), which on most blogs is another page.
        var next = request
        if let target { next.url = target.absoluteURL }
        exchange.handBack { completionHandler(next) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let exchange = exchanges.withLock { $0.removeValue(forKey: task.taskIdentifier) }
        exchange?.complete(error: error, timeout: limits.timeout)
    }
}
