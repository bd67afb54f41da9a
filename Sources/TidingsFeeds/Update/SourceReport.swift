import TidingsLibrary

/// A page or feed as read from its bytes: what the library stores, and where pagination goes.
public struct ReadDocument: Sendable {
    public var page: WebPage
    /// The next (older) page of the listing, resolved against the page's address.
    public var nextPage: String?
    /// Problems the reader found but read past, one line each.
    public var diagnostics: [String]

    public init(page: WebPage, nextPage: String? = nil, diagnostics: [String] = []) {
        self.page = page
        self.nextPage = nextPage
        self.diagnostics = diagnostics
    }
}

/// Turns fetched bytes into a ``ReadDocument``; throws an error whose description is one line.
public typealias DocumentReader =
    @Sendable (_ bytes: [UInt8], _ url: String, _ contentType: String?) throws -> ReadDocument

/// Why a source failed, which decides the exit status.
public enum SourceFailure: String, Sendable, Codable {
    /// The service was unavailable: refused, DNS, timeout, 5xx, TLS (exit 69).
    case network
    /// What came back could not be used: 404, too large, redirect loop, not a feed or page (exit 65).
    case content
    /// The library could not store it (exit 74).
    case storage
}

/// What one run of one source did: the summary line of `fetch` and `update`.
public struct SourceReport: Sendable, Equatable, Codable {
    public var url: String
    public var title: String?
    public var kind: WebSource.Kind?
    public var new = 0
    public var updated = 0
    public var unchanged = 0
    public var pages = 0
    /// The first page answered 304: nothing was read.
    public var notModified = false
    /// One line naming the URL and the cause, when the run failed (after storing what it read).
    public var error: String?
    public var failure: SourceFailure?
    /// Lines the reader read past, and the updater's own warnings: each in a diagnostic's
    /// form (`URL:LINE: warning: …`), saying what it is.
    public var warnings: [String] = []
    /// Ids of the posts this run added.
    public var newIDs: [String] = []
    /// The page limit (`--pages`) ended the run before it reached the posts the source gave
    /// before: the source is left not caught up, so the next update reads on and fills the gap.
    public var stoppedAtPageLimit = false

    public init(url: String) {
        self.url = url
    }

    /// `URL: 3 new, 1 updated, 20 unchanged; 2 pages` (`; failed` after a failure, whose line goes to stderr).
    public var line: String {
        var text = "\(url): \(new) new, \(updated) updated, \(unchanged) unchanged; "
        text += notModified ? "not modified" : "\(pages) page\(pages == 1 ? "" : "s")"
        if stoppedAtPageLimit { text += "; stopped at the page limit, the next update reads on" }
        if error != nil { text += "; failed" }
        return text
    }
}

/// What happens while sources are fetched, for a progress line or the browser's status.
public enum FetchProgress: Sendable, Equatable {
    /// A source's first request is about to be sent.
    case started(url: String)
    /// A page of the source was stored; `page` counts from 1.
    case stored(url: String, page: Int, newSoFar: Int)
    case finished(SourceReport)
}
