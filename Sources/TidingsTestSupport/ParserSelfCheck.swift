import TidingsCore

/// The property the parser fuzzer checks, in one place for the fuzzer, its replay tool and
/// the regression tests: any bytes parse without a crash into a consistent page.
///
/// Consistent means one line number per post, and no post without a title or a body (the
/// parser drops those rather than make them).
public enum ParserSelfCheck {
    /// Parses `bytes` as an archive page; returns what is inconsistent, or nil when all holds.
    public static func failure(parsing bytes: [UInt8], file: String = "fuzz-input") -> String? {
        let page = ArchiveParser.parse(bytes: bytes, file: file)
        if page.posts.count != page.postLines.count {
            return "parser: \(page.posts.count) posts but \(page.postLines.count) post lines"
        }
        if let post = page.posts.first(where: { $0.title.isEmpty || $0.paragraphs.isEmpty }) {
            return "parser: a post without a title or a body: \(post.id)"
        }
        return nil
    }
}
