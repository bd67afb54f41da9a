import ArgumentParser
import TidingsFeeds
import TidingsLibrary

/// `tidings fetch URL...`: reads feeds and pages into the library and follows them as sources.
struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch feeds or blog pages (http, https or file URLs) and follow them as sources.",
        discussion: """
            Each URL may be a feed (RSS or Atom) or a page of posts (a category, tag, author or date \
            archive, the front page); they are told apart by content. Pages are followed through \
            their next-page links up to --pages. Prints one line per source: posts new, updated and \
            unchanged, and pages read (`failed` when it failed: the reason goes to stderr in one \
            line naming the URL). A progress line goes to stderr when it is a terminal. Exit status 69 when a source could not be \
            reached (refused, DNS, timeout, 5xx, TLS), 65 when what it sent could not be read; every \
            other source is fetched and stored all the same.
            """)

    @OptionGroup var options: LibraryOptions
    @OptionGroup var web: WebOptions
    @Argument(help: ArgumentHelp("Feed or page addresses.", valueName: "url")) var urls: [String]

    func run() throws {
        try reporting {
            let library = try options.open(mayCreate: true)
            let updater = web.updater(library)
            let urls = self.urls
            let progress = WebRun.progressLine(sources: urls.count)
            let reports = BlockingWait.wait { await updater.fetch(urls, progress: progress) }
            WebRun.endProgress()
            try WebRun.print(reports, json: web.json)
            if let status = WebRun.exitStatus(reports) { throw ExitCode(status) }
        }
    }
}

/// `tidings update`: fetches every source again, politely, and says what is new.
struct Update: ParsableCommand {
    /// New posts listed after the summary at most; the rest are counted.
    static let listedAtMost = 50

    /// Lists the new posts as `tidings list` does (`id  date  outlet  title  url`).
    static func listNew(_ ids: [String], in library: Library) {
        for id in ids.prefix(listedAtMost) {
            if let post = try? library.post(id: id) { Output.line("+ " + List.summaryLine(post)) }
        }
        if ids.count > listedAtMost { Output.line("… and \(ids.count - listedAtMost) more (tidings list)") }
    }

    static let configuration = CommandConfiguration(
        abstract: "Fetch every source again and say what is new.",
        discussion: """
            Asks each server whether anything changed (If-None-Match, If-Modified-Since) and reads a \
            listing's pages only until it reaches posts it already has (deeper when the last run was \
            cut short). At most 4 sources at once, one per host. Prints one line per source, the \
            number of new posts, then each new post (`+ id  date  outlet  title  url`). Exit \
            statuses as for `fetch`.
            """)

    @OptionGroup var options: LibraryOptions
    @OptionGroup var web: WebOptions

    func run() throws {
        try reporting {
            let library = try options.open()
            let updater = web.updater(library)
            let count = try library.webSources().count
            let progress = WebRun.progressLine(sources: count)
            let outcome = BlockingWait.wait { () async -> Result<[SourceReport], LibraryError> in
                do throws(LibraryError) {
                    return .success(try await updater.update(progress: progress))
                } catch {
                    return .failure(error)
                }
            }
            WebRun.endProgress()
            let reports = try outcome.get()
            try WebRun.print(reports, json: web.json)
            if !web.json {
                let new = reports.reduce(0) { $0 + $1.new }
                Output.line(
                    "\(new) new post\(new == 1 ? "" : "s") from \(reports.count) source\(reports.count == 1 ? "" : "s")"
                )
                Update.listNew(reports.flatMap(\.newIDs), in: library)
            }
            if let status = WebRun.exitStatus(reports) { throw ExitCode(status) }
        }
    }
}
