/// Why a URL could not be fetched, in one line that names the URL.
///
/// ``isNetwork`` sorts the failures for the exit status: the service was unavailable (69)
/// or what it sent could not be used (65).
public enum FetchError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a URL Tidings fetches: malformed, or a scheme other than http, https and file.
    case unsupportedURL(String, reason: String)
    /// The server answered with an error status (404, 500…).
    case status(String, code: Int)
    case refused(String, detail: String)
    case hostNotFound(String)
    case tls(String, detail: String)
    /// No complete answer within the time allowed, whether the server was silent or slow.
    case timedOut(String, seconds: Double)
    /// The body passed the size cap; reading stopped there.
    case tooLarge(String, limit: Int)
    case tooManyRedirects(String, limit: Int)
    /// A redirect to a scheme Tidings does not follow (say from https to file).
    case redirectRefused(String, target: String)
    /// A local file (`file://` URL) that could not be read.
    case file(String, reason: String)
    /// Anything else the network layer reported.
    case network(String, detail: String)

    /// The URL the failure is about.
    public var url: String {
        switch self {
        case .unsupportedURL(let url, _), .status(let url, _), .refused(let url, _), .hostNotFound(let url),
            .tls(let url, _), .timedOut(let url, _), .tooLarge(let url, _), .tooManyRedirects(let url, _),
            .redirectRefused(let url, _), .file(let url, _), .network(let url, _):
            return url
        }
    }

    /// True when the service was unavailable (exit status 69); false when the request itself
    /// or what came back was unusable (65).
    public var isNetwork: Bool {
        switch self {
        case .status(_, let code): return code >= 500 || code == 429 || code == 408
        case .refused, .hostNotFound, .tls, .timedOut, .network: return true
        case .unsupportedURL, .tooLarge, .tooManyRedirects, .redirectRefused, .file: return false
        }
    }

    public var description: String {
        switch self {
        case .unsupportedURL(let url, let reason): return "\(url): \(reason)"
        case .status(let url, let code): return "\(url): the server answered \(code) \(FetchError.statusText(code))"
        case .refused(let url, let detail): return "\(url): connection refused (\(detail))"
        case .hostNotFound(let url): return "\(url): host not found (DNS)"
        case .tls(let url, let detail): return "\(url): secure connection failed (TLS: \(detail))"
        case .timedOut(let url, let seconds):
            return "\(url): no complete answer within \(FetchError.seconds(seconds)) (timed out)"
        case .tooLarge(let url, let limit):
            return "\(url): the response is larger than \(limit / 1_000_000) MB; stopped reading"
        case .tooManyRedirects(let url, let limit): return "\(url): more than \(limit) redirects (a redirect loop?)"
        case .redirectRefused(let url, let target):
            return "\(url): refused to follow a redirect to \(target) (only http and https)"
        case .file(let url, let reason): return "\(url): \(reason)"
        case .network(let url, let detail): return "\(url): \(detail)"
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private static func statusText(_ code: Int) -> String {
        switch code {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return code >= 500 ? "(server error)" : "(client error)"
        }
    }
}
