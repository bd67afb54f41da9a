import ArgumentParser
import TidingsCore
import TidingsLibrary

/// `tidings show ID`: one post in full.
struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one post in full (an id prefix of 4+ characters will do).")

    @OptionGroup var options: LibraryOptions
    @Argument(help: "The post id, as `tidings list` prints it.") var id: String
    @Flag(help: "Print the post as one JSON object.") var json = false

    func run() throws {
        try reporting {
            let post = try options.open().post(id: id)
            if json {
                try Output.json(PostJSON(post: post))
                return
            }
            Output.line(post.title)
            let meta = [post.categories.joined(separator: ", "), post.authors.joined(separator: ", "),
                        post.outlet ?? "", post.date?.iso ?? "", post.tags.map { "#" + $0 }.joined(separator: " ")]
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
