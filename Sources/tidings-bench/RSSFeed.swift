import Foundation
import TidingsCore
import TidingsTestSupport

/// Writes the posts of a generated corpus as one RSS 2.0 file, for feeding the same posts to
/// another reader. Streamed: pages are parsed one at a time and items written as they come,
/// so memory stays small whatever the size; a story repeated on an author page is written once.
enum RSSFeed {
    /// The feed's title, which the peer's feed list shows.
    static let title = "Tidings benchmark corpus"

    /// Writes the corpus in `folder` (pages named by `generator`) to `path`; returns the
    /// number of items and the file's size in bytes.
    static func write(
        corpus folder: String, generator: CorpusGenerator, to path: String
    ) throws -> (items: Int, bytes: Int64) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw BenchError("cannot write \(path)") }
        defer { try? handle.close() }
        var out = ""
        var written: Int64 = 0
        func flush(force: Bool = false) throws {
            guard force || out.utf8.count >= 1 << 20 else { return }
            let data = Data(out.utf8)
            try handle.write(contentsOf: data)
            written += Int64(data.count)
            out = ""
        }
        out += """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0">
            <channel>
            <title>\(title)</title>
            <link>https://example.invalid/tidings-bench</link>
            <description>\(generator.posts) generated posts (seed \(generator.seed))</description>

            """
        var seen = Set<String>()
        for index in 0..<generator.pages {
            let file = folder + "/" + generator.fileName(ofPage: index)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            for post in ArchiveParser.parse(bytes: bytes, file: file).posts where seen.insert(post.id).inserted {
                item(post, into: &out)
                try flush()
            }
        }
        out += "</channel>\n</rss>\n"
        try flush(force: true)
        return (seen.count, written)
    }

    /// One `<item>`: title, description (the paragraphs as HTML), author, categories, the
    /// date when the post has one, and the post's id as a guid that is not a link.
    static func item(_ post: Post, into out: inout String) {
        out += "<item>\n<title>" + escaped(post.title) + "</title>\n"
        let html = post.paragraphs.map { "<p>" + escaped($0) + "</p>" }.joined()
        out += "<description>" + escaped(html) + "</description>\n"
        for author in post.authors { out += "<author>" + escaped(author) + "</author>\n" }
        for category in post.categories { out += "<category>" + escaped(category) + "</category>\n" }
        if let date = post.date { out += "<pubDate>" + rfc822(date) + "</pubDate>\n" }
        out += "<guid isPermaLink=\"false\">" + escaped(post.id) + "</guid>\n</item>\n"
    }

    /// Text made safe for XML content and attributes; characters XML 1.0 cannot hold at all
    /// (C0 controls other than tab, newline and return) are dropped.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// `Fri, 10 May 2019 00:00:00 +0000`: RFC 822 with a four-digit year, as RSS 2.0 asks.
    static func rfc822(_ date: PostDate) -> String {
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        // Sakamoto's day of the week (0 = Sunday).
        let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
        let y = date.month < 3 ? date.year - 1 : date.year
        let weekday = (y + y / 4 - y / 100 + y / 400 + offsets[date.month - 1] + date.day) % 7
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        return "\(days[weekday]), \(day) \(months[date.month - 1]) \(date.year) 00:00:00 +0000"
    }
}
