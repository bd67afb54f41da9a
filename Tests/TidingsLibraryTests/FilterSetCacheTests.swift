import Foundation
import GRDB
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsLibrary

/// A filter's set is read once and kept on its connection (``SeqSets``) while nothing is
/// written: kept across keys, never served after a write of any kind, by any connection, nor
/// for another library.
@Suite struct FilterSetCacheTests {
    static func count(_ text: String, on shelf: Shelf = .all, in library: Library) throws -> Int? {
        try library.search(SearchQuery(text), on: shelf, order: .archive, limit: 5).total
    }

    /// How many sets the reader connection a lone caller gets has read.
    ///
    /// This counts on GRDB handing a caller, when no other read is under way, the first free
    /// reader, so that one caller after another gets the same one. Were that ever not so, the
    /// counts below would read another reader's sets and the test would fail: it cannot pass
    /// wrongly.
    static func reads(in library: Library) throws -> Int {
        try library.pool.read { try SeqSets.reads(in: $0) }
    }

    @Test func aKeptSetServesTheNextKeysWithoutReadingAgain() throws {
        let folder = try TemporaryFolder()
        let library = try folder.generatedLibrary(posts: 300, pages: 3, seed: 5)
        let first = try FilterSetCacheTests.count("outlet:reuters said", in: library)
        let readsAfterFirst = try FilterSetCacheTests.reads(in: library)
        for text in ["outlet:reuters sai", "outlet:reuters korea", "outlet:reuters said", "outlet:reuters"] {
            _ = try FilterSetCacheTests.count(text, in: library)
        }
        // One reader answers one search after another, so the set was read once.
        #expect(readsAfterFirst == 1)
        #expect(try FilterSetCacheTests.reads(in: library) == 1)
        #expect(try FilterSetCacheTests.count("outlet:reuters said", in: library) == first)
    }

