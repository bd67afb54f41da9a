import Testing
import TidingsCore

@testable import TidingsWeb

@Suite("RSS and Atom feeds")
struct FeedReaderTests {
    @Test("an RSS 2.0 feed with content:encoded gives every item as a post")
    func rss() throws {
        let url = FixtureSite.url("feed/")
        let document = try WebDocumentReader.read(
            try FixtureSite.bytes("feed/index.xml"), url: url,
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
        #expect(
            first.paragraphs[0].hasPrefix(
                "State media said on Monday that a second passenger ferry now runs between the capital’s Taedong"))
        #expect(first.paragraphs[1].contains("“built entirely by the workers of the Ryongampo shipyard”"))
        #expect(first.id == PostIdentity.id(title: first.title, outlet: "Yonhap", paragraphs: first.paragraphs))

        let second = document.posts[1]
        #expect(second.date == PostDate(year: 2026, month: 9, day: 13), "the day as written, in its own zone")
        #expect(
            second.paragraphs[1]
                == "One trader said early maize from cooperative farms had reached the markets weeks ahead of last year’s. Others were more cautious."
        )
        #expect(second.outlet == "Daily NK")

        // No content:encoded: the description; no [Outlet] paragraph: no outlet; a relative link resolved.
        let third = document.posts[2]
        #expect(third.paragraphs == ["A spokesman called the findings “a fabrication”."])
        #expect(third.outlet == nil)
        #expect(third.url == "http://127.0.0.1:8080/2026/09/12/foreign-ministry-rejects-un-report/")
        #expect(document.diagnostics.isEmpty)
    }

    @Test("an Atom feed: html content, xhtml content, text summary, xml:base, several authors")
    func atom() throws {
        let document = try WebDocumentReader.read(
            try FixtureSite.bytes("feed/atom.xml"), url: FixtureSite.url("feed/atom.xml"),
            contentType: "application/atom+xml")
        #expect(document.kind == .feed)
        #expect(document.title == "Coastal Monitor: Korea desk")
        #expect(document.posts.count == 3)
        let fleet = document.posts[0]
        #expect(fleet.title == "Fishing fleet returns early to Sinpo & Kimchaek", "type=html title decoded once")
        #expect(
            fleet.url == "http://127.0.0.1/outlets/coastal-monitor/2026/09/fleet-returns-early",
            "resolved against xml:base")
        #expect(fleet.date == PostDate(year: 2026, month: 9, day: 14))
        #expect(fleet.authors == ["Min-seo Kang", "Tomas Riedl"])
        #expect(fleet.categories == ["Fishing", "ports"], "label over term")
        #expect(
            fleet.paragraphs == [
                "Satellite images show dozens of squid boats moored at Sinpo and Kimchaek, two weeks before the season normally ends.",
                "Fishery officials blamed fuel shortages; the boats’ owners, mostly military-run companies, gave no comment.",
            ])
        #expect(fleet.outlet == "NK Pro", "the image before it vanishes")

        let container = document.posts[1]
        #expect(container.date == PostDate(year: 2026, month: 9, day: 11), "updated when there is no published")
        #expect(container.authors == ["Korea desk"], "the feed's author when the entry has none")
        #expect(container.url == "https://coastal-monitor.example/2026/09/container-line-nampho-dalian")
        #expect(
            container.paragraphs == [
                "A Chinese feeder line has put Nampho back on its weekly rotation, its published schedule shows.",
                "The first call is planned for September 21st; the line did not say what it would carry.",
                "Dalian to Nampho: two days.", "Nampho to Longkou: one day.",
            ])
        #expect(container.outlet == "Lloyd’s List")

        let smuggling = document.posts[2]
        #expect(smuggling.date == PostDate(year: 2026, month: 9, day: 9))
        #expect(
            smuggling.paragraphs == [
                "South Korea's coast guard said it had stopped two boats carrying undeclared cargo near Yeonpyeong island.",
                "No one was arrested.",
            ])
        #expect(smuggling.outlet == nil, "none is invented")
    }

    @Test("a Latin-1 feed declared in its XML prolog")
    func latin1() throws {
        let bytes = try FixtureSite.bytes("feed/latin1.xml")
        #expect(bytes.contains(0xE9), "the fixture really is Latin-1")
        let document = try WebDocumentReader.read(
            bytes, url: FixtureSite.url("feed/latin1.xml"), contentType: "text/xml")
        #expect(document.title == "Le Courrier de Séoul")
        #expect(
            document.posts.map(\.title) == [
                "Pyongyang annonce une récolte « exceptionnelle »", "Un musée consacré à la marine ouvre à Wŏnsan",
            ])
        #expect(document.posts[0].authors == ["Amélie Fournier"])
        #expect(document.posts[0].categories == ["Économie"])
        #expect(document.posts[0].outlet == "AFP")
        #expect(
            document.posts[0].paragraphs[1]
                == "Les diplomates en poste à Pyongyang restent prudents : les chiffres ne sont pas vérifiables.")
        #expect(document.posts[1].authors == ["Jürgen Weiß"])
        #expect(document.diagnostics.isEmpty)
    }

    @Test("the HTTP charset outranks the prolog; Windows-1252 quotes and dashes come out right")
    func httpCharsetAndWindows1252() throws {
        var bytes = Array(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><title>T</title><item><title>Quotes ".utf8)
        bytes += [0x93, 0x61, 0x94, 0x20, 0x96, 0x20, 0x80]
        bytes += Array("</title></item></channel></rss>".utf8)
        let document = try WebDocumentReader.read(
            bytes, url: "http://127.0.0.1:1/cp1252", contentType: "text/xml; charset=windows-1252")
        #expect(document.posts.first?.title == "Quotes “a” – €")
    }

    @Test("an RSS 1.0 (RDF) feed and dates in dc:date")
    func rss1() throws {
        let xml = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="http://127.0.0.1/"><title>Old style</title></channel>
              <item rdf:about="http://127.0.0.1/one"><title>One</title><description>First.</description>
                <dc:date>2026-07-01T10:00:00+09:00</dc:date><dc:creator>Ana Lee</dc:creator></item>
            </rdf:RDF>
            """
        let document = try WebDocumentReader.read(Array(xml.utf8), url: "http://127.0.0.1/rdf", contentType: nil)
        #expect(document.kind == .feed)
        #expect(document.posts.count == 1)
        #expect(document.posts.first?.url == "http://127.0.0.1/one")
        #expect(document.posts.first?.date == PostDate(year: 2026, month: 7, day: 1))
        #expect(document.posts.first?.authors == ["Ana Lee"])
    }

    @Test("items without a title are skipped with a warning naming the URL and line; bad dates warn")
    func itemWarnings() throws {
        let xml = """
            <rss><channel><title>T</title>
            <item><description>No title here.</description></item>
            <item><title>Kept</title><pubDate>sometime soon</pubDate><description>Body.</description></item>
            </channel></rss>
            """
        let url = "http://127.0.0.1:1/warn"
        let document = try WebDocumentReader.read(Array(xml.utf8), url: url, contentType: nil)
        #expect(document.posts.map(\.title) == ["Kept"])
        #expect(document.posts[0].date == nil)
        #expect(document.diagnostics.count == 2)
        #expect(document.diagnostics.allSatisfy { $0.file == url && $0.severity == .warning })
        #expect(document.diagnostics[0].line == 2)
        #expect(document.diagnostics[1].message.contains("sometime soon"))
    }

    @Test("white space before the XML declaration is forgiven, with a warning; line numbers stay true")
    func lateDeclaration() throws {
        let good =
            "\n\n<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><channel><title>Caf\u{E9}</title><item><title>One</title></item></channel></rss>"
        let bytes = good.unicodeScalars.map { UInt8($0.value) }
        let document = try WebDocumentReader.read(bytes, url: "http://127.0.0.1:1/late", contentType: nil)
        #expect(document.title == "Café", "the declared Latin-1 still counts")
        #expect(document.posts.count == 1)
        #expect(document.diagnostics.map(\.message) == ["white space before the XML declaration; read anyway"])

        let broken = "\n\n<?xml version=\"1.0\"?>\n<rss><channel>\n<item><title>One</item></channel></rss>"
        do {
            _ = try WebDocumentReader.read(Array(broken.utf8), url: "http://127.0.0.1:1/late", contentType: nil)
            Issue.record("a malformed feed was read")
        } catch {
            #expect(error.line == 5)
        }
    }

    @Test("a feed without items is a feed with no posts, not an error")
    func emptyFeed() throws {
        let document = try WebDocumentReader.read(
            Array("<rss version=\"2.0\"><channel><title>New blog</title></channel></rss>".utf8),
            url: "http://127.0.0.1:1/empty", contentType: nil)
        #expect(document.kind == .feed)
        #expect(document.title == "New blog")
        #expect(document.posts.isEmpty)
    }

    @Test(
        "RFC 822 and RFC 3339 dates",
        arguments: [
            ("Mon, 14 Sep 2026 08:30:00 +0000", "2026-09-14"), ("14 Sep 2026 08:30 GMT", "2026-09-14"),
            ("Tue, 1 Dec 26 23:59:59 -0800", "2026-12-01"), ("2026-09-14T23:30:00-05:00", "2026-09-14"),
            ("2026-02-29T00:00:00Z", nil), ("yesterday", nil), ("Sept. 3, 2026", "2026-09-03"),
        ] as [(String, String?)])
    func dates(text: String, iso: String?) {
        #expect(PostDate(webText: text)?.iso == iso)
    }
}
