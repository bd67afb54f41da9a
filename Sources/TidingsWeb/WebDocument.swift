import TidingsCore

/// What a web document turned out to be, told apart by its content (never by its name).
public enum WebDocumentKind: String, Sendable, Codable {
    /// An RSS 2.0 (or 1.0) or Atom 1.0 feed.
    case feed
    /// An HTML archive page of a blog: a category, tag, author or date archive, search results
    /// or the front page.
    case pages
}

/// The posts read from one web page or feed, with what the document says about itself.
public struct WebDocument: Sendable {
    /// The address it was read from (after redirects); diagnostics name it.
    public var url: String
    public var kind: WebDocumentKind
    /// The feed's title, or the page's archive title (else its `<title>`).
    public var title: String?
    /// An archive page's header; its label is already applied to every post.
    public var header: PageHeader?
    /// The posts in document order, each with its content-derived id.
    public var posts: [Post]
    /// The absolute address of the next (older) page; archive pages only.
    public var nextPage: String?
    /// Warnings (and errors about single posts) naming the URL and, where there is one, the line.
    public var diagnostics: [Diagnostic]

    public init(
        url: String, kind: WebDocumentKind, title: String? = nil, header: PageHeader? = nil,
        posts: [Post] = [], nextPage: String? = nil, diagnostics: [Diagnostic] = []
    ) {
        self.url = url
        self.kind = kind
        self.title = title
        self.header = header
        self.posts = posts
        self.nextPage = nextPage
        self.diagnostics = diagnostics
    }
}

/// Why a whole web document could not be read: not a feed nor a page with posts, malformed
/// XML, an unknown character set, no content at all.
public struct WebContentError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The address of the document.
    public var url: String
    /// The 1-based line the parser blamed, when it named one.
    public var line: Int?
    /// What went wrong, in words for the reader (`malformed XML at line 12: …`).
    public var reason: String

    public init(url: String, line: Int? = nil, reason: String) {
        self.url = url
        self.line = line
        self.reason = reason
    }

    /// `URL: REASON`, the form the CLI prints.
    public var description: String { "\(url): \(reason)" }

    /// The same error as a diagnostic, for callers that collect them.
    public var diagnostic: Diagnostic { Diagnostic(.error, file: url, line: line, reason) }
}
