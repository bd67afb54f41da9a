import Testing
import TidingsCore

@testable import TidingsWeb

@Suite("A large feed")
struct LargeFeedTests {
    @Test("1,000 items, each with escaped HTML content, all read in order with distinct ids")
    func thousandItems() throws {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Big</title>\n"
        for index in 0..<1_000 {
            let paragraphs = (0..<8).map {
                "&lt;p&gt;Item \(index), paragraph \($0): the county committee met again &amp;amp; said little.&lt;/p&gt;"
            }
            xml += "<item><title>Story number \(index)</title><link>/s/\(index)</link>"
            xml += "<pubDate>Mon, \(index % 28 + 1) Sep 2026 08:00:00 +0000</pubDate>"
            xml +=
                "<description>" + paragraphs.joined()
                + "&lt;p&gt;[Outlet \(index % 7)]&lt;/p&gt;</description></item>\n"
        }
        xml += "</channel></rss>\n"
        let document = try WebDocumentReader.read(Array(xml.utf8), url: "http://127.0.0.1:1/big/", contentType: nil)
        #expect(document.posts.count == 1_000)
        #expect(Set(document.posts.map(\.id)).count == 1_000)
        let last = try #require(document.posts.last)
        #expect(last.title == "Story number 999")
        #expect(last.url == "http://127.0.0.1:1/s/999")
        #expect(last.paragraphs.count == 8)
        #expect(last.paragraphs[7] == "Item 999, paragraph 7: the county committee met again & said little.")
        #expect(last.outlet == "Outlet 5")
        #expect(last.date == PostDate(year: 2026, month: 9, day: 20))
        #expect(document.diagnostics.isEmpty)
    }
}
