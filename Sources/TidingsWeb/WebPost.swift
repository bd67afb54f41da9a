import TidingsCore

/// Rules shared by the page and feed readers.
enum WebPost {
    /// The body without its closing `[Outlet]` paragraph, and that outlet, by the text
    /// archive's own rule (``ArchiveParser/outletName(_:)``).
    static func splitOutlet(_ paragraphs: [String]) -> (body: [String], outlet: String?) {
        guard let last = paragraphs.last, let outlet = ArchiveParser.outletName(last) else { return (paragraphs, nil) }
        return (Array(paragraphs.dropLast()), outlet)
    }
}

/// Escaped HTML from a feed (`description`, `content:encoded`, Atom `type="html"`): parsed as
/// an HTML document of its own, then converted.
enum HTMLFragment {
    static func paragraphs(_ html: String) -> [String] {
        guard html.unicodeScalars.contains(where: { !WebText.isSpace($0) }) else { return [] }
        guard let root = LibXML.parseHTML(Array(html.utf8), encoding: "UTF-8") else { return [] }
        return ParagraphConverter.paragraphs(of: root)
    }
}
