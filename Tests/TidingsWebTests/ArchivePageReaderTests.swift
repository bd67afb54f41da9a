import Testing
import TidingsCore

@testable import TidingsWeb

@Suite("WordPress archive pages")
struct ArchivePageReaderTests {
    private func read(_ path: String, as url: String) throws -> WebDocument {
        try WebDocumentReader.read(try FixtureSite.bytes(path), url: url, contentType: "text/html; charset=UTF-8")
    }

    @Test("a category page: header, posts with links, dates, bylines, labels, paragraphs and outlets")
    func categoryPage() throws {
        let url = FixtureSite.url("category/dprk-government/")
        let document = try read("category/dprk-government/index.html", as: url)
        #expect(document.kind == .pages)
        #expect(document.header == .category("DPRK Government"))
        #expect(document.title == "Category: DPRK Government")
        #expect(document.nextPage == FixtureSite.url("category/dprk-government/page/2/"))
        #expect(
            document.posts.map(\.title) == [
                "Supreme People’s Assembly to meet in October",
                "Foreign ministry rejects UN report on detention camps",
                "New premier inspects fertiliser complex in Hungnam",
            ])
        let spa = document.posts[0]
        #expect(spa.url == "https://peninsula-watch.example/2026/09/14/supreme-peoples-assembly-to-meet-in-october/")
        #expect(spa.date == PostDate(year: 2026, month: 9, day: 14), "the published time, not the updated one")
        #expect(spa.authors == ["Grant Montgomery"])
        #expect(spa.categories == ["DPRK Government"])
        #expect(spa.tags == ["Legislature", "SPA"])
        #expect(spa.outlet == "NK News")
        #expect(
            spa.paragraphs == [
                "North Korea’s rubber-stamp parliament will convene on October 7th, the state news agency said, in a short notice that gave no agenda.",
                "The last session, in January, approved a budget & revised the land law; observers expect this one to confirm personnel changes announced at the party plenum.",
                "A communiqué from the Presidium asked deputies to register “in good time”. Foreign diplomats have not been invited.",
            ])

        let camps = document.posts[1]
        #expect(
            camps.url == FixtureSite.url("2026/09/12/foreign-ministry-rejects-un-report/"),
            "relative permalink resolved")
        #expect(camps.categories == ["DPRK Government", "Human Rights"])
        #expect(camps.paragraphs.count == 2, "the sharing buttons are not part of the story")
        #expect(camps.outlet == "Reuters")

        // An older theme: div.post, a text date, rel="author", <br> runs, an image, a script, a form.
        let hungnam = document.posts[2]
        #expect(hungnam.date == PostDate(year: 2026, month: 9, day: 10))
        #expect(hungnam.authors == ["Hye-jin Seo"])
        #expect(hungnam.categories == ["DPRK Government", "Economy"])
        #expect(
            hungnam.paragraphs == [
                "The premier spent two days at the Hungnam fertiliser complex, according to photographs released on Thursday.",
                "Workers were told to raise output of ammonium nitrate before the spring sowing, and the premier criticised delays in building a new gasification unit.",
            ])
        #expect(hungnam.outlet == "Reuters")
        for post in document.posts {
            #expect(!post.paragraphs.joined().contains("MUST NOT APPEAR"))
        }
        #expect(document.diagnostics.isEmpty)
    }

    @Test("page 2 found through rel=next; its base href resolves its links; it has no next page")
    func secondPage() throws {
        let first = try read("category/dprk-government/index.html", as: FixtureSite.url("category/dprk-government/"))
        let nextURL = try #require(first.nextPage)
        let document = try read("category/dprk-government/page/2/index.html", as: nextURL)
        #expect(document.header == .category("DPRK Government"), "from .archive-title")
        #expect(document.nextPage == nil, "a Previous link is not an older page")
        #expect(
            document.posts.map(\.title) == [
                "Cabinet announces reshuffle of light industry ministry",
                "Party plenum calls for “decisive turn” in housing",
            ])
        let reshuffle = document.posts[0]
        #expect(reshuffle.url == FixtureSite.url("2026/09/03/cabinet-reshuffle-light-industry/"))
        #expect(reshuffle.tags == ["Cabinet"])
        #expect(
            reshuffle.paragraphs == [
                "Three vice-ministers of light industry were replaced this week, according to a list of officials published in the Rodong Sinmun.",
                "Textiles passes to a former provincial party secretary.",
                "Footwear and daily goods are merged into one bureau.",
            ])
        let plenum = document.posts[1]
        #expect(plenum.date == PostDate(year: 2026, month: 8, day: 29))
        #expect(
            plenum.paragraphs == [
                "Fifty thousand flats in the capital by the end of the plan.",
                "The enlarged plenum of the Central Committee closed after four days with a call for a “decisive turn” in building homes, and named the Hwasong district as the next site.",
                "District Flats", "Hwasong 10,000", "Songsin 5,000",
            ])
        #expect(plenum.outlet == "BBC")
    }

    @Test("\"Older posts\" is the next page when there is no rel=next")
    func olderPostsLink() throws {
        let html = """
            <html><body><article class="post"><h2 class="entry-title"><a href="/a/">A story</a></h2>
            <div class="entry-content"><p>Text.</p></div></article>
            <div class="nav-previous"><a href="/page/3/"><span class="meta-nav">&larr;</span> Older posts</a></div></body></html>
            """
        let document = try WebDocumentReader.read(Array(html.utf8), url: "http://127.0.0.1:1/page/2/", contentType: nil)
        #expect(document.nextPage == "http://127.0.0.1:1/page/3/")
    }

    @Test("an author page labels every post with its author")
    func authorPage() throws {
        let document = try read("author/grant-montgomery/index.html", as: FixtureSite.url("author/grant-montgomery/"))
        #expect(document.header == .author("Grant Montgomery"))
        #expect(document.posts.count == 3)
        for post in document.posts { #expect(post.authors == ["Grant Montgomery"]) }
        #expect(document.nextPage == nil)
        #expect(document.posts[2].tags == ["Rason", "Russia"])
    }

    @Test("the same story from the text archive and from the HTML page is the same post")
    func identityMatchesTextArchive() throws {
        let text = ArchiveParser.parse(
            bytes: try FixtureSite.bytes("text/category-dprk-government.txt"),
            file: "category-dprk-government.txt")
        #expect(!text.hasErrors)
        let html = try read("category/dprk-government/index.html", as: FixtureSite.url("category/dprk-government/"))
        #expect(text.posts.count == 3)
        #expect(html.posts.map(\.id) == text.posts.map(\.id))
        for (web, archive) in zip(html.posts, text.posts) {
            #expect(web.paragraphs == archive.paragraphs)
            #expect(web.outlet == archive.outlet)
            #expect(web.date == archive.date)
            #expect(Set(archive.authors).isSubset(of: web.authors))
            #expect(Set(archive.categories).isSubset(of: web.categories))
        }
        // The front page and the RSS feed carry the ferry story: one id from both.
        let front = try read("index.html", as: FixtureSite.url(""))
        let feed = try WebDocumentReader.read(
            try FixtureSite.bytes("feed/index.xml"), url: FixtureSite.url("feed/"), contentType: nil)
        #expect(front.header == nil)
        #expect(front.posts.first?.id == feed.posts.first?.id)
        #expect(front.posts.first?.url == feed.posts.first?.url)
        #expect(front.posts.last?.id == html.posts.first?.id)
    }

    @Test("only web addresses are kept as links: no javascript:, data: or mailto:; file: only from a local file")
    func linkSchemes() throws {
        func page(_ href: String, next: String) -> [UInt8] {
            Array(
                """
                <html><head><link rel="next" href="\(next)"></head><body>
                <article><h2 class="entry-title"><a href="\(href)">Title</a></h2><div class="entry-content"><p>x</p></div></article>
                </body></html>
                """.utf8)
        }
        for bad in [
            "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "mailto:a@b.example", "vbscript:x",
        ] {
            let document = try WebDocumentReader.read(
                page(bad, next: bad), url: "http://127.0.0.1:1/p/", contentType: nil)
            #expect(document.posts.first?.url == nil, "\(bad)")
            #expect(document.nextPage == nil, "\(bad)")
        }
        let web = try WebDocumentReader.read(
            page("../story/", next: "page/2/"), url: "http://127.0.0.1:1/p/", contentType: nil)
        #expect(web.posts.first?.url == "http://127.0.0.1:1/story/")
        #expect(web.nextPage == "http://127.0.0.1:1/p/page/2/")
        let remoteFile = try WebDocumentReader.read(
            page("file:///etc/passwd", next: "file:///etc/"), url: "https://127.0.0.1:1/p/", contentType: nil)
        #expect(remoteFile.posts.first?.url == nil)
        #expect(remoteFile.nextPage == nil)
        let local = try WebDocumentReader.read(
            page("story.html", next: "page/2/index.html"), url: "file:///tmp/site/index.html", contentType: nil)
        #expect(local.posts.first?.url == "file:///tmp/site/story.html")
        #expect(local.nextPage == "file:///tmp/site/page/2/index.html")
    }

    @Test("a meta tag claiming UTF-16 on an ASCII page is read as UTF-8")
    func metaUTF16() throws {
        let html =
            "<html><head><meta charset=\"utf-16\"></head><body><article><h1 class=\"entry-title\">Caf\u{E9}</h1></article></body></html>"
        let document = try WebDocumentReader.read(Array(html.utf8), url: "http://127.0.0.1:1/u", contentType: nil)
        #expect(document.posts.first?.title == "Café")
    }

    @Test(
        "page headers of every archive kind, read by the text format's rules",
        arguments: [
            ("<h1 class=\"page-title\">Tag: <span>Sanctions</span></h1>", PageHeader.tag("Sanctions")),
            (
                "<h1 class=\"page-title\">Author: <span class=\"vcard\">Min-jun Park</span></h1>",
                .author("Min-jun Park")
            ),
            (
                "<h1 class=\"archive-title\">Monthly Archives: <span>September 2026</span></h1>",
                .dateArchive("September 2026")
            ),
            (
                "<h1 class=\"page-title\">Search Results for: <span>rice prices</span></h1>",
                .searchResults("rice prices")
            ),
            ("<h1 class=\"page-title\">Latest news</h1>", nil),
        ] as [(String, PageHeader?)])
    func headers(markup: String, header: PageHeader?) throws {
        let html =
            "<html><head><title>Site</title></head><body>\(markup)<article class=\"post\"><h2 class=\"entry-title\">Story</h2>"
            + "<span class=\"byline\">by Ana Lee</span><div class=\"entry-content\"><p>Text.</p><p>[BBC]</p></div></article></body></html>"
        let document = try WebDocumentReader.read(Array(html.utf8), url: "http://127.0.0.1:1/h/", contentType: nil)
        #expect(document.header == header)
        let post = try #require(document.posts.first)
        var authors = ["Ana Lee"]
        if case .author(let name) = header { authors.append(name) }
        #expect(post.authors == authors.sorted(), "the .byline text, plus an author header's name")
        #expect(post.tags == (header == .tag("Sanctions") ? ["Sanctions"] : []))
        #expect(post.date == nil, "a date archive's header does not date its posts")
        #expect(post.outlet == "BBC")
    }
}
