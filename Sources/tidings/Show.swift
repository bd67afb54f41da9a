import ArgumentParser
import TidingsCore
import TidingsLibrary

/// `tidings show ID`: one post in full.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one post in full (an id prefix of 4+ characters will do).")

    @OptionGroup var options: LibraryOptions
    @Argument(help: "The post id, as `tidings list` prints it.") var id: String
    @Flag(help: "Print the post as one JSON object.") var json = false

    /// A too-short id is a usage error (64), not a post that was not found.
    func validate() throws {
        if id.count < 4 { throw ValidationError("post id “\(id)” is too short: give at least 4 characters") }
    }

    func run() throws {
        try reporting {
            let library = try options.open()
            let post = try library.post(id: id)
            if json {
                let marks = try library.marks(ofPosts: [post.id])
                try Output.json(
                    PostJSON(
                        post: post, isRead: marks.read.contains(post.id),
                        isBookmarked: marks.bookmarked.contains(post.id)))
                return
            }
            Output.line(post.title)
            let meta = [
                post.categories.joined(separator: ", "), post.authors.joined(separator: ", "),
                post.outlet ?? "", post.date?.iso ?? "", post.tags.map { "#" + $0 }.joined(separator: " "),
            ]
            Output.line(meta.filter { !$0.isEmpty }.joined(separator: " · "))
            Output.line("id \(post.id)")
            if let url = post.url { Output.line("url \(url)") }
            for paragraph in post.paragraphs {
                Output.line("")
                Output.line(paragraph)
            }
        }
    }
}
