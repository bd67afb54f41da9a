import Testing
import TidingsCore

@testable import TidingsWeb

/// RSS titles holding escaped HTML, and RFC 822 dates written without a space after the day.
@Suite("RSS titles and dates")
struct FeedTitleDateTests {
    static func feed(title: String, date: String) -> [UInt8] {
        Array(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Cartoons</title>
            <item><title>\(title)</title><link>https://cartoons.example/1/</link>
            <pubDate>\(date)</pubDate><description>A chase.</description></item>
            </channel></rss>
            """.utf8)
    }

    @Test("a title in CDATA holding HTML is stored as its text")
    func htmlTitle() throws {
        let document = try WebDocumentReader.read(
            Self.feed(title: "<![CDATA[Tom <em>&amp;</em> Jerry]]>", date: "Tue, 10 May 2019 08:00:00 +0000"),
            url: "https://cartoons.example/feed/", contentType: "application/rss+xml")
        #expect(document.posts.first?.title == "Tom & Jerry")
        let escaped = try WebDocumentReader.read(
            Self.feed(title: "Tom &lt;b&gt;and&lt;/b&gt; Jerry", date: "Tue, 10 May 2019 08:00:00 +0000"),
            url: "https://cartoons.example/feed/", contentType: "application/rss+xml")
        #expect(escaped.posts.first?.title == "Tom and Jerry")
        let plain = try WebDocumentReader.read(
            Self.feed(title: "AT&amp;T and 3 &lt; 4", date: "Tue, 10 May 2019 08:00:00 +0000"),
            url: "https://cartoons.example/feed/", contentType: "application/rss+xml")
        #expect(plain.posts.first?.title == "AT&T and 3 < 4")
    }

    @Test("a date with no space after the day's comma is read")
    func dateWithoutSpace() throws {
        #expect(PostDate(webText: "Tue,10 May 2019 08:00:00 +0000") == PostDate(year: 2019, month: 5, day: 10))
        #expect(PostDate(webText: "Tue, 10 May 2019 08:00:00 +0000") == PostDate(year: 2019, month: 5, day: 10))
        #expect(PostDate(webText: "Tue 10 May 2019") == PostDate(year: 2019, month: 5, day: 10))
        #expect(PostDate(webText: "10 May 19") == PostDate(year: 2019, month: 5, day: 10))
        let document = try WebDocumentReader.read(
            Self.feed(title: "Chase", date: "Tue,10 May 2019 08:00:00 +0000"),
            url: "https://cartoons.example/feed/", contentType: "application/rss+xml")
        #expect(document.posts.first?.date == PostDate(year: 2019, month: 5, day: 10))
        #expect(document.diagnostics.isEmpty)
    }
}
