import ArgumentParser
import TidingsCore
import TidingsLibrary

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

    /// `id  date  outlet  title  url`, the columns a person scans (the link when there is one).
    static func summaryLine(_ post: Post) -> String {
        let date = post.date?.iso ?? "----------"
        let outlet = (post.outlet ?? "-").padding(to: 14)
        return "\(post.id)  \(date)  \(outlet)  \(post.title)" + (post.url.map { "  " + $0 } ?? "")
    }
}

extension String {
    /// The string cut or space-padded to `width` characters, for plain-text columns.
    func padding(to width: Int) -> String {
        count > width ? String(prefix(width - 1)) + "…" : self + String(repeating: " ", count: width - count)
    }
}
