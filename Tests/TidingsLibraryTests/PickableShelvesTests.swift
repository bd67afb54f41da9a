import Foundation
import Testing
import TidingsCore

@testable import TidingsLibrary

/// Tags, authors and outlets as shelves (the browser's picker, issue 15 point 6).
@Suite struct PickableShelvesTests {
    @Test("pickableShelves lists tags, authors and outlets with counts; each pages, locates, counts and marks")
    func shelves() throws {
        let folder = try TemporaryFolder()
        let library = try Library(path: folder.path + "/library.sqlite")
        let pages = try (0..<4).map { index in
            try folder.write(
                "p\(index).txt",
                """
                \(index < 2 ? "Category: World" : "Tag: Trade")

                Story \(index)

                Posted on May \(index + 1), 2019 by \(index % 2 == 0 ? "Jo Kim" : "Ann Lee")

                Body \(index).

                """)
        }
        _ = try library.importArchives(at: pages)
        let all = try library.headlines(on: .all, offset: 0, limit: 100)
        try library.setRead(true, postID: all[0].id)
        let entries = try library.pickableShelves()
        let byShelf = Dictionary(uniqueKeysWithValues: entries.map { ($0.shelf, $0) })
        #expect(byShelf[.author("Jo Kim")] == ShelfCount(shelf: .author("Jo Kim"), count: 2, unread: 1))
        #expect(byShelf[.author("Ann Lee")]?.unread == 2)
        #expect(byShelf[.tag("Trade")]?.count == 2)
        for entry in entries {
            let rows = try library.headlines(on: entry.shelf, offset: 0, limit: 100)
            #expect(rows.count == entry.count, "\(entry.shelf)")
            #expect(rows.filter(\.isUnread).count == entry.unread, "\(entry.shelf)")
            #expect(try library.shelfCount(entry.shelf) == entry, "\(entry.shelf)")
            #expect(
                try library.headlines(on: entry.shelf, offset: 0, limit: 100, unreadOnly: true)
                    == rows.filter(\.isUnread))
            for (index, row) in rows.enumerated() {
                #expect(try library.position(ofPost: row.id, on: entry.shelf) == index)
            }
            #expect(try library.nextUnread(on: entry.shelf, after: -1)?.row == rows.first(where: \.isUnread))
        }
        #expect(try library.markAllRead(on: .author("Ann Lee")) == 2)
        #expect(try library.shelfCount(.author("Ann Lee")).unread == 0)
        #expect(try library.shelfCount(.author("Jo Kim")).unread == 1)
    }
}
