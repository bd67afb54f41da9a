import ArgumentParser
import TidingsCore
import TidingsLibrary
import TidingsScreen

/// `tidings list`: posts in archive order, for people or (with --json) for scripts.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List posts in archive order.",
        discussion: """
            Names (--category, --tag, --author, --outlet) match as in the search language: \
            case, accents and punctuation do not matter, and part of a name will do when only \
            one name contains it; several candidates are listed (exit 1), and so is a name \
            nothing matches. In a pipe the outlet is printed whole; on a terminal it is cut to \
            a column.
            """)

    @OptionGroup var options: LibraryOptions
    @Option(help: "Only posts in this category.") var category: String?
    @Option(help: "Only posts with this tag.") var tag: String?
    @Option(help: "Only posts by this author.") var author: String?
    @Option(help: "Only posts from this outlet.") var outlet: String?
    @Flag(help: "Only posts not read yet.") var unread = false
    @Flag(help: "Only bookmarked posts.") var bookmarked = false
    @Option(help: ArgumentHelp("Only posts dated on or after this day.", valueName: "yyyy-mm-dd")) var since: String?
    // Unconditional: `--limit -3` is a bad number (said so), not a missing value.
    @Option(parsing: .unconditional, help: "At most this many posts.") var limit: Int?
    @Option(parsing: .unconditional, help: "Skip this many posts first.") var offset: Int = 0
    @Flag(help: "Print JSON Lines: one object per post with all its fields, `read` and `bookmarked`.") var json = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more, not \(limit)") }
        if offset < 0 { throw ValidationError("--offset must be 0 or more, not \(offset)") }
        if let since, PostDate(iso: since) == nil {
            throw ValidationError("--since wants a day as yyyy-mm-dd, such as 2019-05-10, not “\(since)”")
        }
    }

    func run() throws {
        try reporting {
            let library = try options.open()
            // Each name is resolved first, so a typo says so instead of listing nothing.
            func resolve(_ name: String?, _ field: SearchQuery.Filter.Field) throws -> String? {
                try name.map { given throws(LibraryError) in try library.resolveName(given, field: field) }
            }
            let filter = PostFilter(
                category: try resolve(category, .category), tag: try resolve(tag, .tag),
                author: try resolve(author, .author), outlet: try resolve(outlet, .outlet),
                unread: unread, bookmarked: bookmarked, since: since)
            let posts = try library.posts(matching: filter, limit: limit, offset: offset)
            let marks = json ? try library.marks(ofPosts: posts.map(\.id)) : (read: [], bookmarked: [])
            let wholeOutlets = !Output.isTerminal
            for post in posts {
                if json {
                    try Output.json(
                        PostJSON(
                            post: post, isRead: marks.read.contains(post.id),
                            isBookmarked: marks.bookmarked.contains(post.id)))
                } else {
                    Output.line(List.summaryLine(post, wholeOutlet: wholeOutlets))
                }
            }
        }
    }

    /// `id  date  outlet  title  url`, the columns a person scans (the link when there is one);
    /// the outlet is cut to its column on a terminal, whole in a pipe (a script must not get
    /// `Daily NK Kore…`).
    static func summaryLine(_ post: Post, wholeOutlet: Bool = false) -> String {
        let date = post.date?.iso ?? "----------"
        let name = post.outlet ?? "-"
        // padding cleans first
        let outlet = wholeOutlet && name.count > 14 ? Output.visible(name) : name.padding(to: 14)
        return "\(post.id)  \(date)  \(outlet)  \(post.title)" + (post.url.map { "  " + $0 } ?? "")
    }
}

extension String {
    /// The string cleaned (as ``Output`` will print it) and cut or space-padded to `width`
    /// terminal columns, for plain-text columns: counting characters of the raw text let an
    /// outlet with controls or bidi characters (removed on output) or wide letters push the
    /// next column out of line.
    func padding(to width: Int) -> String {
        let clean = Output.visible(self)
        var columns = 0
        var kept = ""
        for character in clean {
            let wide = TextWidth.columns(of: character)
            if columns + wide > width - 1, TextWidth.columns(of: clean) > width {
                return kept + "…" + String(repeating: " ", count: max(0, width - 1 - columns))
            }
            kept.append(character)
            columns += wide
        }
        return kept + String(repeating: " ", count: max(0, width - columns))
    }
}
