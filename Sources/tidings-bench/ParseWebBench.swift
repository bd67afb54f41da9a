import ArgumentParser
import Foundation
import TidingsCore
import TidingsTestSupport
import TidingsWeb

/// `tidings-bench parse-web`: times `WebDocumentReader` on a large generated RSS feed
/// (`content:encoded` HTML, about 5 KB an item), without the network or the database.
struct ParseWebBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-web",
        abstract: "Time reading a generated RSS feed (HTML content) into posts, on one thread.")
    @Option(help: "Items in the feed.") var items = 1_000
    @Option(help: "Bytes of HTML content per item (roughly).") var itemBytes = 5_000
    @Option(help: "Timed runs; the median is reported.") var runs = 5
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(help: "Also write the feed to this file.") var out: String?

    func run() throws {
        let feed = Self.feed(items: items, itemBytes: itemBytes, seed: seed)
        if let out { try Data(feed).write(to: URL(fileURLWithPath: out)) }
        var times: [Double] = []
        var posts = 0
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            let document = try WebDocumentReader.read(
                feed, url: "http://127.0.0.1/bench/feed/", contentType: "application/rss+xml")
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            posts = document.posts.count
        }
        times.sort()
        print(
            String(
                format:
                    "parse-web: %d items, %.1f MB feed → %d posts; median %.3f s, best %.3f s over %d runs (one thread)",
                items, Double(feed.count) / 1e6, posts, times[times.count / 2], times[0], times.count))
    }

    /// An RSS 2.0 feed of `items` generated stories, each item's HTML padded with the following
    /// stories' paragraphs to about `itemBytes`.
    static func feed(items: Int, itemBytes: Int, seed: UInt64) -> [UInt8] {
        let generator = CorpusGenerator(posts: max(items, 100), pages: max(1, max(items, 100) / 100), seed: seed)
        var stories: [Post] = []
        for index in 0..<generator.pages where stories.count < items + 20 {
            stories += ArchiveParser.parse(text: generator.page(index), file: "bench").posts
        }
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Tidings bench feed</title><link>http://127.0.0.1/bench/</link>

            """
        for index in 0..<items {
            let post = stories[index % stories.count]
            var html = ""
            var next = index
            while html.utf8.count < itemBytes {
                for paragraph in stories[next % stories.count].paragraphs {
                    html += "<p>" + RSSFeed.escaped(paragraph).replacingOccurrences(of: "]]>", with: "]] >") + "</p>\n"
                }
                next += 1
            }
            html += "<p>[\(post.outlet ?? "Tidings")]</p>"
            out += "<item><title>" + RSSFeed.escaped(post.title) + " \(index)</title>\n"
            out += "<link>http://127.0.0.1/bench/\(index)/</link>\n"
            for author in post.authors { out += "<dc:creator>" + RSSFeed.escaped(author) + "</dc:creator>\n" }
            for category in post.categories { out += "<category>" + RSSFeed.escaped(category) + "</category>\n" }
            if let date = post.date { out += "<pubDate>" + RSSFeed.rfc822(date) + "</pubDate>\n" }
            out += "<content:encoded><![CDATA[" + html + "]]></content:encoded>\n</item>\n"
        }
        out += "</channel></rss>\n"
        return Array(out.utf8)
    }
}
