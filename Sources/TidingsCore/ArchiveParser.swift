/// Reads the blog's archive pages (the grammar is in docs/archive-format.md).
///
/// The parser never throws and never gives up on a file because of one bad post: every
/// problem becomes a ``Diagnostic`` naming the line, and every good post is returned.
public enum ArchiveParser {
    /// Parses a file's raw bytes whole; `file` names it in diagnostics. The importer reads
    /// large files a slice at a time instead, with ``ArchiveReader``.
    public static func parse(bytes: [UInt8], file: String) -> ArchivePage {
        var reader = ArchiveReader(bytes: bytes, file: file)
        // Without a limit, the first slice is the whole page.
        return reader.next(maxPosts: .max)
    }

    /// Parses text that is already decoded (tests, generated corpora).
    public static func parse(text: String, file: String) -> ArchivePage {
        parse(bytes: Array(text.utf8), file: file)
    }

    /// `[BBC]`, `[[Bloomberg]`, `[ NK News ]]` → the name; anything else → nil. Public so that
    /// the web readers apply the same rule to a page's or feed item's closing paragraph.
    public static func outletName(_ paragraph: String) -> String? {
        // Every post's last paragraph is asked. A character that begins or ends with another
        // byte is no bracket; in ASCII without a CR (of a CR LF pair, one character), characters
        // are bytes, so the rule is read on the bytes, without Foundation's `contains`.
        guard paragraph.utf8.first == 0x5B, paragraph.utf8.last == 0x5D else { return nil }
        if paragraph.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return asciiOutletName(paragraph) }
        return outletNameInCharacters(paragraph)
    }

    /// ``outletName(_:)`` read on characters, for any text.
    static func outletNameInCharacters(_ paragraph: String) -> String? {
        guard paragraph.hasPrefix("["), paragraph.hasSuffix("]"), paragraph.count <= 100 else { return nil }
        let inner = paragraph.drop(while: { $0 == "[" }).reversed().drop(while: { $0 == "]" }).reversed()
        let name = String(inner).trimmingWhitespace()
        guard !name.isEmpty, !name.contains("["), !name.contains("]") else { return nil }
        return name
    }

    /// ``outletName(_:)`` for ASCII text that begins with `[` and ends with `]`.
    private static func asciiOutletName(_ paragraph: String) -> String? {
        var paragraph = paragraph
        return paragraph.withUTF8 { bytes -> String? in
            guard bytes.count <= 100 else { return nil }
            var lower = 0
            var upper = bytes.count
            while lower < upper, bytes[lower] == 0x5B { lower += 1 }
            while upper > lower, bytes[upper - 1] == 0x5D { upper -= 1 }
            while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
            while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
            let name = UnsafeBufferPointer(rebasing: bytes[lower..<upper])
            guard !name.isEmpty, !name.contains(0x5B), !name.contains(0x5D) else { return nil }
            return String(decoding: name, as: UTF8.self)
        }
    }

    /// Builds a post with its content-derived id and the labels, sorted and without duplicates.
    public static func makePost(
        title: String, paragraphs: [String], outlet: String?, date: PostDate?,
        labels: [PostLabel]
    ) -> Post {
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
