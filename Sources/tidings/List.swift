import ArgumentParser
import TidingsCore
import TidingsLibrary
import TidingsScreen

/// `tidings list`: posts in archive order, for people or (with --json) for scripts.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List posts in archive order.")

    @OptionGroup var options: LibraryOptions
    @Option(help: "Only posts in this category.") var category: String?
    @Option(help: "Only posts with this tag.") var tag: String?
    @Option(help: "Only posts by this author.") var author: String?
    @Option(help: "Only posts from this outlet.") var outlet: String?
    @Option(help: "At most this many posts.") var limit: Int?
    @Flag(help: "Print JSON Lines: one object per post with all its fields.") var json = false

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        try reporting {
            let library = try options.open()
            let filter = PostFilter(category: category, tag: tag, author: author, outlet: outlet)
            let posts = try library.posts(matching: filter, limit: limit)
            for post in posts {
                if json {
                    try Output.json(PostJSON(post: post))
                } else {
                    Output.line(List.summaryLine(post))
                }
            }
        }
    }

    /// `id  date  outlet  title`, the columns a person scans.
    static func summaryLine(_ post: Post) -> String {
        let date = post.date?.iso ?? "----------"
        let outlet = (post.outlet ?? "-").padding(to: 14)  // cleaned first: see padding(to:)
        return "\(post.id)  \(date)  \(outlet)  \(post.title)"
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
