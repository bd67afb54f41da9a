import ArgumentParser
import Foundation
import TidingsCore
import TidingsLibrary

/// `tidings search QUERY...`: ranked full-text search for scripts and people.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the posts' titles and text.",
        discussion: """
            The query language (docs/search.md): all words must match; "exact phrases"; -word \
            leaves out posts with the word; a OR b; word* for a prefix; title:word, \
            author:name, outlet:name (or source:), category:name, tag:name. Case and accents \
            do not matter; two or more Korean syllables are also found inside longer words.

            Each result is `ID  OUTLET  TITLE` and an indented snippet, matches between [ and ]. \
            --json prints JSON Lines: the post as `tidings list --json` prints it, plus \
            "snippet" (marked the same way) and "score" (higher is better; null in archive order).

            Exit status: 0 when something matched; 1 when nothing did; 64 for an empty query.
            """)

    @OptionGroup var options: LibraryOptions
    // Words starting with `-` are exclusions, not options: collect whatever is not ours.
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "The query (several words are joined with spaces).",
            valueName: "query"))
    var words: [String] = []
    @Option(help: "At most this many results.") var limit = 20
    @Option(help: ArgumentHelp("relevance (best first) or archive (archive order).", valueName: "order"))
    var order: SearchOrder = .relevance
    @Flag(help: "Print JSON Lines: one object per result.") var json = false

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        try reporting {
            let query = SearchQuery(words.joined(separator: " "))
            if query.isEmpty {
                let why = query.hints.isEmpty ? "" : " (" + query.hints.joined(separator: "; ") + ")"
                throw Failure("nothing to search for\(why); try `tidings search WORDS`", status: 64)
            }
            let library = try options.open()
            let page: SearchPage
            do throws(SearchError) {
                page = try library.search(query, order: order, limit: limit, snippets: true)
            } catch {
                switch error {
                case .library(let failure): throw Failure(failure)
                case .unsearchable(let hint): throw Failure(hint, status: 64)
                case .cancelled: throw Failure("the search was cancelled", status: 74)
                }
            }
            for hint in page.hints { Output.info("tidings: note: " + hint) }
            let highlighter = SearchHighlighter(query)
            for row in page.rows {
                if json {
                    try Output.json(SearchResultJSON(post: try library.post(id: row.id), row: row))
                } else {
                    let outlet = (row.outlet ?? "-").padding(to: 14)
                    Output.line(
                        "\(row.id)  \(outlet)  "
                            + SearchSnippet(text: row.title, matches: highlighter.matches(in: row.title, isTitle: true))
                            .marked())
                    if let snippet = row.snippet { Output.line("    " + snippet.marked()) }
                    if let url = try library.post(id: row.id).url { Output.line("    " + url) }
                }
            }
            if (page.total ?? page.rows.count) == 0 { throw ExitCode(1) }
        }
    }
}

extension SearchOrder: ExpressibleByArgument {}

/// A search result as `--json` prints it: the post as `list --json` has it, plus the
/// snippet (matches between `[` and `]`) and the score (null in archive order).
struct SearchResultJSON: Encodable {
    var post: Post
    var row: SearchRow

    enum Key: String, CodingKey {
        case snippet, score
    }

    func encode(to encoder: any Encoder) throws {
        try PostJSON(post: post).encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(row.snippet?.marked(), forKey: .snippet)
        // Four decimals are plenty to compare scores and keep lines short.
        try container.encode(row.score.map { ($0 * 10_000).rounded() / 10_000 }, forKey: .score)
    }
}
