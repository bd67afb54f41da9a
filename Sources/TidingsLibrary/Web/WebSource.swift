import Foundation
import TidingsCore

/// A web address Tidings follows: a feed, or the first page of an archive listing.
public struct WebSource: Sendable, Equatable {
    /// What the address gave the last time it was read.
    public enum Kind: String, Sendable, Codable {
        case feed, pages
    }

    public var url: String
    public var kind: Kind
    public var title: String?
    /// Validators of the first page's last complete answer, sent back on the next update.
    public var etag: String?
    public var lastModified: String?
    /// When a run last reached the server (ISO 8601), and what went wrong then, if anything.
    public var lastFetched: String?
    public var lastError: String?
    /// True when the last run read as deep as it should have: the next update may stop at the
    /// first posts it already has. A run killed part way leaves it false, so the next one
    /// reads on past them and fills the gap.
    public var isCaughtUp: Bool
    /// Posts this source has given.
    public var posts: Int

    public init(
        url: String, kind: Kind, title: String? = nil, etag: String? = nil, lastModified: String? = nil,
        lastFetched: String? = nil, lastError: String? = nil, isCaughtUp: Bool = false, posts: Int = 0
    ) {
        self.url = url
        self.kind = kind
        self.title = title
        self.etag = etag
        self.lastModified = lastModified
        self.lastFetched = lastFetched
        self.lastError = lastError
        self.isCaughtUp = isCaughtUp
        self.posts = posts
    }
}

/// One page or feed read from a source, as the library stores it.
public struct WebPage: Sendable {
    /// The address the page came from (after redirects).
    public var url: String
    public var kind: WebSource.Kind
    public var title: String?
    /// The page's header, whose label applies to every post on it (as in the text format).
    public var header: PageHeader?
    public var posts: [Post]

    public init(url: String, kind: WebSource.Kind, title: String?, header: PageHeader?, posts: [Post]) {
        self.url = url
        self.kind = kind
        self.title = title
        self.header = header
        self.posts = posts
    }
}

/// What storing one page did.
public struct WebPageResult: Sendable, Equatable {
    public var new = 0
    public var updated = 0
    public var unchanged = 0
    /// Ids of the posts the page added to the library.
    public var newIDs: [String] = []
    /// Posts on the page that this source had already given before: an update that meets
    /// them has reached what it read last time.
    public var alreadyFromSource = 0
    /// Posts on the page that this source had not given before.
    public var newToSource = 0
    /// Whether the page's last (oldest) post was one this source had given before: a listing
    /// read down to it has reached what the last run read.
    public var lastAlreadyFromSource = false

    public init() {}
}

/// How a run of a source ended, to be remembered with it.
public enum WebFetchRecord: Sendable {
    /// The run completed. `validators` are the first page's new ETag and Last-Modified, or
    /// nil to keep the stored ones (a 304); `caughtUp` whether it read as deep as it should.
    case completed(
        kind: WebSource.Kind?, title: String?, validators: (etag: String?, lastModified: String?)?, caughtUp: Bool)
    /// The run failed with this one-line error; the validators are kept.
    case failed(String)
}
