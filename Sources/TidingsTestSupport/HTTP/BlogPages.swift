import Foundation

/// A story as the generated blog pages and feeds show it.
public struct BlogStory: Sendable, Equatable {
    public var title: String
    public var paragraphs: [String]
    public var outlet: String
    /// `YYYY-MM-DD`.
    public var date: String
    public var author: String
    public var categories: [String]
    /// The story's permalink.
    public var url: String

    public init(
        title: String, paragraphs: [String], outlet: String, date: String, author: String,
        categories: [String], url: String
    ) {
        self.title = title
        self.paragraphs = paragraphs
        self.outlet = outlet
        self.date = date
        self.author = author
        self.categories = categories
        self.url = url
    }

    /// The story as a page of the text archive format shows it (without the page header).
    public var archiveText: String {
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ]
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let written = parts.count == 3 ? "\(months[parts[1] - 1]) \(parts[2]), \(parts[0])" : ""
        return "\(title)\n\nPosted on \(written) by \(author)\n\n" + paragraphs.map { $0 + "\n\n" }.joined()
            + "[\(outlet)]\n\n"
    }
}

/// Blog pages and feeds in the markup WordPress themes use, generated for tests and the bench
/// that need many pages or pages that change (the fixed fixture site is `Tests/FixtureSite/`).
public enum BlogPages {
    /// `count` distinct stories, numbered from `first`, in category `category`.
    public static func stories(
        _ count: Int, first: Int = 1, category: String = "Economy", site: String = "https://blog.example"
    ) -> [BlogStory] {
        (first..<(first + count)).map { n in
            BlogStory(
                title: "Market report number \(n) from the border towns",
                paragraphs: [
                    "Traders in the border town \(n) reported steady prices on Monday.",
                    "Rice and corn were sold at the usual rates, story \(n) said.",
                ],
                outlet: ["Reuters", "Daily NK", "NK News"][n % 3],
                date: String(format: "2024-%02d-%02d", 1 + n % 12, 1 + n % 28),
                author: ["Jane Holloway", "Min-jun Park"][n % 2],
                categories: [category],
                url: "\(site)/\(2024)/story-\(n)/")
        }
    }

    /// One archive listing page: a category header, the stories, and a next-page link.
    public static func listing(_ stories: [BlogStory], header category: String, next: String?) -> [UInt8] {
        var html = """
            <!DOCTYPE html>
            <html lang="en-US"><head><meta charset="UTF-8">
            <title>\(escaped(category)) | North Korea News Blog</title>

            """
        if let next { html += "<link rel=\"next\" href=\"\(escaped(next))\">\n" }
        html += """
            </head><body class="archive category">
            <div id="page" class="site"><main id="main" class="site-main">
            <header class="page-header"><h1 class="page-title">Category: <span>\(escaped(category))</span></h1></header>

            """
        for story in stories {
            html += """
                <article class="post type-post status-publish hentry">
                <header class="entry-header"><h2 class="entry-title"><a href="\(escaped(story.url))" rel="bookmark">\(escaped(story.title))</a></h2>
                <div class="entry-meta"><span class="posted-on">Posted on <a href="\(escaped(story.url))" rel="bookmark"><time class="entry-date published" datetime="\(story.date)T08:00:00+00:00">\(story.date)</time></a></span>
                <span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/x/" rel="author">\(escaped(story.author))</a></span></span></div>
                </header>
                <div class="entry-content">
                \(story.paragraphs.map { "<p>" + escaped($0) + "</p>" }.joined(separator: "\n"))
                <p>[\(escaped(story.outlet))]</p>
                </div>
                <footer class="entry-footer"><span class="cat-links">Posted in \(story.categories.map { "<a href=\"/category/x/\" rel=\"category tag\">" + escaped($0) + "</a>" }.joined(separator: ", "))</span></footer>
                </article>

                """
        }
        if let next {
            html +=
                "<nav class=\"navigation posts-navigation\"><div class=\"nav-previous\"><a href=\"\(escaped(next))\">Older posts</a></div></nav>\n"
        }
        html += "</main></div></body></html>\n"
        return Array(html.utf8)
    }

    /// Serves `stories` (newest first) as a listing under `/name/`, `/name/page/2/`…
    public static func serveListing(
        _ name: String, _ stories: [BlogStory], perPage: Int, category: String = "Economy",
        on server: FixtureServer
    ) {
        let chunks = stride(from: 0, to: stories.count, by: perPage).map {
            Array(stories[$0..<min($0 + perPage, stories.count)])
        }
        for (index, chunk) in chunks.enumerated() {
            let path = index == 0 ? "/\(name)/" : "/\(name)/page/\(index + 1)/"
            let next = index + 1 < chunks.count ? "/\(name)/page/\(index + 2)/" : nil
            server.route(
                path, .content(listing(chunk, header: category, next: next), contentType: "text/html; charset=UTF-8"))
        }
    }

    /// An RSS 2.0 feed with `content:encoded`, `dc:creator` and categories.
    public static func rss(_ stories: [BlogStory], title: String = "North Korea News Blog") -> [UInt8] {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>\(escaped(title))</title><link>https://blog.example/</link><description>Feed</description>

            """
        for story in stories {
            let html =
                (story.paragraphs.map { "<p>" + escaped($0) + "</p>" } + ["<p>[" + escaped(story.outlet) + "]</p>"])
                .joined()
            xml += "<item><title>\(escaped(story.title))</title><link>\(escaped(story.url))</link>"
            xml += "<dc:creator><![CDATA[\(story.author)]]></dc:creator>"
            for category in story.categories { xml += "<category><![CDATA[\(category)]]></category>" }
            xml += "<pubDate>\(rfc822(story.date))</pubDate>"
            xml += "<content:encoded><![CDATA[\(html)]]></content:encoded></item>\n"
        }
        xml += "</channel></rss>\n"
        return Array(xml.utf8)
    }

    static func rfc822(_ date: String) -> String {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return "" }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = parts[2] < 10 ? "0\(parts[2])" : "\(parts[2])"
        var components = DateComponents()
        components.year = parts[0]
        components.month = parts[1]
        components.day = parts[2]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let weekday = calendar.date(from: components).map { calendar.component(.weekday, from: $0) } ?? 1
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return "\(days[weekday - 1]), \(day) \(months[parts[1] - 1]) \(parts[0]) 08:00:00 +0000"
    }

    /// Text safe in HTML and XML content and attribute values.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
