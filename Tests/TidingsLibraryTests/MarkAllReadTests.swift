import Foundation
import Testing
import TidingsCore

@testable import TidingsLibrary

/// `mark-tab-read` on the library side: one shelf's unread posts become read, no others.
@Suite struct MarkAllReadTests {
    @Test("markAllRead marks a category's unread posts read and counts them (issue 15, 11)")
    func category() throws {
        let folder = try TemporaryFolder()
        let library = try Library(path: folder.path + "/library.sqlite")
        let page = try folder.write(
            "a.txt",
            """
            Category: Economy

            Grain prices fall

            Posted on May 12, 2019 by Jean Dupré

            Rice was cheaper.

            Ferry service resumes

            Posted on May 10, 2019 by Jane Holloway

            Boats crossed again.

            """)
        let other = try folder.write(
            "b.txt",
            "Category: Military\n\nParade held\n\nPosted on May 1, 2019 by Min-jun Kim\n\nTrucks rolled past.\n")
        _ = try library.importArchives(at: [page, other])
        let economy = try library.posts(matching: PostFilter(category: "Economy"))
        try library.setRead(true, postID: economy[0].id)
        #expect(try library.markAllRead(on: .category("Economy")) == 1)
        #expect(try library.posts(matching: PostFilter(unread: true)).map(\.title) == ["Parade held"])
        #expect(try library.markAllRead(on: .category("Economy")) == 0)
    }
}

extension MarkAllReadTests {
    @Test("position(ofPost:on:) is the post's index in each shelf's pages (issue 15, 9)")
    func positions() throws {
        let folder = try TemporaryFolder()
        let library = try Library(path: folder.path + "/library.sqlite")
        let pages = try (0..<5).map { index in
            try folder.write(
                "p\(index).txt",
                "Category: \(index % 2 == 0 ? "Even" : "Odd")\n\nStory \(index)\n\n"
                    + "Posted on May \(index + 1), 2019 by Jo Kim\n\nBody \(index).\n")
        }
        _ = try library.importArchives(at: pages)
        for shelf in [Shelf.all, .category("Even"), .category("Odd")] {
            let rows = try library.headlines(on: shelf, offset: 0, limit: 100)
            for (index, row) in rows.enumerated() {
                #expect(try library.position(ofPost: row.id, on: shelf) == index, "\(shelf) \(row.title)")
            }
        }
        let odd = try library.headlines(on: .category("Odd"), offset: 0, limit: 10)
        let even = try library.headlines(on: .category("Even"), offset: 0, limit: 10)
        #expect(try library.position(ofPost: odd[0].id, on: .category("Even")) == nil)
        _ = try library.setBookmark(true, postID: even[1].id)
        _ = try library.setBookmark(true, postID: odd[0].id)
        #expect(try library.position(ofPost: odd[0].id, on: .bookmarks) == 0)
        #expect(try library.position(ofPost: even[1].id, on: .bookmarks) == 1)
        #expect(try library.position(ofPost: even[0].id, on: .bookmarks) == nil)
    }
}
