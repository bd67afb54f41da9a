import ArgumentParser
import Foundation
import TidingsCore
import TidingsFeeds
import TidingsLibrary
import TidingsTestSupport

/// `tidings-bench fetch`: the web path on a local server (TidingsTestSupport's FixtureServer).
///
/// Two figures: a fresh library fetching one RSS feed of `--items` items of about 5 KB each
/// (served, parsed and stored, 1,000 new posts), and `update` of `--sources` sources on as
/// many hosts that all answer 304.
struct FetchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch", abstract: "Time fetching a large feed and updating unchanged sources on a local server.")
    @Option(help: "Items in the large feed.") var items = 1_000
    @Option(help: "Unchanged sources to update.") var sources = 20
    @Option(help: "Runs of each measurement; the median is reported.") var runs = 5
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let feed = Self.feed(items: items)
        let server = try FixtureServer(root: nil)
        server.route("/feed/", .content(feed, contentType: "application/rss+xml; charset=utf-8"))
        var parse: [Double] = []
        var fetch: [Double] = []
        var http: [Double] = []
        var store: [Double] = []
        let client = HTTPClient()
        for _ in 0..<runs {
            let requested = DispatchTime.now()
            _ = BlockingWait.wait { try? await client.fetch(FetchRequest(url: server.url("/feed/"))) }
            http.append(Self.seconds(since: requested))
            let start = DispatchTime.now()
            let document = try WebUpdater.standardReader(feed, server.url("/feed/"), "application/rss+xml")
            parse.append(Self.seconds(since: start))
            try Self.withLibrary { library in
                let start = DispatchTime.now()
                _ = try library.storeWebPage(document.page, source: server.url("/feed/"))
                store.append(Self.seconds(since: start))
            }
            try Self.withLibrary { library in
                let updater = WebUpdater(library: library, client: HTTPClient(), reader: WebUpdater.standardReader)
                let start = DispatchTime.now()
                let reports = BlockingWait.wait { await updater.fetch([server.url("/feed/")]) }
                fetch.append(Self.seconds(since: start))
                guard reports[0].error == nil, reports[0].new == items else {
                    throw BenchError("the feed gave \(reports[0].new) of \(items) posts: \(reports[0].error ?? "")")
                }
            }
        }
        var update: [Double] = []
        var hosts: [FixtureServer] = []
        for index in 0..<sources {
            let host = try FixtureServer(root: nil)
            host.route(
                "/feed/",
                .content(Self.feed(items: 10, offset: 100_000 + index * 10), contentType: "application/rss+xml"))
            hosts.append(host)
        }
        try Self.withLibrary { library in
            let updater = WebUpdater(library: library, client: HTTPClient(), reader: WebUpdater.standardReader)
            let urls = hosts.map { $0.url("/feed/") }
            let first = BlockingWait.wait { await updater.fetch(urls) }
            if let failed = first.first(where: { $0.error != nil }) { throw BenchError(failed.error ?? "") }
            for _ in 0..<runs {
                let start = DispatchTime.now()
                let reports = BlockingWait.wait { (try? await updater.update()) ?? [] }
                update.append(Self.seconds(since: start))
                guard reports.count == sources, reports.allSatisfy(\.notModified) else {
                    throw BenchError("not every source answered 304: \(reports.map(\.line))")
                }
            }
        }
        let result: [String: Double] = [
            "items": Double(items), "feed_mb": Double(feed.count) / 1e6, "parse_seconds": median(parse),
            "http_seconds": median(http), "store_seconds": median(store),
            "fetch_seconds": median(fetch), "sources": Double(sources), "update_304_seconds": median(update),
        ]
        if json {
            try printJSON(result)
        } else {
            print(
                String(
                    format:
                        "fetch: %d-item feed (%.1f MB): HTTP alone %.3f s, parsed alone %.3f s, stored alone %.3f s; fetched+parsed+stored %.3f s; update of %d unchanged sources (304) %.3f s (medians of %d)",
                    items, Double(feed.count) / 1e6, median(http), median(parse), median(store), median(fetch), sources,
                    median(update), runs))
        }
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    private static func withLibrary(_ body: (Library) throws -> Void) throws {
        let folder = NSTemporaryDirectory() + "tidings-bench-fetch-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body(try Library(path: folder + "/library.sqlite"))
    }

    /// An RSS 2.0 feed of generated stories, each with about 5 KB of `content:encoded`.
    static func feed(items: Int, offset: Int = 0) -> [UInt8] {
        let generator = CorpusGenerator(posts: items + offset + 8, pages: 1, seed: 7)
        func story(_ n: Int) -> Post {
            ArchiveParser.parse(bytes: Array(generator.story(n).utf8), file: "story").posts[0]
        }
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Bench feed</title><link>https://bench.example/</link><description>generated</description>

            """
        for index in offset..<(offset + items) {
            let post = story(index)
            var paragraphs = post.paragraphs
            var extra = index + 1
            while paragraphs.joined().utf8.count < 3_900 {
                paragraphs += story(extra).paragraphs
                extra += 1
            }
            let html = paragraphs.map { "<p>" + RSSFeed.escaped($0) + "</p>" }.joined(separator: "\n")
            out += "<item><title>\(RSSFeed.escaped(post.title))</title>"
            out += "<link>https://bench.example/\(index)/</link><guid>https://bench.example/\(index)/</guid>"
            for author in post.authors { out += "<dc:creator>\(RSSFeed.escaped(author))</dc:creator>" }
            for category in post.categories { out += "<category>\(RSSFeed.escaped(category))</category>" }
            if let date = post.date { out += "<pubDate>\(RSSFeed.rfc822(date))</pubDate>" }
            out += "<content:encoded><![CDATA[\(html)]]></content:encoded></item>\n"
        }
        out += "</channel></rss>\n"
        return Array(out.utf8)
    }
}
