import Foundation
import Testing
import TidingsCore

@testable import TidingsLibrary

/// The browser's unread-only lists (`U`, issue 15 point 11) on the library side.
@Suite struct UnreadShelfTests {
    @Test("unread-only headlines, unreadCount and unread-only positions follow the read marks on every shelf")
    func unreadShelves() throws {
        let folder = try TemporaryFolder()
        let library = try Library(path: folder.path + "/library.sqlite")
        let pages = try (0..<6).map { index in
            try folder.write(
                "p\(index).txt",
                "Category: \(index % 2 == 0 ? "Even" : "Odd")\n\nStory \(index)\n\n"
                    + "Posted on May \(index + 1), 2019 by Jo Kim\n\nBody \(index).\n")
        }
        _ = try library.importArchives(at: pages)
        let all = try library.headlines(on: .all, offset: 0, limit: 100)
        #expect(all.count == 6)
        // Read the 1st and 4th posts (one Even, one Odd); bookmark the 1st and 2nd.
        try library.setRead(true, postID: all[0].id)
        try library.setRead(true, postID: all[3].id)
        _ = try library.toggleBookmark(postID: all[0].id)
        _ = try library.toggleBookmark(postID: all[1].id)

        for shelf in [Shelf.all, .category("Even"), .category("Odd"), .bookmarks] {
            let whole = try library.headlines(on: shelf, offset: 0, limit: 100)
            let unread = whole.filter(\.isUnread)
            #expect(try library.headlines(on: shelf, offset: 0, limit: 100, unreadOnly: true) == unread, "\(shelf)")
            #expect(try library.unreadCount(on: shelf) == unread.count, "\(shelf)")
            // Paging: the second row alone.
            #expect(
                try library.headlines(on: shelf, offset: 1, limit: 1, unreadOnly: true)
                    == Array(unread.dropFirst().prefix(1)))
            for (index, row) in whole.enumerated() {
                let expected = whole[..<index].filter(\.isUnread).count
                #expect(
                    try library.position(ofPost: row.id, on: shelf, unreadOnly: true) == expected,
                    "\(shelf) \(row.title)")
            }
        }
        #expect(try library.unreadCount(on: .all) == 4)
        #expect(try library.position(ofPost: all[1].id, on: .category("Even"), unreadOnly: true) == nil)
        #expect(try library.unreadCount(on: .category("Nonexistent")) == 0)
    }
}
