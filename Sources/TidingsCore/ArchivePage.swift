/// What the parser read from one archive file.
public struct ArchivePage: Sendable {
    /// The file name used in diagnostics.
    public var file: String
    public var header: PageHeader?
    /// The posts in page order, each already carrying the page's labels.
    public var posts: [Post]
    /// The 1-based line of each post's title, parallel to ``posts``.
    public var postLines: [Int]
    public var diagnostics: [Diagnostic]
    /// The encoding the text was read in; nil when the file could not be read as text at all.
    public var encoding: ArchiveEncoding?

    public init(
        file: String, header: PageHeader? = nil, posts: [Post] = [], postLines: [Int] = [],
        diagnostics: [Diagnostic] = [], encoding: ArchiveEncoding? = nil
    ) {
        self.file = file
        self.header = header
        self.posts = posts
        self.postLines = postLines
        self.diagnostics = diagnostics
        self.encoding = encoding
    }

    /// Whether anything in the file could not be imported.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
