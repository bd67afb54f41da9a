import TidingsCore

/// Reads a WordPress-style archive page (category, tag, author or date archive, search
/// results, front page) from the markup WordPress themes use.
///
/// Each `article` (or `.post`, `.hentry`) is a post: the `.entry-title` link (or
/// `rel="bookmark"`) gives the title and permalink, `<time datetime>` (or `.published`,
/// `.entry-date`) the date, `.author.vcard`, `rel="author"` or `.byline` the authors,
/// `rel="category tag"`/`.cat-links` and `rel="tag"`/`.tags-links` the labels, `.entry-content`
/// (or `.entry-summary`) the paragraphs, the last of which may be the `[Outlet]`. The page
/// header (`h1.page-title`, `.archive-title`) is read with the text format's rule
/// (``PageHeader/init(line:)``) and labels every post. Ids come from ``PostIdentity`` as in the
/// text archive, so the same story read from either is one post.
struct ArchivePageReader {
    let url: String
    private(set) var diagnostics: [Diagnostic] = []

    init(url: String) {
        self.url = url
    }

    mutating func read(_ root: MarkupElement) -> WebDocument {
        let baseHref = root.first { $0.name == "base" && $0.attribute("href") != nil }?.attribute("href")
        let base = WebLink.resolve(baseHref, against: url, documentURL: url) ?? url
        var document = WebDocument(url: url, kind: .pages)

        let headerText = root.first { $0.hasClass("page-title") || $0.hasClass("archive-title") }?.text
        document.header = headerText.flatMap { PageHeader(line: $0) }
        let pageTitle = root.first { $0.name == "title" }?.text
        document.title = [headerText, pageTitle].compactMap { $0 }.first { !$0.isEmpty }
        document.nextPage = WebLink.resolve(nextPage(root), against: base, documentURL: url)

        let articles = root.all(where: Self.isPost, nested: false)
        for article in articles {
            if let post = post(article, base: base, header: document.header) { document.posts.append(post) }
        }
        document.diagnostics = diagnostics
        return document
    }

    static func isPost(_ element: MarkupElement) -> Bool {
        if element.name == "article" { return true }
        guard element.name != "body", element.name != "html" else { return false }
        return element.hasClass("hentry") || element.hasClass("post")
    }

    /// `<link rel="next">`, else a `next` pagination link, else "Older posts" (`.nav-previous a`).
    private func nextPage(_ root: MarkupElement) -> String? {
        if let link = root.first(where: {
            ($0.name == "link" || $0.name == "a") && $0.hasRel("next") && $0.attribute("href") != nil
        }) {
            return link.attribute("href")
        }
        if let link = root.first(where: { $0.name == "a" && $0.hasClass("next") && $0.attribute("href") != nil }) {
            return link.attribute("href")
        }
        let older = root.first { $0.hasClass("nav-previous") }?.first { $0.name == "a" && $0.attribute("href") != nil }
        return older?.attribute("href")
    }

    private mutating func post(_ article: MarkupElement, base: String, header: PageHeader?) -> Post? {
        let line = article.line > 0 ? article.line : nil
        let titleElement = article.first { $0.hasClass("entry-title") }
        let titleLink = titleElement?.first { $0.name == "a" && $0.attribute("href") != nil }
        let bookmark =
            titleLink ?? article.first { $0.name == "a" && $0.hasRel("bookmark") && $0.attribute("href") != nil }
        let title = [titleElement?.text, bookmark?.text].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        guard !title.isEmpty else {
            diagnostics.append(Diagnostic(.warning, file: url, line: line, "a post without a title was skipped"))
            return nil
        }

        var labels = header?.label.map { [$0] } ?? []
        labels += authors(article).map { PostLabel(.author, $0) }
        let cats = Set(article.all { $0.hasClass("cat-links") }.flatMap { $0.all { $0.name == "a" } }.map(\.text))
            .union(article.all { $0.name == "a" && $0.hasRel("category") }.map(\.text))
        let tags = Set(article.all { $0.hasClass("tags-links") }.flatMap { $0.all { $0.name == "a" } }.map(\.text))
            .union(article.all { $0.name == "a" && $0.hasRel("tag") && !$0.hasRel("category") }.map(\.text))
            .subtracting(cats)
        labels += cats.filter { !$0.isEmpty }.map { PostLabel(.category, $0) }
        labels += tags.filter { !$0.isEmpty }.map { PostLabel(.tag, $0) }

        var date: PostDate?
        if let dateText = dateText(article) {
            date = PostDate(webText: dateText)
            if date == nil {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: url, line: line,
                        "“\(dateText)” is not a date Tidings can read; the post has no date"))
            }
        }

        let content = article.first { $0.hasClass("entry-content") } ?? article.first { $0.hasClass("entry-summary") }
        let paragraphs = content.map { ParagraphConverter.paragraphs(of: $0.removing(where: Self.isChrome)) } ?? []
        let (body, outlet) = WebPost.splitOutlet(paragraphs)
        var post = ArchiveParser.makePost(title: title, paragraphs: body, outlet: outlet, date: date, labels: labels)
        post.url = WebLink.resolve(bookmark?.attribute("href"), against: base, documentURL: url)
        return post
    }

    /// Theme furniture inside a post's content that a reader never sees as the story.
    static func isChrome(_ element: MarkupElement) -> Bool {
        element.hasClass("screen-reader-text") || element.hasClass("sharedaddy") || element.hasClass("jp-relatedposts")
            || element.hasClass("post-edit-link") || element.hasClass("more-link")
    }

    private func authors(_ article: MarkupElement) -> [String] {
        var names = article.all { $0.hasClass("author") && $0.hasClass("vcard") }.map { vcard in
            (vcard.first { $0.hasClass("fn") } ?? vcard).text
        }
        names += article.all { $0.name == "a" && $0.hasRel("author") }.map(\.text)
        if names.isEmpty, let byline = article.first(where: { $0.hasClass("byline") })?.text {
            var name = byline[...]
            if name.lowercased().hasPrefix("by ") { name = name.dropFirst(3) }
            names.append(WebText.line(String(name)))
        }
        return names.filter { !$0.isEmpty }
    }

    private func dateText(_ article: MarkupElement) -> String? {
        let times = article.all { $0.name == "time" && $0.attribute("datetime") != nil }
        if let time = times.first(where: { $0.hasClass("published") }) ?? times.first(where: {
            $0.hasClass("entry-date")
        })
            ?? times.first
        {
            return time.attribute("datetime")
        }
        return article.first { $0.hasClass("published") || $0.hasClass("entry-date") }?.text
    }
}

extension MarkupElement {
    /// A copy without the descendants for which `remove` holds.
    func removing(where remove: (MarkupElement) -> Bool) -> MarkupElement {
        var copy = self
        copy.children = children.compactMap { node in
            guard case .element(let element) = node else { return node }
            return remove(element) ? nil : .element(element.removing(where: remove))
        }
        return copy
    }
}
