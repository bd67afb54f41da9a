import Foundation
import Testing
import TidingsCore

@testable import TidingsLibrary

/// Read state, reading positions and the next-unread helper, in a real library file.
@Suite struct ReadingStateTests {
    /// A library of four posts in category Economy (then All in the same order); their ids.
    func library(_ folder: TemporaryFolder) throws -> (Library, [String]) {
        let posts = (0..<4).map {
            Page.post("Report number \($0)", body: ["Paragraph one.", "Paragraph two."], outlet: "BBC")
        }
        try folder.write("page.txt", Page.make(header: "Category: Economy", posts.joined()))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path + "/page.txt"])
        return (library, try library.posts().map(\.id))
    }

    @Test func postsStartUnreadAndMarkingReadIsIdempotent() throws {
        let folder = try TemporaryFolder()
        let (library, ids) = try library(folder)
        #expect(try library.headlines(on: .all, offset: 0, limit: 10).allSatisfy(\.isUnread))
        #expect(try library.markRead(postID: ids[1]) == true)
        #expect(try library.markRead(postID: ids[1]) == false)
        #expect(try library.headlines(on: .all, offset: 0, limit: 10).map(\.isUnread) == [true, false, true, true])
        #expect(try library.headlines(on: .category("Economy"), offset: 1, limit: 1).map(\.isUnread) == [false])

        #expect(try library.toggleRead(postID: ids[1]) == false)
        #expect(try library.isUnread(postID: ids[1]))
        #expect(try library.toggleRead(postID: String(ids[1].prefix(6))) == true)
        try library.setRead(false, postID: ids[1])
        try library.setRead(false, postID: ids[2])
        #expect(try library.isUnread(postID: ids[1]) && library.isUnread(postID: ids[2]))
        try library.setRead(true, postID: ids[3])
        #expect(try library.isUnread(postID: ids[3]) == false)
    }

    @Test func readingPositionIsRememberedAndKeptWhenMarkedUnread() throws {
        let folder = try TemporaryFolder()
        let (library, ids) = try library(folder)
        #expect(try library.readingPosition(postID: ids[0]) == .top)
        try library.setReadingPosition(ReadingPosition(paragraph: 1, characterOffset: 42), postID: ids[0])
        // Storing a position does not make the post read.
        #expect(try library.isUnread(postID: ids[0]))
        try library.markRead(postID: ids[0])
        try library.setRead(false, postID: ids[0])
        try library.setBookmark(true, postID: ids[0])
        #expect(
            try library.marks(postID: ids[0])
                == PostMarks(
                    isBookmarked: true, isUnread: true, position: ReadingPosition(paragraph: 1, characterOffset: 42)))
        try library.setReadingPosition(ReadingPosition(paragraph: -2, characterOffset: -1), postID: ids[0])
        #expect(try library.readingPosition(postID: ids[0]) == .top)
        #expect(try library.marks(postID: ids[3]) == PostMarks(isBookmarked: false, isUnread: true, position: .top))
        #expect(throws: LibraryError.notFound("no post with id “zzzzzz”")) {
            try library.setReadingPosition(.top, postID: "zzzzzz")
        }
    }

    @Test func nextUnreadWalksEachShelfInItsOwnOrder() throws {
        let folder = try TemporaryFolder()
        let (library, ids) = try library(folder)
        try library.markRead(postID: ids[0])
        try library.markRead(postID: ids[2])
        for shelf in [Shelf.all, .category("Economy")] {
            #expect(try library.nextUnread(on: shelf, after: -1)?.offset == 1)
            #expect(try library.nextUnread(on: shelf, after: -1)?.row.id == ids[1])
            #expect(try library.nextUnread(on: shelf, after: 1)?.offset == 3)
            #expect(try library.nextUnread(on: shelf, after: 3) == nil)
            #expect(try library.nextUnread(on: shelf, after: 99) == nil)
        }
        #expect(try library.nextUnread(on: .category("Nothing"), after: -1) == nil)

        // Bookmarks run newest first: 3, 2, 0; post 2 and 0 are read.
        for index in [0, 2, 3] { try library.setBookmark(true, postID: ids[index]) }
        #expect(try library.headlines(on: .bookmarks, offset: 0, limit: 5).map(\.id) == [ids[3], ids[2], ids[0]])
        let next = try #require(try library.nextUnread(on: .bookmarks, after: -1))
        #expect(next.offset == 0 && next.row.id == ids[3] && next.row.isBookmarked)
        #expect(try library.nextUnread(on: .bookmarks, after: 0) == nil)
        try library.setRead(false, postID: ids[0])
        #expect(try library.nextUnread(on: .bookmarks, after: 0)?.offset == 2)
    }
}
