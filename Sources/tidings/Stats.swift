import ArgumentParser
import TidingsLibrary

/// `tidings stats`: figures about the library.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show figures about the library.")

    @OptionGroup var options: LibraryOptions
    @Flag(help: "Print the figures as one JSON object.") var json = false

    func run() throws {
        try reporting {
            let library = try options.open()
            let stats = try library.statistics()
            if json {
                try Output.json(stats)
                return
            }
            Output.line("library     \(library.path)")
            Output.line(
                "posts       \(stats.posts) (\(stats.datedPosts) dated\(stats.firstDate.map { ", \($0) to \(stats.lastDate ?? $0)" } ?? ""))"
            )
            Output.line("unread      \(stats.unread)")
            Output.line("bookmarks   \(stats.bookmarks)")
            Output.line("files       \(stats.sources)")
            Output.line("categories  \(stats.categories)")
            Output.line("tags        \(stats.tags)")
            Output.line("authors     \(stats.authors)")
            Output.line("outlets     \(stats.outlets)")
            Output.line("size        \(Stats.megabytes(stats.fileBytes))")
        }
    }

    static func megabytes(_ bytes: Int64) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10) MiB"
    }
}
