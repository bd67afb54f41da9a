import Foundation
import GRDB
import Testing
import TidingsCore

@testable import TidingsLibrary

/// Archive-order search pages walk the full-text index in rowid order only while archive
/// order is seq order; otherwise they sort by `ordinal` (slower, same answer).
@Suite struct ArchiveOrderTests {
    let first = Page.post("First story about grain", body: ["Grain in the north."])
    let second = Page.post("Second story about grain", body: ["Grain in the south."])
    let third = Page.post("Third story about grain", body: ["Grain in the east."])

    @Test func importsKeepArchiveOrderInSeqOrder() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        let page = try folder.write("a.txt", Page.make(header: "Category: Economy", first, second))
        _ = try library.importArchives(at: [page])
        // A changed file drops a post and adds one; a second file adds another.
        try folder.write("a.txt", Page.make(header: "Category: Economy", second, third))
        try folder.write("b.txt", Page.make(header: "Category: Trade", first))
        _ = try library.importArchives(at: [folder.path])
        #expect(try library.pool.read { try ArchiveOrder.followsSeq(in: $0, cache: library.cacheScope) })
        let titles = try library.search(SearchQuery("grain"), order: .archive).rows.map(\.title)
        #expect(titles == (try library.posts().map(\.title)))
    }

    @Test func aReorderedArchiveIsStillSearchedInArchiveOrder() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        _ = try library.importArchives(at: [
            try folder.write("a.txt", Page.make(header: "Category: Economy", first, second, third))
        ])
        #expect(
            try library.search(SearchQuery("grain")).rows.map(\.title)
                == ["First story about grain", "Second story about grain", "Third story about grain"])
        // No importer does this today; if one ever reorders the archive, search must follow.
        try library.pool.write { db in
            try db.execute(sql: "UPDATE post SET ordinal = 10 - ordinal")
            // The check is redone when the newest seq changes: add a post, as an import would.
            try db.execute(
                sql: """
                    INSERT INTO post (id, title, body, ordinal) VALUES ('zzzzzzzzzzzz', 'Fourth story about grain', 'Grain.', 20)
                    """)
            try db.execute(
                sql:
                    "INSERT INTO post_fts(rowid, title, body) SELECT seq, title, body FROM post WHERE id = 'zzzzzzzzzzzz'"
            )
        }
        #expect(try !library.pool.read { try ArchiveOrder.followsSeq(in: $0, cache: library.cacheScope) })
        let page = try library.search(SearchQuery("grain"), order: .archive, limit: 3)
        #expect(
            page.rows.map(\.title) == [
                "Third story about grain", "Second story about grain", "First story about grain",
            ])
        #expect(page.total == 4)
        #expect(try library.search(SearchQuery("grain"), offset: 3).rows.map(\.title) == ["Fourth story about grain"])
    }
}
