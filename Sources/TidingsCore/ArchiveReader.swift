/// Reads an archive page's posts a slice at a time, holding only the lines of the post being read.
///
/// The grammar is the parser's (docs/archive-format.md): a post's title is the last text line
/// above its Posted line and its body runs to the next post's title (or to the next Posted line
/// when that post has no title), or to the end of the file. So a post is complete when the next
/// Posted line, or the end, is reached, and the reader keeps only the lines since the last
/// Posted line. A 100,000-post file held all its 800,000 classified lines at once before (50 MB
/// for a 10.9 MB file); now the decoded text and one slice of posts are all that is held.
/// ``ArchiveParser/parse(bytes:file:)`` is this reader read to the end.
public struct ArchiveReader {
    /// The file name used in diagnostics.
    public let file: String
    /// The encoding the text was read in; nil when it could not be read as text.
    public let encoding: ArchiveEncoding?
    /// The page header, once the first two non-blank lines have been read.
    public private(set) var header: PageHeader?
    /// Whether the last slice has been returned.
    public private(set) var isAtEnd = false

    private var cursor: ArchiveLine.Cursor?
    /// Diagnostics found before the first slice (the encoding), handed out with it.
    private var opening: [Diagnostic] = []
    private var nonBlankLines = 0
    /// A first line that reads as a header; it is one unless a Posted line comes next.
    private var headerCandidate: PageHeader?
    /// The Posted line of the post being read, and its title line (nil when it has none).
    private var open: (title: ArchiveLine?, posted: ArchiveLine)?
    /// The lines since the last Posted line; before the first one, only the last non-blank
    /// line, the only one that can still become a title.
    private var lines: [ArchiveLine] = []

    /// Prepares to read `bytes` (decoded as ``ArchiveDecoder`` decides); `file` names it in diagnostics.
    public init(bytes: [UInt8], file: String) {
        self.file = file
        switch ArchiveDecoder.decode(bytes) {
        case .failure(.empty):
            encoding = nil
            opening = [Diagnostic(.error, file: file, "empty file")]
            isAtEnd = true
        case .failure(.binary(let offset)):
            encoding = nil
            opening = [
                Diagnostic(.error, file: file, "binary file (NUL byte at offset \(offset)); not an archive page")
            ]
            isAtEnd = true
        case .success(let decoded):
            encoding = decoded.encoding
            if decoded.encoding != .utf8 {
                opening = [Diagnostic(.warning, file: file, "not valid UTF-8; read as \(decoded.encoding.rawValue)")]
            }
            cursor = ArchiveLine.Cursor(decoded.utf8)
        }
    }

    /// The next slice: up to `maxPosts` posts (at least one, unless the file ends first) and the
    /// diagnostics met on the way. After the slice that reaches the end, ``isAtEnd`` is true.
    public mutating func next(maxPosts: Int) -> ArchivePage {
        var page = ArchivePage(file: file, diagnostics: opening, encoding: encoding)
        opening = []
        while !isAtEnd, page.posts.count < max(1, maxPosts) {
            if let line = cursor?.next() {
                read(line, into: &page)
            } else {
                finish(into: &page)
            }
        }
        page.header = header
        return page
    }

    private mutating func read(_ line: ArchiveLine, into page: inout ArchivePage) {
        if line.kind != .blank {
            nonBlankLines += 1
            if nonBlankLines == 1, case .text(let text) = line.kind, let candidate = PageHeader(line: text) {
                headerCandidate = candidate
                lines = [line]
                return
            }
            if nonBlankLines == 2, let candidate = headerCandidate {
                headerCandidate = nil
                if case .posted = line.kind {
                } else {
                    header = candidate
                    // The header is no post's title.
                    lines = []
                }
            }
        }
        guard case .posted = line.kind else {
            if open != nil {
                lines.append(line)
            } else if line.kind != .blank {
                lines = [line]
            }
            return
        }
        var title: ArchiveLine?
        var body = lines[...]
        if let last = lines.lastIndex(where: { $0.kind != .blank }), case .text = lines[last].kind {
            title = lines[last]
            body = lines[..<last]
        }
        if let open { emit(open, body: body, into: &page) }
        open = (title, line)
        lines.removeAll(keepingCapacity: true)
    }

    private mutating func finish(into page: inout ArchivePage) {
        isAtEnd = true
        // A lone first line that reads as a header is the header of a page without posts.
        if let candidate = headerCandidate { header = candidate }
        if nonBlankLines == 0 {
            page.diagnostics.append(Diagnostic(.error, file: file, "no posts found: the file is blank"))
        } else if let open {
            emit(open, body: lines[...], into: &page)
        } else {
            // `open` is set by every Posted line and cleared only here: none came.
            page.diagnostics.append(Diagnostic(.error, file: file, "no posts found: no “Posted on … by …” line"))
        }
        open = nil
        lines = []
        cursor = nil
    }

    /// Appends the post of `open` with `body` (its lines after the Posted line), or says why not.
    private func emit(
        _ open: (title: ArchiveLine?, posted: ArchiveLine), body: ArraySlice<ArchiveLine>,
        into page: inout ArchivePage
    ) {
        guard let titleLine = open.title, case .text(let title) = titleLine.kind else {
            page.diagnostics.append(
                Diagnostic(
                    .error, file: file, line: open.posted.number,
                    "“Posted on” line without a title above it; the text up to the next post is skipped"))
            return
        }
        guard case .posted(let dateText, let author) = open.posted.kind else { return }
        var (paragraphs, outlet) = Self.paragraphs(body)
        if paragraphs.isEmpty {
            let what = outlet == nil ? "no body" : "only an outlet line and no body"
            page.diagnostics.append(
                Diagnostic(
                    .error, file: file, line: titleLine.number,
                    "post “\(title.prefix(60))” has a title but \(what); skipped"))
            return
        }
        var date: PostDate?
        if !dateText.isEmpty {
            date = PostDate(archiveText: dateText)
            if date == nil {
                page.diagnostics.append(
                    Diagnostic(
                        .warning, file: file, line: open.posted.number,
                        "could not read the date “\(dateText.prefix(40))”; the post is kept without a date"))
            }
        }
        if outlet?.isEmpty == true { outlet = nil }
        var labels: [PostLabel] = []
        if let label = header?.label { labels.append(label) }
        if !author.isEmpty { labels.append(PostLabel(.author, author)) }
        page.posts.append(
            ArchiveParser.makePost(title: title, paragraphs: paragraphs, outlet: outlet, date: date, labels: labels))
        page.postLines.append(titleLine.number)
    }

    /// Groups body lines into paragraphs and takes a bracketed last paragraph as the outlet.
    private static func paragraphs(_ lines: ArraySlice<ArchiveLine>) -> (paragraphs: [String], outlet: String?) {
        var paragraphs: [String] = []
        var current = ""
        for line in lines {
            if case .text(let text) = line.kind {
                current = current.isEmpty ? text : current + " " + text
            } else if !current.isEmpty {
                paragraphs.append(current)
                current = ""
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        guard let last = paragraphs.last, let outlet = ArchiveParser.outletName(last) else { return (paragraphs, nil) }
        paragraphs.removeLast()
        return (paragraphs, outlet)
    }
}
