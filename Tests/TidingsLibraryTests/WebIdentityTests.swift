import Foundation
import GRDB
import Testing
import TidingsCore

@testable import TidingsLibrary

/// Which stored post a web copy is: a link names a story only with the same title, never when
/// it names a place (a section page, the site's root), and merging within one page keeps the
/// full-text index whole.
@Suite struct WebIdentityTests {
    static let feedURL = "https://outlet.example/feed/"

    static func feed(_ posts: [Post]) -> WebPage {
        WebPage(url: feedURL, kind: .feed, title: "Outlet", header: nil, posts: posts)
    }

    @Test func twoCopiesOfAStoryOnOnePageMergeAndTheIndexStaysWhole() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        let link = "https://outlet.example/2019/05/ferry/"
        // A feed giving the same item twice: an excerpt, then the full text under the same link.
        let excerpt = WebStoreTests.webPost("Ferry service resumes", body: ["Boats crossed again."], url: link)
        let full = WebStoreTests.webPost(
            "Ferry service resumes", body: ["Boats crossed again.", "Traders welcomed the news."], url: link)
        let result = try library.storeWebPage(Self.feed([excerpt, full]), source: Self.feedURL)
        #expect(result.new == 1)
        let posts = try library.posts()
        #expect(posts.count == 1)
        #expect(posts.first?.id == excerpt.id)
        #expect(posts.first?.paragraphs == full.paragraphs)
        #expect(try library.search(SearchQuery("traders welcomed")).total == 1)
        #expect(try library.search(SearchQuery("boats")).total == 1)
        try WebStoreTests.expectConsistent(library)
    }

    @Test func storiesSharingALinkToTheSiteAreKeptApart() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        let flood = Post(
            id: PostIdentity.id(
                title: "Flood warning for the river towns", outlet: nil, paragraphs: ["Rain all week."]),
            title: "Flood warning for the river towns", paragraphs: ["Rain all week."], outlet: nil, date: nil,
            categories: ["Weather"], url: "https://outlet.example/")
        let election = Post(
            id: PostIdentity.id(
                title: "Election date set", outlet: nil, paragraphs: ["The vote is in June, officials said."]),
            title: "Election date set", paragraphs: ["The vote is in June, officials said."], outlet: nil, date: nil,
            categories: ["Politics"], url: "https://outlet.example/")
        let result = try library.storeWebPage(Self.feed([flood, election]), source: Self.feedURL)
        #expect(result.new == 2)
        let posts = try library.posts()
        #expect(Set(posts.map(\.title)) == [flood.title, election.title])
        #expect(posts.first { $0.title == flood.title }?.categories == ["Weather"])
        #expect(posts.first { $0.title == election.title }?.categories == ["Politics"])
        try WebStoreTests.expectConsistent(library)
    }

    @Test func aSectionLinkSharedOnAPageOrGivenToAnotherTitleIsNotAnIdentity() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        let section = "https://outlet.example/news/world/"
        let first = WebStoreTests.webPost(
            "Talks resume in Geneva", body: ["Delegates met."], categories: ["World"], url: section)
        let second = WebStoreTests.webPost(
            "Port strike ends", body: ["Cranes moved again."], categories: ["Business"], url: section)
        #expect(try library.storeWebPage(Self.feed([first, second]), source: Self.feedURL).new == 2)
        // Tomorrow the same section link comes with a third story, alone on its page.
        let third = WebStoreTests.webPost("Bridge reopens after repairs", body: ["Traffic flowed."], url: section)
        #expect(try library.storeWebPage(Self.feed([third]), source: Self.feedURL).new == 1)
        // The same story under its own link, retitled only in punctuation and case, is merged.
        let story = "https://outlet.example/2019/talks/"
        let excerpt = WebStoreTests.webPost("Talks resume — Geneva", body: ["Short."], url: story)
        _ = try library.storeWebPage(Self.feed([excerpt]), source: Self.feedURL)
        let fuller = WebStoreTests.webPost(
            "talks resume: Geneva", body: ["Short.", "Longer text of the talks."], url: story)
        #expect(try library.storeWebPage(Self.feed([fuller]), source: Self.feedURL).updated == 1)
        #expect(try library.count() == 4)
        // A page linking a post to the page's own address does not merge by it.
        let listing = WebPage(
            url: "https://outlet.example/news/", kind: .pages, title: nil, header: nil,
            posts: [
                WebStoreTests.webPost(
                    "Bridge reopens after repairs", body: ["Other text."], url: "https://outlet.example/news/")
            ])
        _ = try library.storeWebPage(listing, source: listing.url)
        let again = WebStoreTests.webPost(
            "Bridge reopens after repairs", body: ["Third text."], url: "https://outlet.example/news/")
        #expect(
            try library.storeWebPage(
                WebPage(url: "https://outlet.example/news/", kind: .pages, title: nil, header: nil, posts: [again]),
                source: listing.url
            ).new == 1)
        #expect(try library.count() == 6)
        try WebStoreTests.expectConsistent(library)
    }

    @Test func aPageWithoutASourceStoresItsPostsOnly() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        let post = WebStoreTests.webPost(
            "Grain prices fall", body: ["Rice was cheaper."], url: "file:///tmp/saved/grain.html")
        let page = WebPage(url: "file:///tmp/saved/feed.xml", kind: .feed, title: "Saved", header: nil, posts: [post])
        #expect(try library.storeWebPage(page, source: nil).new == 1)
        #expect(try library.webSources().isEmpty)
        #expect(try library.count() == 1)
        try WebStoreTests.expectConsistent(library)
    }

    @Test func aFeedAnswered304StaysAFeed() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        _ = try library.storeWebPage(Self.feed([WebStoreTests.webPost("A", body: ["a."])]), source: Self.feedURL)
        try library.recordWebFetch(
            Self.feedURL,
            .completed(kind: .feed, title: "Outlet", validators: (etag: "\"1\"", lastModified: nil), caughtUp: true))
        try library.recordWebFetch(Self.feedURL, .completed(kind: nil, title: nil, validators: nil, caughtUp: true))
        let source = try #require(try library.webSource(Self.feedURL))
        #expect(source.kind == .feed && source.etag == "\"1\"" && source.title == "Outlet")
    }

    @Test func theSearchIndexRefusingAWriteIsNotCalledDamage() {
        let error = DatabaseError(resultCode: ResultCode(rawValue: 267), message: "database disk image is malformed")
        let saving = Library.savingError(error, what: "the posts of https://outlet.example/feed/")
        #expect(!saving.description.contains("rebuild"))
        #expect(saving.description.contains("https://outlet.example/feed/"))
        #expect(saving.description.contains("internal error"))
    }
}
