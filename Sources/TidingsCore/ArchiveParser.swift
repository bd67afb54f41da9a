/// Reads the blog's archive pages (the grammar is in docs/archive-format.md).
///
/// The parser never throws and never gives up on a file because of one bad post: every
/// problem becomes a ``Diagnostic`` naming the line, and every good post is returned.
public enum ArchiveParser {
    /// Parses a file's raw bytes; `file` names it in diagnostics.
    public static func parse(bytes: [UInt8], file: String) -> ArchivePage {
        var page = ArchivePage(file: file)
        switch ArchiveDecoder.decode(bytes) {
        case .failure(.empty):
            page.diagnostics.append(Diagnostic(.error, file: file, "empty file"))
            return page
        case .failure(.binary(let offset)):
            page.diagnostics.append(Diagnostic(.error, file: file, "binary file (NUL byte at offset \(offset)); not an archive page"))
            return page
        case .success(let decoded):
            page.encoding = decoded.encoding
            if decoded.encoding != .utf8 {
                page.diagnostics.append(Diagnostic(.warning, file: file, "not valid UTF-8; read as \(decoded.encoding.rawValue)"))
            }
            read(ArchiveLine.split(decoded.utf8), into: &page)
            return page
        }
    }

    /// Parses text that is already decoded (tests, generated corpora).
    public static func parse(text: String, file: String) -> ArchivePage {
        parse(bytes: Array(text.utf8), file: file)
    }

    private static func read(_ lines: [ArchiveLine], into page: inout ArchivePage) {
        let file = page.file
        let nonBlank = lines.indices.filter { lines[$0].kind != .blank }
        guard !nonBlank.isEmpty else {
            page.diagnostics.append(Diagnostic(.error, file: file, "no posts found: the file is blank"))
            return
        }
        var start = 0
        // A header is the first non-blank line, unless a Posted line follows it: then it is a title.
        if case .text(let first) = lines[nonBlank[0]].kind, let header = PageHeader(line: first) {
            let next = nonBlank.count > 1 ? lines[nonBlank[1]].kind : .blank
            if case .posted = next {} else {
                page.header = header
                start = nonBlank[0] + 1
            }
        }
        let posted = lines.indices.filter { index in
            if index < start { return false }
            if case .posted = lines[index].kind { return true }
            return false
        }
        guard !posted.isEmpty else {
            page.diagnostics.append(Diagnostic(.error, file: file, "no posts found: no “Posted on … by …” line"))
            return
        }
        // Each post's title is the last text line above its Posted line; the body runs to the
        // next post's title (or its Posted line when that post has no title), or to the end.
        var titles: [Int?] = []
        var lowerBound = start
        for p in posted {
            var t = p - 1
            while t >= lowerBound, lines[t].kind == .blank { t -= 1 }
            if t >= lowerBound, case .text = lines[t].kind {
                titles.append(t)
            } else {
                titles.append(nil)
            }
            lowerBound = p + 1
        }
        for (k, p) in posted.enumerated() {
            let end = k + 1 < posted.count ? (titles[k + 1] ?? posted[k + 1]) : lines.count
            guard let t = titles[k], case .text(let title) = lines[t].kind else {
                page.diagnostics.append(Diagnostic(.error, file: file, line: lines[p].number,
                    "“Posted on” line without a title above it; the text up to the next post is skipped"))
                continue
            }
            guard case .posted(let dateText, let author) = lines[p].kind else { continue }
            var (paragraphs, outlet) = body(lines[(p + 1)..<max(p + 1, end)])
            if paragraphs.isEmpty {
                let what = outlet == nil ? "no body" : "only an outlet line and no body"
                page.diagnostics.append(Diagnostic(.error, file: file, line: lines[t].number,
                    "post “\(title.prefix(60))” has a title but \(what); skipped"))
                continue
            }
            var date: PostDate?
            if !dateText.isEmpty {
                date = PostDate(archiveText: dateText)
                if date == nil {
                    page.diagnostics.append(Diagnostic(.warning, file: file, line: lines[p].number,
                        "could not read the date “\(dateText.prefix(40))”; the post is kept without a date"))
                }
            }
            if outlet?.isEmpty == true { outlet = nil }
            var labels: [PostLabel] = []
            if let label = page.header?.label { labels.append(label) }
            if !author.isEmpty { labels.append(PostLabel(.author, author)) }
            page.posts.append(makePost(title: title, paragraphs: paragraphs, outlet: outlet, date: date, labels: labels))
            page.postLines.append(lines[t].number)
        }
    }

    /// Groups body lines into paragraphs and takes a bracketed last paragraph as the outlet.
    private static func body(_ lines: ArraySlice<ArchiveLine>) -> (paragraphs: [String], outlet: String?) {
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
        guard let last = paragraphs.last, let outlet = outletName(last) else { return (paragraphs, nil) }
        paragraphs.removeLast()
        return (paragraphs, outlet)
    }

    /// `[BBC]`, `[[Bloomberg]`, `[ NK News ]]` → the name; anything else → nil.
    static func outletName(_ paragraph: String) -> String? {
        guard paragraph.hasPrefix("["), paragraph.hasSuffix("]"), paragraph.count <= 100 else { return nil }
        let inner = paragraph.drop(while: { $0 == "[" }).reversed().drop(while: { $0 == "]" }).reversed()
        let name = String(inner).trimmingWhitespace()
        guard !name.isEmpty, !name.contains("["), !name.contains("]") else { return nil }
        return name
    }

    /// Builds a post with its content-derived id and the labels, sorted and without duplicates.
    public static func makePost(title: String, paragraphs: [String], outlet: String?, date: PostDate?,
                                labels: [PostLabel]) -> Post {
        let unique = Array(Set(labels)).sorted()
        return Post(
            id: PostIdentity.id(title: title, outlet: outlet, paragraphs: paragraphs),
            title: title, paragraphs: paragraphs, outlet: outlet, date: date,
            categories: unique.filter { $0.kind == .category }.map(\.name),
            tags: unique.filter { $0.kind == .tag }.map(\.name),
            authors: unique.filter { $0.kind == .author }.map(\.name)
        )
    }
}