    @Test func aKeptSetIsNeverServedAfterAWrite() throws {
        let folder = try TemporaryFolder()
        let library = try folder.generatedLibrary(posts: 300, pages: 3, seed: 5)
        let path = folder.path + "/library.sqlite"
        let reuters = try #require(try FilterSetCacheTests.count("outlet:reuters said", in: library))
        let economy = try #require(try FilterSetCacheTests.count("category:economy said", in: library))
        let outside = try #require(
            try library.pool.read { db in
                try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT seq FROM post WHERE outlet IS NOT 'Reuters' AND seq IN
                        (SELECT rowid FROM post_fts WHERE post_fts MATCH 'said') AND seq NOT IN
                        (SELECT post FROM label WHERE kind = 'category' AND name = 'Economy') LIMIT 1
                        """)
            })
        let index = try library.pool.read(SearchAnswers.indexVersion)

        // Another connection (as another process would) moves a post to Reuters: its text, and
        // so the full-text index, stay as they were.
        let other = try DatabaseQueue(path: path)
        try other.write {
            try $0.execute(sql: "UPDATE post SET outlet = 'Reuters' WHERE seq = ?", arguments: [outside])
        }
        #expect(try library.pool.read(SearchAnswers.indexVersion) == index)
        #expect(try FilterSetCacheTests.count("outlet:reuters said", in: library) == reuters + 1)
        let said = try #require(try FilterSetCacheTests.count("said", in: library))
        #expect(try FilterSetCacheTests.count("-outlet:reuters said", in: library) == said - reuters - 1)

        // The library's own writer labels it Economy.
        try library.pool.write { db in
            try db.execute(
                sql: "INSERT INTO label (kind, name, ordinal, post) VALUES ('category', 'Economy', 0, ?)",
                arguments: [outside])
        }
        #expect(try FilterSetCacheTests.count("category:economy said", in: library) == economy + 1)

        // A bookmark through the library.
        #expect(try FilterSetCacheTests.count("said", on: .bookmarks, in: library) == 0)
        let id = try #require(
            try library.pool.read {
                try String.fetchOne($0, sql: "SELECT id FROM post WHERE seq = ?", arguments: [outside])
            })
        _ = try library.setBookmark(true, postID: id)
        #expect(try FilterSetCacheTests.count("said", on: .bookmarks, in: library) == 1)

        // An import of a new Reuters post.
        try folder.write(
            "more/new.txt",
            Page.make(
                header: "Category: Economy",
                Page.post("A new post", date: "2021-01-01", body: ["Officials said so."], outlet: "Reuters")))
        _ = try library.importArchives(at: [folder.path + "/more"])
        #expect(try FilterSetCacheTests.count("outlet:reuters said", in: library) == reuters + 2)
        #expect(try FilterSetCacheTests.count("category:economy said", in: library) == economy + 2)
    }

    @Test func aKeptSetNeverAnswersForAnotherLibrary() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/library.sqlite"
        var counts: [Int?] = []
        for seed: UInt64 in [5, 6] {
            // The same path, a new file each time (as after a rebuild), and a second library
            // open beside it.
            try? FileManager.default.removeItem(atPath: folder.path + "/corpus")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let library = try folder.generatedLibrary(posts: 200 + 100 * Int(seed - 5), pages: 2, seed: seed)
            // Kept for the loop's round: a temporary folder deletes its files when it goes.
            let otherFolder = try TemporaryFolder()
            let other = try otherFolder.generatedLibrary(posts: 150, pages: 2, seed: 9)
            let plain = try library.pool.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM post_fts WHERE post_fts MATCH 'said'
                        AND rowid IN (SELECT seq FROM post WHERE outlet = 'Reuters')
                        """)
            }
            let otherPlain = try other.pool.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM post_fts WHERE post_fts MATCH 'said'
                        AND rowid IN (SELECT seq FROM post WHERE outlet = 'Reuters')
                        """)
            }
            #expect(try FilterSetCacheTests.count("outlet:reuters said", in: library) == plain)
            #expect(try FilterSetCacheTests.count("outlet:reuters said", in: other) == otherPlain)
            #expect(try FilterSetCacheTests.count("outlet:reuters said", in: library) == plain)
            counts.append(plain)
        }
        #expect(counts[0] != counts[1], "the two files should differ")
    }

    /// Sets read inside a write transaction are neither kept nor reused: a write rolled back
    /// leaves the connection's data version and its count of changed rows as they were after
    /// the write, so a set read after it would otherwise answer for rows that never were.
    @Test func aWriteTransactionKeepsNoSets() throws {
        let folder = try TemporaryFolder()
        let library = try folder.generatedLibrary(posts: 300, pages: 3, seed: 5)
        let cache = "write-transaction"
        func count(_ db: Database) throws -> Int? {
            try Library.search(
                SearchQuery("outlet:reuters said"), on: .all, order: .archive, offset: 0, limit: 5, counting: true,
                snippets: false, in: db, cache: cache, remembering: false
            ).total
        }
        let writer = try DatabaseQueue(path: folder.path + "/library.sqlite")
        let (reuters, moved) = try writer.inDatabase { db in
            let reuters = try #require(try count(db))
            let outside = try #require(
                try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT seq FROM post WHERE outlet IS NOT 'Reuters' AND seq IN
                        (SELECT rowid FROM post_fts WHERE post_fts MATCH 'said') LIMIT 1
                        """))
            var moved: Int?
            try db.inTransaction(.deferred) {
                #expect(SeqSets.keepsSets(db))
                try db.execute(sql: "UPDATE post SET outlet = 'Reuters' WHERE seq = ?", arguments: [outside])
                #expect(!SeqSets.keepsSets(db))
                moved = try count(db)
                return .rollback
            }
            return (reuters, moved)
        }
        #expect(moved == reuters + 1)
        // After the rollback, the set read inside the transaction must not answer.
        #expect(try writer.inDatabase(count) == reuters)
        let keepsOutside = writer.inDatabase { db in SeqSets.keepsSets(db) }
        #expect(keepsOutside)
        // The library's readers are read-only: they keep their sets.
        let keepsOnReaders = try library.pool.read { db in SeqSets.keepsSets(db) }
        #expect(keepsOnReaders)
    }

    /// The function answers only for sets read on its own connection: any other handle is an
    /// error, never a guess.
    @Test func theFunctionAnswersForItsOwnSetsOnly() throws {
        let folder = try TemporaryFolder()
        let library = try folder.generatedLibrary(posts: 100, pages: 1, seed: 5)
        try library.pool.read { db in
            var plan = try SearchPlan(
                SearchQuery("outlet:reuters said"), shelf: .all, in: db, cache: library.cacheScope)
            try plan.readSets(in: db)
            let handle = try #require(plan.sets.first?.set?.handle)
            let members = try Int64.fetchAll(
                db, sql: "SELECT seq FROM post WHERE \(SeqSets.functionName)(?, seq) ORDER BY seq", arguments: [handle])
            let reuters = try Int64.fetchAll(db, sql: "SELECT seq FROM post WHERE outlet = 'Reuters' ORDER BY seq")
            #expect(!reuters.isEmpty)
            #expect(members == reuters)
            #expect(throws: DatabaseError.self) {
                try Int.fetchOne(db, sql: "SELECT \(SeqSets.functionName)(?, 1)", arguments: [handle + 1_000])
            }
        }
    }
}
