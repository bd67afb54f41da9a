import Foundation
import GRDB
import Testing
import TidingsCore

@testable import TidingsLibrary

/// A filter's set (``SeqSet``) is read from a file that may be damaged or crafted: seqs no
/// post has must neither crash the search nor change what it finds, and a failure of the set
/// function reads as the library's, never as a query the index refused.
@Suite struct FilterSetDamageTests {
    static func count(_ text: String, in library: Library) throws -> Int? {
        try library.search(SearchQuery(text), order: .archive, limit: 5).total
    }

    /// What plain SQL counts: the posts matching `said` whose seq is in (or, excluded, not in)
    /// `members`.
    static func plain(_ members: String, excluded: Bool = false, in library: Library) throws -> Int {
        try library.pool.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM post WHERE seq IN (SELECT rowid FROM post_fts WHERE post_fts MATCH 'said')
                    AND seq \(excluded ? "NOT " : "")IN (\(members))
                    """) ?? -1
        }
    }

    @Test func labelsNamingSeqsNoPostHasAreLeftOut() throws {
        let folder = try TemporaryFolder()
        let library = try folder.generatedLibrary(posts: 300, pages: 3, seed: 5)
        let name = try #require(
            try library.pool.read { db in
                try String.fetchOne(
                    db, sql: "SELECT name FROM label WHERE kind = 'category' AND name NOT LIKE '% %' LIMIT 1")
            })
        let category = "SELECT post FROM label WHERE kind = 'category' AND name = '\(name)'"
        let before = try #require(try Self.count("category:\(name) said", in: library))
        let plain = try Self.plain(category, in: library)
        #expect(before == plain && before > 0, "\(before) \(plain)")
        let alone = try #require(try Self.count("category:\(name)", in: library))

        // Another connection, without the foreign keys' check, labels seqs no post has: one
        // a bitmap sized by the largest value would need 2^56 words for.
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let other = try DatabaseQueue(path: folder.path + "/library.sqlite", configuration: configuration)
        try other.write { db in
            for seq in [Int64(1) << 62, Int64.max, -5, 0, Int64.min] {
                try db.execute(
                    sql: "INSERT INTO label (kind, name, ordinal, post) VALUES ('category', ?, 0, ?)",
                    arguments: [name, seq])
            }
        }
        #expect(try Self.count("category:\(name) said", in: library) == before)
        // A filter alone is counted as its set's size: only posts count.
        #expect(try Self.count("category:\(name)", in: library) == alone)
        #expect(
            try Self.count("-category:\(name) said", in: library)
                == (try Self.plain(category, excluded: true, in: library)))
    }

    @Test func aPostWithAHugeSeqIsStillFound() throws {
        let folder = try TemporaryFolder()
        let library = try folder.generatedLibrary(posts: 200, pages: 2, seed: 5)
        let reuters = "SELECT seq FROM post WHERE outlet = 'Reuters'"
        let before = try #require(try Self.count("outlet:reuters said", in: library))
        #expect(before == (try Self.plain(reuters, in: library)))

        // A crafted post at seq 2^62, indexed: its set is too large for a bitmap.
        let other = try DatabaseQueue(path: folder.path + "/library.sqlite")
        let huge = Int64(1) << 62
        try other.write { db in
            try db.execute(
                sql: """
                    INSERT INTO post (seq, id, title, body, outlet, date, ordinal)
                    VALUES (?, 'crafted0001', 'Crafted', 'Officials said so.', 'Reuters', '2021-01-01',
                    (SELECT MAX(ordinal) + 1 FROM post))
                    """, arguments: [huge])
            try db.execute(
                sql: "INSERT INTO post_fts (rowid, title, body) VALUES (?, 'Crafted', 'Officials said so.')",
                arguments: [huge])
        }
        #expect(SeqSet.largestBitmapSeq < huge)
        #expect(try Self.count("outlet:reuters said", in: library) == before + 1)
        #expect(
            try Self.count("-outlet:reuters said", in: library)
                == (try Self.plain(reuters, excluded: true, in: library)))
        let page = try library.search(SearchQuery("outlet:reuters said"), order: .archive, limit: before + 1)
        #expect(page.rows.contains { $0.id == "crafted0001" })
    }

    /// The function refuses a handle it did not hand out on its connection; the person sees a
    /// library error, never the hint for a query the index refused, nor SQL.
    @Test func anUnknownSetReadsAsALibraryError() throws {
        let folder = try TemporaryFolder()
        let library = try folder.generatedLibrary(posts: 50, pages: 1, seed: 5)
        let failure = try library.pool.read { db -> (any Error)? in
            var plan = try SearchPlan(
                SearchQuery("outlet:reuters said"), shelf: .all, in: db, cache: library.cacheScope)
            try plan.readSets(in: db)
            let handle = try #require(plan.sets.first?.set?.handle)
            do {
                _ = try Int.fetchOne(db, sql: "SELECT \(SeqSets.functionName)(?, 1)", arguments: [handle + 1_000])
                return nil
            } catch {
                return error
            }
        }
        let error = try #require(failure)
        #expect((error as? DatabaseError)?.resultCode == .SQLITE_INTERNAL)
        let seen = SearchError(error, path: library.path)
        #expect(seen == .library(.storage("a search's filter set is missing on its connection")))
        #expect(seen.description == "library error: a search's filter set is missing on its connection")
    }
}
