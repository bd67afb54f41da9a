/// Turns HTML (a page's `.entry-content`, a feed item's content) into paragraphs.
///
/// The rules (docs/archive-format.md, "Web pages and feeds"): block elements end and start
/// paragraphs; one `<br>` is a line break inside a paragraph (lines join with a space, as in a
/// text archive) and two or more in a row end the paragraph; `pre` keeps its blank lines as
/// paragraph breaks; table cells are separated by spaces and each row is a paragraph; scripts,
/// styles, frames, forms and embedded objects vanish with their content; images vanish (their
/// alt text would read as an `[Outlet]` line at the end of a post); links keep their text.
/// White space collapses and control characters go (``WebText``). Entities were already
/// decoded by the parser.
struct ParagraphConverter {
    private var paragraphs: [String] = []
    private var current = ""
    /// Whether the last thing seen in this paragraph was a `<br>` (white space aside).
    private var afterBreak = false

    /// The paragraphs of `element`'s content.
    static func paragraphs(of element: MarkupElement) -> [String] {
        paragraphs(of: element.children)
    }

    /// The paragraphs of a list of nodes.
    static func paragraphs(of nodes: [MarkupNode]) -> [String] {
        var converter = ParagraphConverter()
        converter.walk(nodes)
        converter.flush()
        return converter.paragraphs
    }

    static let blocks: Set<String> = [
        "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tfoot", "tr", "caption", "section", "article", "header", "footer",
        "aside", "nav", "main", "figure", "figcaption", "address", "hr", "center", "details", "summary",
        "body", "html", "hgroup", "menu", "fieldset", "legend",
    ]

    static let removed: Set<String> = [
        "script", "style", "iframe", "noscript", "form", "button", "input", "select", "textarea", "option",
        "object", "embed", "svg", "math", "template", "head", "title", "meta", "link", "canvas", "audio",
        "video", "map", "frame", "frameset", "applet", "img", "picture", "source", "track", "param", "dialog",
    ]

    private mutating func walk(_ nodes: [MarkupNode]) {
        for node in nodes {
            switch node {
            case .text(let text):
                current += text
                if afterBreak, text.unicodeScalars.contains(where: { !WebText.isSpace($0) }) { afterBreak = false }
            case .element(let element):
                visit(element)
            }
        }
    }

    private mutating func visit(_ element: MarkupElement) {
        let name = element.name.lowercased()
        if Self.removed.contains(name) { return }
        switch name {
        case "br":
            if afterBreak {
                flush()
            } else {
                current += " "
                afterBreak = true
            }
        case "pre":
            flush()
            paragraphs += WebText.paragraphs(plain: element.rawText)
        case "td", "th":
            current += " "
            walk(element.children)
            current += " "
        default:
            if Self.blocks.contains(name) {
                flush()
                walk(element.children)
                flush()
            } else {
                walk(element.children)
            }
        }
    }

    private mutating func flush() {
        let paragraph = WebText.line(current)
        if !paragraph.isEmpty { paragraphs.append(paragraph) }
        current = ""
        afterBreak = false
    }
}
