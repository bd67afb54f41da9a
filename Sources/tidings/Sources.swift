import ArgumentParser
import TidingsLibrary

/// `tidings sources`: the feeds and pages Tidings follows; `sources remove URL` forgets one.
struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the feeds and pages Tidings follows.",
        subcommands: [List.self, Remove.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List each source: title, kind, posts, when it was last fetched and its last error.")

        @OptionGroup var options: LibraryOptions
        @Flag(help: "Print JSON Lines: one object per source.") var json = false

        func run() throws {
            try reporting {
                for source in try options.open().webSources() {
                    if json {
                        try Output.json(SourceJSON(source: source))
                        continue
                    }
                    var line =
                        "\(source.url)  \(source.kind.rawValue)  \(source.posts) post\(source.posts == 1 ? "" : "s")"
                    line += "  \(source.title ?? "-")  fetched \(source.lastFetched ?? "never")"
                    if let error = source.lastError { line += "  error: \(error)" }
                    Output.line(line)
                }
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop following a source; the posts it gave stay in the library.")

        @OptionGroup var options: LibraryOptions
        @Argument(help: "The source's address, as `tidings sources` prints it.") var url: String

        func run() throws {
            try reporting {
                guard try options.open().removeWebSource(url) else {
                    throw Failure("no source \(url) (see `tidings sources`)", status: 1)
                }
                Output.line("removed \(url); its posts stay in the library")
            }
        }
    }
}

/// A source as `sources --json` prints it: every field present, `null` where unknown.
struct SourceJSON: Encodable {
    var source: WebSource

    enum Key: String, CodingKey {
        case url, kind, title, posts, lastFetched, lastError, caughtUp
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(source.url, forKey: .url)
        try container.encode(source.kind.rawValue, forKey: .kind)
        try container.encode(source.title, forKey: .title)
        try container.encode(source.posts, forKey: .posts)
        try container.encode(source.lastFetched, forKey: .lastFetched)
        try container.encode(source.lastError, forKey: .lastError)
        try container.encode(source.isCaughtUp, forKey: .caughtUp)
    }
}
