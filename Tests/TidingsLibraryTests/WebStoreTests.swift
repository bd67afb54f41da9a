import Foundation
import GRDB
import Testing
import TidingsCore

@testable import TidingsLibrary

/// Web pages stored through the library: accumulation, merging with text archives and with
/// other copies of the same story, and the tallies, labels and index kept consistent.
@Suite struct WebStoreTests {
    static func webPost(
        _ title: String, body: [String], outlet: String? = "Reuters", date: PostDate? = nil,
        categories: [String] = [], authors: [String] = [], url: String? = nil
    ) -> Post {
        Post(
            id: PostIdentity.id(title: title, outlet: outlet, paragraphs: body), title: title, paragraphs: body,
            outlet: outlet, date: date, categories: categories, authors: authors, url: url)
    }

    let ferry = webPost(
        "Ferry service resumes across the Yalu",
        body: ["Boats crossed again on Monday.", "Traders welcomed the news."],
        date: PostDate(year: 2019, month: 5, day: 10), categories: ["Transport"], authors: ["Jane Holloway"],
        url: "https://blog.example/2019/05/ferry/")
    let grain = webPost(
        "Grain prices fall", body: ["Rice was cheaper."], outlet: "Daily NK", url: "https://blog.example/grain/")

    /// The tallies the triggers keep must equal the labels' own counts, and the library must pass `check`.
    static func expectConsistent(_ library: Library) throws {
        let (tallies, counted, posts, all) = try library.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT kind, name, posts FROM tally WHERE kind <> 'all' ORDER BY kind, name")
                    .map { "\($0["kind"] as String)/\($0["name"] as String)=\($0["posts"] as Int)" },
                try Row.fetchAll(
                    db, sql: "SELECT kind, name, COUNT(*) AS n FROM label GROUP BY kind, name ORDER BY kind, name"
                )
                .map { "\($0["kind"] as String)/\($0["name"] as String)=\($0["n"] as Int)" },
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post") ?? -1,
                try Int.fetchOne(db, sql: "SELECT posts FROM tally WHERE kind = 'all'") ?? -2
            )
        }
        #expect(tallies == counted)
        #expect(posts == all)
        let report = Library.check(path: library.path)
        #expect(report.problems == [])
    }

    @Test func aPageIsStoredWithItsAddressesAndItsSourceRemembered() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        let page = WebPage(
            url: "https://blog.example/category/economy/", kind: .pages, title: "Economy",
            header: .category("Economy"), posts: [ferry, grain])
        let result = try library.storeWebPage(page, source: page.url)
        #expect(result.new == 2 && result.alreadyFromSource == 0)
        let posts = try library.posts()
        #expect(posts.map(\.url) == ["https://blog.example/2019/05/ferry/", "https://blog.example/grain/"])
        #expect(posts[0].categories == ["Economy", "Transport"])
        #expect(posts[1].categories == ["Economy"])
        let again = try library.storeWebPage(page, source: page.url)
        #expect(again.new == 0 && again.updated == 0 && again.unchanged == 2 && again.alreadyFromSource == 2)
        let source = try #require(try library.webSource(page.url))
        #expect(source.posts == 2 && source.kind == .pages && source.title == "Economy" && !source.isCaughtUp)
        try library.recordWebFetch(
            page.url,
            .completed(kind: .pages, title: nil, validators: (etag: "\"v1\"", lastModified: nil), caughtUp: true))
        let recorded = try #require(try library.webSource(page.url))
        #expect(
            recorded.etag == "\"v1\"" && recorded.isCaughtUp && recorded.lastError == nil && recorded.lastFetched != nil
        )
        try library.recordWebFetch(
            page.url, .failed("https://blog.example/category/economy/: the server answered 500 Internal Server Error"))
        let failed = try #require(try library.webSource(page.url))
        #expect(failed.lastError?.contains("500") == true && failed.etag == "\"v1\"")
        try Self.expectConsistent(library)
    }

    @Test func theSameStoryFromATextArchiveAndTheSiteIsOnePost() throws {
        let folder = try TemporaryFolder()
        let text = Page.make(
            header: "Category: Border",
            Page.post(
                ferry.title, date: "May 10, 2019", author: "Jane Holloway",
                body: ferry.paragraphs, outlet: "Reuters"))
        try folder.write("border.txt", text)
        let library = try folder.library()
        _ = try Importer(library: library).run(paths: [folder.path + "/border.txt"])
        let textID = try #require(try library.posts().first?.id)
        #expect(textID == ferry.id)
        _ = try library.setBookmark(true, postID: textID)
        let result = try library.storeWebPage(
            WebPage(
                url: "https://blog.example/feed/", kind: .feed, title: "Blog", header: nil,
                posts: [ferry]), source: "https://blog.example/feed/")
        #expect(result.new == 0 && result.updated == 1)
        let posts = try library.posts()
        #expect(posts.count == 1)
        #expect(posts[0].categories == ["Border", "Transport"])
        #expect(posts[0].url == ferry.url)
        // The archive file changes and no longer has the story: the web still does, so it stays with its web labels.
        try folder.write(
            "border.txt", Page.make(header: "Category: Border", Page.post("Another story", body: ["Other text."])))
        _ = try Importer(library: library).run(paths: [folder.path + "/border.txt"])
        let kept = try library.posts(matching: PostFilter(category: "transport"))
        #expect(kept.map(\.id) == [textID])
        #expect(kept[0].categories == ["Transport"])
        #expect(try library.isBookmarked(postID: textID))
        try Self.expectConsistent(library)
    }

    @Test func aPostKnownByItsAddressKeepsItsIdAndGainsTheFullerText() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        let excerpt = Self.webPost(
            ferry.title, body: ["Boats crossed again on Monday."], categories: ["News"], url: ferry.url)
        _ = try library.storeWebPage(
            WebPage(url: "https://blog.example/feed/", kind: .feed, title: nil, header: nil, posts: [excerpt]),
            source: "https://blog.example/feed/")
        _ = try library.setBookmark(true, postID: excerpt.id)
        let result = try library.storeWebPage(
            WebPage(
                url: "https://blog.example/category/transport/", kind: .pages, title: nil,
                header: .category("Transport"), posts: [ferry]),
            source: "https://blog.example/category/transport/")
        #expect(result.updated == 1 && result.new == 0)
        let posts = try library.posts()
        #expect(posts.count == 1)
        #expect(posts[0].id == excerpt.id)
        #expect(posts[0].paragraphs == ferry.paragraphs)
        #expect(posts[0].categories == ["News", "Transport"])
        #expect(posts[0].date == ferry.date)
        #expect(try library.isBookmarked(postID: excerpt.id))
        // The fuller text is what search finds; the shorter copy never replaces it.
        #expect(try library.search(SearchQuery("traders welcomed")).total == 1)
        _ = try library.storeWebPage(
            WebPage(url: "https://blog.example/feed/", kind: .feed, title: nil, header: nil, posts: [excerpt]),
            source: "https://blog.example/feed/")
        #expect(try library.posts()[0].paragraphs == ferry.paragraphs)
        // The full story saved as text has the full page's content id, an alias of the post now.
        try folder.write(
            "transport.txt",
            Page.make(header: "Category: Border", Page.post(ferry.title, body: ferry.paragraphs, outlet: "Reuters")))
        let summary = try Importer(library: library).run(paths: [folder.path + "/transport.txt"])
        #expect(summary.postsNew == 0)
        #expect(try library.count() == 1)
        #expect(try library.posts()[0].categories == ["Border", "News", "Transport"])
        try Self.expectConsistent(library)
    }

    @Test func removingASourceKeepsItsPosts() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        _ = try library.storeWebPage(
            WebPage(
                url: "https://blog.example/feed/", kind: .feed, title: "Blog", header: nil,
                posts: [ferry, grain]), source: "https://blog.example/feed/")
        #expect(try library.removeWebSource("https://blog.example/feed/"))
        #expect(try !library.removeWebSource("https://blog.example/feed/"))
        #expect(try library.webSources().isEmpty)
        #expect(try library.count() == 2)
        try Self.expectConsistent(library)
    }
}

extension WebStoreTests {
    @Test func aRebuildKeepsTheWebSourcesToFetchAgain() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/library.sqlite"
        do {
            let library = try Library(path: path)
            _ = try library.storeWebPage(
                WebPage(
                    url: "https://blog.example/feed/", kind: .feed, title: "Blog", header: nil,
                    posts: [ferry]), source: "https://blog.example/feed/")
            try library.recordWebFetch(
                "https://blog.example/feed/",
                .completed(kind: .feed, title: "Blog", validators: (etag: "\"1\"", lastModified: nil), caughtUp: true))
        }
        let outcome = try Library.rebuild(path: path, archives: [])
        #expect(outcome.webSources == ["https://blog.example/feed/"])
        let rebuilt = try Library(path: path)
        let source = try #require(try rebuilt.webSource("https://blog.example/feed/"))
        #expect(!source.isCaughtUp && source.etag == nil)
    }
}
