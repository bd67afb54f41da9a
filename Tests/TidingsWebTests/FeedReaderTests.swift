import Testing
import TidingsCore
@testable import TidingsWeb

@Suite("RSS and Atom feeds")
struct FeedReaderTests {
    @Test("an RSS 2.0 feed with content:encoded gives every item as a post")
    func rss() throws {
        let url = FixtureSite.url("feed/")
        let document = try WebDocumentReader.read(try FixtureSite.bytes("feed/index.xml"), url: url,
                                                   contentType: "application/rss+xml; charset=UTF-8")
        #expect(document.kind == .feed)
        #expect(document.title == "Peninsula Watch")
        #expect(document.nextPage == nil)
        #expect(document.posts.count == 3)
        let first = try #require(document.posts.first)
        #expect(first.title == "Pyongyang opens a second ferry route to Nampho")
        #expect(first.url == "https://peninsula-watch.example/2026/09/14/pyongyang-opens-a-second-ferry-route/")
        #expect(first.date == PostDate(year: 2026, month: 9, day: 14))
        #expect(first.authors == ["Grant Montgomery"])
        #expect(first.categories == ["DPRK Government", "Transport"])
        #expect(first.outlet == "Yonhap")
        #expect(first.paragraphs.count == 3)
        #expect(first.paragraphs[0].hasPrefix("State media said on Monday that a second passenger ferry now runs between the capital’s Taedong"))
        #expect(first.paragraphs[1].contains("“built entirely by the workers of the Ryongampo shipyard”"))
        #expect(first.id == PostIdentity.id(title: first.title, outlet: "Yonhap", paragraphs: first.paragraphs))

        let second = document.posts[1]
        #expect(second.date == PostDate(year: 2026, month: 9, day: 13), "the day as written, in its own zone")
        #expect(second.paragraphs[1] == "One trader said early maize from cooperative farms had reached the markets weeks ahead of last year’s. Others were more cautious.")
        #expect(second.outlet == "Daily NK")

        // No content:encoded: the description; no [Outlet] paragraph: no outlet; a relative link resolved.
        let third = document.posts[2]
        #expect(third.paragraphs == ["A spokesman called the findings “a fabrication”."])
        #expect(third.outlet == nil)
        #expect(third.url == "http://127.0.0.1:8080/2026/09/12/foreign-ministry-rejects-un-report/")
        #expect(document.diagnostics.isEmpty)
    }
}
