import TidingsCore

/// What must hold for any input to ``WebDocumentReader``, whatever its bytes: the fuzzer's
/// check (`tidings-fuzz web`) and the regression tests' replay of its findings.
public enum WebSelfCheck {
    /// Reads `bytes`; nil when the result is consistent, else what is wrong.
    public static func failure(
        reading bytes: [UInt8], url: String = "http://127.0.0.1/fuzz",
        contentType: String? = nil
    ) -> String? {
        let document: WebDocument
        do {
            document = try WebDocumentReader.read(bytes, url: url, contentType: contentType)
        } catch {
            if error.url != url { return "the error names \(error.url), not \(url)" }
            if error.reason.isEmpty { return "an error without a reason" }
            return nil
        }
        if document.url != url { return "the document names \(document.url), not \(url)" }
        // A feed may be empty (a new blog's); a page without posts is an error.
        if document.kind == .pages, document.posts.isEmpty { return "a page without posts was returned, not thrown" }
        if document.kind == .feed, document.nextPage != nil { return "a feed with a next page" }
        for diagnostic in document.diagnostics where diagnostic.file != url {
            return "a diagnostic names \(diagnostic.file)"
        }
        for post in document.posts {
            if post.title.isEmpty { return "a post without a title" }
            if post.id != PostIdentity.id(title: post.title, outlet: post.outlet, paragraphs: post.paragraphs) {
                return "post “\(post.title)”: its id is not its content's"
            }
            let texts =
                [post.title, post.outlet ?? "", post.url ?? ""] + post.paragraphs + post.authors
                + post.categories + post.tags
            for text in texts where text.unicodeScalars.contains(where: WebText.isControl) {
                return "post “\(post.title)”: a control character in “\(text.prefix(40))”"
            }
            for paragraph in post.paragraphs where paragraph.isEmpty || paragraph != WebText.line(paragraph) {
                return "post “\(post.title)”: a paragraph not collapsed and trimmed"
            }
        }
        return nil
    }
}
