import Foundation
import GRDB
import Testing
import TidingsCore

@testable import TidingsLibrary

/// Bookmarks in a real library file: toggling, order, counts, flags, shelves, persistence,
/// survival across re-imports, and failures that must never look like success.
@Suite struct BookmarkTests {
    let ferry = Page.post(
        "Ferry service resumes across the Yalu", date: "May 10, 2019", author: "Jane Holloway",
        body: ["Boats crossed again on Monday."], outlet: "Reuters")
    let grain = Page.post(
        "Grain prices fall after early harvest", body: ["Rice was cheaper in Sinuiju markets."], outlet: "Daily NK")
    let envoy = Page.post("Envoys meet in Geneva", body: ["Talks lasted three hours."], outlet: "BBC")

    /// A library holding ferry, grain and envoy (in that order) from `page.txt`, with their ids by title word.
    func fixture(_ folder: TemporaryFolder) throws -> (Library, [String: String]) {
        try folder.write("page.txt", Page.make(header: "Category: Economy", ferry, grain, envoy))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path + "/page.txt"])
        return (library, try ids(library))
    }

    func ids(_ library: Library) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try library.posts().map { (String($0.title.split(separator: " ")[0]), $0.id) })
    }

    @Test func toggleSetAndUnset() throws {
        let folder = try TemporaryFolder()
        let (library, id) = try fixture(folder)
        let ferry = try #require(id["Ferry"])
        #expect(try library.isBookmarked(postID: ferry) == false)
        #expect(try library.toggleBookmark(postID: ferry) == true)
        #expect(try library.isBookmarked(postID: ferry))
        #expect(try library.toggleBookmark(postID: ferry) == false)
        #expect(try library.isBookmarked(postID: ferry) == false)

        let added = try library.setBookmark(true, postID: String(ferry.prefix(5)))
        #expect(
            added
                == BookmarkChange(
                    postID: ferry, title: "Ferry service resumes across the Yalu", isBookmarked: true, changed: true))
        #expect(try library.setBookmark(true, postID: ferry).changed == false)
        #expect(try library.setBookmark(false, postID: ferry).changed == true)
        #expect(try library.setBookmark(false, postID: ferry).changed == false)
        #expect(try library.bookmarkCount() == 0)
    }

    @Test func mostRecentFirstWithCountsFlagsAndShelf() throws {
        let folder = try TemporaryFolder()
        let (library, id) = try fixture(folder)
        for word in ["Grain", "Ferry", "Envoys"] { try library.setBookmark(true, postID: id[word]!) }
        // Bookmarking again keeps the original time: the post does not jump to the top.
        try library.setBookmark(true, postID: id["Grain"]!)
        #expect(try library.bookmarks().map(\.postID) == [id["Envoys"]!, id["Ferry"]!, id["Grain"]!])
        #expect(try library.bookmarks(offset: 1, limit: 1).map(\.postID) == [id["Ferry"]!])
        #expect(try library.bookmarkCount() == 3)
        #expect(try library.shelfCounts().bookmarks == 3)
        let shelf = try library.headlines(on: .bookmarks, offset: 0, limit: 10)
        #expect(shelf.map(\.id) == [id["Envoys"]!, id["Ferry"]!, id["Grain"]!])
        #expect(shelf.allSatisfy { $0.isBookmarked && $0.isUnread })
        #expect(try library.headlines(on: .bookmarks, offset: 2, limit: 10).map(\.id) == [id["Grain"]!])

        let first = try #require(try library.bookmarks().last)
        #expect(first.title == "Grain prices fall after early harvest")
        #expect(first.outlet == "Daily NK")
        #expect(first.categories == ["Economy"])
        #expect(first.isInLibrary)
        #expect(try library.bookmarks()[1].date == "2019-05-10")

        try library.setBookmark(false, postID: id["Ferry"]!)
        let all = try library.headlines(on: .all, offset: 0, limit: 10)
        #expect(all.map(\.isBookmarked) == [false, true, true])
        let economy = try library.headlines(on: .category("Economy"), offset: 0, limit: 10)
        #expect(economy.map(\.isBookmarked) == [false, true, true])
        #expect(try library.shelfCounts().bookmarks == 2)
    }

    @Test func unknownShortAndAmbiguousIds() throws {
        let folder = try TemporaryFolder()
        let (library, _) = try fixture(folder)
        #expect(throws: LibraryError.notFound("no post with id “zzzzzzzz”")) {
            try library.toggleBookmark(postID: "zzzzzzzz")
        }
        #expect(throws: LibraryError.notFound("no post with id “zzzzzzzz”")) {
            try library.setBookmark(true, postID: "zzzzzzzz")
        }
        #expect(throws: LibraryError.notFound("no post with id “zzzzzzzz”")) {
            try library.setBookmark(false, postID: "zzzzzzzz")
        }
        #expect(throws: LibraryError.notFound("no post with id “zzzzzzzz”")) {
            try library.setRead(true, postID: "zzzzzzzz")
        }
        #expect(throws: LibraryError.notFound("post id “ab” is too short: give at least 4 characters")) {
            try library.toggleBookmark(postID: "ab")
        }
        #expect(try library.bookmarkCount() == 0)
    }

    @Test func bookmarksAndReadStateSurviveReopening() throws {
        let folder = try TemporaryFolder()
        var (library, id) = try fixture(folder)
        try library.setBookmark(true, postID: id["Grain"]!)
        try library.setRead(true, postID: id["Ferry"]!)
        try library.setReadingPosition(ReadingPosition(paragraph: 3, characterOffset: 120), postID: id["Envoys"]!)
        library = try folder.library()
        #expect(try library.bookmarks().map(\.postID) == [id["Grain"]!])
        #expect(try library.isUnread(postID: id["Ferry"]!) == false)
        #expect(
            try library.readingPosition(postID: id["Envoys"]!) == ReadingPosition(paragraph: 3, characterOffset: 120))
    }

    @Test func bookmarksFollowTheStableIdThroughReimports() throws {
        let folder = try TemporaryFolder()
        let (library, id) = try fixture(folder)
        let file = folder.path + "/page.txt"
        try library.setBookmark(true, postID: id["Ferry"]!)
        try library.setRead(true, postID: id["Ferry"]!)
        try library.setBookmark(true, postID: id["Grain"]!)

        // The file changes around the bookmarked post: envoy goes, another post comes.
        let other = Page.post("Rail link reopens", body: ["Freight trains ran again."], outlet: "NK News")
        try folder.write("page.txt", Page.make(header: "Category: Trade", ferry, grain, other))
        _ = try library.importArchives(at: [file])
        #expect(try library.bookmarks().map(\.postID) == [id["Grain"]!, id["Ferry"]!])
        #expect(try library.headlines(on: .bookmarks, offset: 0, limit: 10).map(\.id) == [id["Grain"]!, id["Ferry"]!])
        #expect(try library.isUnread(postID: id["Ferry"]!) == false)

        // The bookmarked post leaves the archive: the bookmark stays, named by its stored title.
        try folder.write("page.txt", Page.make(header: "Category: Trade", grain, other))
        _ = try library.importArchives(at: [file])
        let kept = try library.bookmarks()
        #expect(kept.map(\.postID) == [id["Grain"]!, id["Ferry"]!])
        #expect(kept[1].isInLibrary == false)
        #expect(kept[1].title == "Ferry service resumes across the Yalu")
        #expect(kept[1].outlet == "Reuters")
        #expect(try library.bookmarkCount() == 1)
        #expect(try library.headlines(on: .bookmarks, offset: 0, limit: 10).map(\.id) == [id["Grain"]!])
        #expect(try library.isBookmarked(postID: id["Ferry"]!))

        // It comes back: the bookmark and the read mark reattach.
        try folder.write("page.txt", Page.make(header: "Category: Trade", other, ferry))
        _ = try library.importArchives(at: [file])
        #expect(try library.bookmarkCount() == 1)
        let back = try library.headlines(on: .all, offset: 0, limit: 10).first { $0.id == id["Ferry"]! }
        #expect(back?.isBookmarked == true)
        #expect(back?.isUnread == false)
        #expect(try library.bookmarks().map(\.isInLibrary) == [false, true])
        // A bookmark whose post is gone can still be removed by its id.
        try library.setBookmark(false, postID: id["Grain"]!)
        #expect(try library.bookmarks().map(\.postID) == [id["Ferry"]!])
    }

    @Test func restoreKeepsTimesAndReportsMissingPosts() throws {
        let folder = try TemporaryFolder()
        let (library, id) = try fixture(folder)
        try library.setBookmark(true, postID: id["Ferry"]!)
        let entries = [
            Bookmark(postID: id["Grain"]!.uppercased(), bookmarkedAt: Date(timeIntervalSince1970: 1_000)),
            Bookmark(postID: id["Ferry"]!, bookmarkedAt: Date(timeIntervalSince1970: 2_000)),
            Bookmark(
                postID: "0000aaaa1111", bookmarkedAt: Date(timeIntervalSince1970: 3_000), title: "Gone story",
                outlet: "AP"),
        ]
        let outcome = try library.restoreBookmarks(entries)
        #expect(outcome.restored == [id["Grain"]!])
        #expect(outcome.alreadyBookmarked == [id["Ferry"]!])
        #expect(outcome.notInLibrary.map(\.postID) == ["0000aaaa1111"])
        #expect(outcome.notInLibrary.first?.title == "Gone story")
        let listed = try library.bookmarks()
        #expect(listed.map(\.postID) == [id["Ferry"]!, "0000aaaa1111", id["Grain"]!])
        #expect(listed[1].isInLibrary == false && listed[1].title == "Gone story")
        #expect(listed[2].bookmarkedAt == Date(timeIntervalSince1970: 1_000))
        #expect(try library.bookmarkCount() == 2)
    }

    /// Restoring without keeping the missing ones counts them and stores none; more than a
    /// batch of bookmarks is restored whole, in order.
    @Test func restoreSkipsMissingPostsWhenAskedAndSpansBatches() throws {
        let folder = try TemporaryFolder()
        let (library, id) = try fixture(folder)
        var entries = [Bookmark(postID: id["Grain"]!, bookmarkedAt: Date(timeIntervalSince1970: 5))]
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        for n in 0..<(Library.restoreBatch + 5) {
            let name = String((0..<12).map { alphabet[(n / Int(pow(36.0, Double($0 % 4)))) % 36] })
            entries.append(
                Bookmark(postID: "z" + name.dropFirst(), bookmarkedAt: Date(timeIntervalSince1970: Double(n + 10))))
        }
        let skipped = try library.restoreBookmarks(entries, keepingMissing: false)
        #expect(skipped.restored == [id["Grain"]!])
        #expect(skipped.skippedMissing == Library.restoreBatch + 5)
        #expect(skipped.notInLibrary.isEmpty)
        #expect(try library.bookmarks().map(\.postID) == [id["Grain"]!])
        let kept = try library.restoreBookmarks(entries)
        #expect(kept.alreadyBookmarked == [id["Grain"]!])
        #expect(kept.notInLibrary.count == Set(entries.dropFirst().map(\.postID)).count)
        #expect(try library.bookmarks().count == 1 + kept.notInLibrary.count)
    }

    @Test func headlinePagingUsesIndexesNotScans() throws {
        let folder = try TemporaryFolder()
        let (library, _) = try fixture(folder)
        let plans = try library.pool.read { db in
            try [
                "SELECT seq, ordinal FROM post ORDER BY ordinal LIMIT 50 OFFSET 10",
                "SELECT b.postID FROM bookmark b JOIN post p ON p.id = b.postID ORDER BY b.createdAt DESC, b.postID DESC",
            ]
            .map { try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + $0).map { $0["detail"] as String } }
        }
        #expect(plans[0].contains { $0.contains("COVERING INDEX post_by_ordinal") }, "\(plans[0])")
        #expect(plans[1].contains { $0.contains("COVERING INDEX bookmark_by_time") }, "\(plans[1])")
        #expect(!plans.joined().contains { $0.contains("TEMP B-TREE") }, "\(plans)")
    }
}
