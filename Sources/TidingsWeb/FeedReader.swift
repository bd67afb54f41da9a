import TidingsCore

/// Reads RSS 2.0 (and 1.0) and Atom 1.0 feeds into posts.
///
/// Content is `content:encoded` over `description` (RSS), `content` over `summary` (Atom), of
/// type text, html (escaped HTML, or CDATA) or xhtml; all of it goes through the one
/// ``ParagraphConverter``. A closing `[Outlet]` paragraph becomes the outlet; without one the
/// post has none (no outlet is invented from the feed's name).
struct FeedReader {
    static let contentNamespace = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCoreNamespace = "http://purl.org/dc/elements/1.1/"

    let url: String
    private(set) var diagnostics: [Diagnostic] = []

    init(url: String) {
        self.url = url
    }

    /// Whether a root element names a feed: `rss`, RSS 1.0's `rdf:RDF`, or Atom's `feed`.
    static func isFeed(rootName name: String) -> Bool {
        name == "rss" || name == "RDF" || name == "feed"
    }

    mutating func read(_ root: MarkupElement) -> WebDocument {
        var document = WebDocument(url: url, kind: .feed)
        if root.name == "feed" {
            let base = WebLink.resolve(root.attribute("xml:base"), against: url, documentURL: url) ?? url
            document.title = atomText(root.child("title")).map { $0.joined(separator: " ") }
            let feedAuthors = root.children("author").compactMap { $0.child("name")?.text }.filter { !$0.isEmpty }
            for entry in root.children("entry") {
                if let post = atomEntry(entry, base: base, feedAuthors: feedAuthors) { document.posts.append(post) }
            }
        } else {
            let channel = root.child("channel")
            document.title = channel?.child("title")?.text
            let items = (channel?.children("item") ?? []) + root.children("item")
            for item in items {
                if let post = rssItem(item) { document.posts.append(post) }
            }
        }
        if document.title?.isEmpty == true { document.title = nil }
        document.diagnostics = diagnostics
        return document
    }

    // MARK: RSS

    private mutating func rssItem(_ item: MarkupElement) -> Post? {
        let title = item.child("title").map { Self.rssTitle($0.text) } ?? ""
        var link = item.child("link")?.text
        if link?.isEmpty ?? true, let guid = item.child("guid"), guid.attribute("isPermaLink") != "false" {
            link = guid.text
        }
        if link?.isEmpty ?? true { link = item.attribute("rdf:about") }
        let dateText = item.child("pubDate")?.text ?? item.child("date", namespace: Self.dublinCoreNamespace)?.text
        var authors = item.children("creator", namespace: Self.dublinCoreNamespace).map(\.text)
        authors += item.children("author").map { Self.rssAuthorName($0.text) }
        let categories = item.children("category").map(\.text)
        var paragraphs: [String] = []
        if let encoded = item.child("encoded", namespace: Self.contentNamespace) {
            paragraphs = HTMLFragment.paragraphs(encoded.rawText)
        }
        if paragraphs.isEmpty, let description = item.child("description") {
            paragraphs = HTMLFragment.paragraphs(description.rawText)
        }
        return makePost(
            title: title, paragraphs: paragraphs, dateText: dateText, link: link, base: url,
            authors: authors, categories: categories, line: item.line)
    }

    /// An RSS title as text: RSS lets a title hold escaped HTML (`Tom <em>&amp;</em> Jerry` in a
    /// CDATA section), so markup or a reference in it goes through the HTML converter as content
    /// does; a title that reads as nothing that way (`a < b`) is kept as written.
    static func rssTitle(_ text: String) -> String {
        guard text.contains("<") || text.contains("&") else { return text }
        let converted = WebText.line(HTMLFragment.paragraphs(text).joined(separator: " "))
        return converted.isEmpty ? text : converted
    }

    /// `editor@example.org (Grant Montgomery)` → `Grant Montgomery`; anything else as it is.
    static func rssAuthorName(_ text: String) -> String {
        if text.hasSuffix(")"), let open = text.firstIndex(of: "(") {
            let name = WebText.line(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
            if !name.isEmpty { return name }
        }
        return text
    }

    // MARK: Atom

    private mutating func atomEntry(_ entry: MarkupElement, base feedBase: String, feedAuthors: [String]) -> Post? {
        let base = WebLink.resolve(entry.attribute("xml:base"), against: feedBase, documentURL: url) ?? feedBase
        let title = atomText(entry.child("title"))?.joined(separator: " ") ?? ""
        let links = entry.children("link")
        let link = (links.first { $0.attribute("rel") == "alternate" } ?? links.first { $0.attribute("rel") == nil })?
            .attribute("href")
        let dateText = entry.child("published")?.text ?? entry.child("updated")?.text
        var authors = entry.children("author").compactMap { $0.child("name")?.text }
        if authors.isEmpty { authors = feedAuthors }
        let categories = entry.children("category").compactMap { category -> String? in
            let label = category.attribute("label").map(WebText.line) ?? ""
            return label.isEmpty ? category.attribute("term").map(WebText.line) : label
        }
        var paragraphs = atomText(entry.child("content")) ?? []
        if paragraphs.isEmpty { paragraphs = atomText(entry.child("summary")) ?? [] }
        return makePost(
            title: title, paragraphs: paragraphs, dateText: dateText, link: link, base: base,
            authors: authors, categories: categories, line: entry.line)
    }

    /// An Atom text construct (`title`, `summary`, `content`) as paragraphs, by its `type`.
    private func atomText(_ element: MarkupElement?) -> [String]? {
        guard let element, element.attribute("src") == nil else { return nil }
        let type = (element.attribute("type") ?? "text").lowercased()
        if type == "xhtml" || type.hasSuffix("xhtml+xml") {
            // The content is a `div` in the XHTML namespace: already a tree, no second parse.
            return ParagraphConverter.paragraphs(of: element)
        }
        if type == "html" || type.hasSuffix("/html") { return HTMLFragment.paragraphs(element.rawText) }
        if type == "text" || type.hasPrefix("text/") { return WebText.paragraphs(plain: element.rawText) }
        return nil
    }

    // MARK: Posts

    private mutating func makePost(
        title: String, paragraphs: [String], dateText: String?, link: String?, base: String,
        authors: [String], categories: [String], line: Int
    ) -> Post? {
        guard !title.isEmpty else {
            diagnostics.append(
                Diagnostic(
                    .warning, file: url, line: line > 0 ? line : nil,
                    "a feed item without a title was skipped"))
            return nil
        }
        var date: PostDate?
        if let dateText, !dateText.isEmpty {
            date = PostDate(webText: dateText)
            if date == nil {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: url, line: line > 0 ? line : nil,
                        "“\(dateText)” is not a date Tidings can read; the post has no date"))
            }
        }
        let (body, outlet) = WebPost.splitOutlet(paragraphs)
        let labels =
            authors.filter { !$0.isEmpty }.map { PostLabel(.author, $0) }
            + categories.filter { !$0.isEmpty }.map { PostLabel(.category, $0) }
        var post = ArchiveParser.makePost(title: title, paragraphs: body, outlet: outlet, date: date, labels: labels)
        post.url = WebLink.resolve(link, against: base, documentURL: url)
        return post
    }
}
