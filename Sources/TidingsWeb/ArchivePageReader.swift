import TidingsCore

/// Reads a WordPress-style archive page (stub; filled in next).
struct ArchivePageReader {
    let url: String
    mutating func read(_ root: MarkupElement) -> WebDocument {
        WebDocument(url: url, kind: .pages)
    }
}
