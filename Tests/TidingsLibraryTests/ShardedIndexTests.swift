import Foundation
import GRDB
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsLibrary

/// A first import's index built in two shards and joined by the copy (``FreshIndexShards``)
/// must be an index FTS5 finds sound and that answers exactly as one built the ordinary way.
@Suite struct ShardedIndexTests {
    /// Queries of every kind search makes: words, prefixes of one, two and more letters,
    /// phrases, a column filter, NOT, and Hangul bigrams.
    static let queries = [
        "korea", "talks", "k*", "se*", "pyo*", "gov*", "\"north korea\"", "\"said the\"", "title : summit",
        "korea NOT talks", "sanctions OR missile", "hangul : \"원산\"",
    ]

    /// Small enough that a few hundred posts make many segments on several levels in each
    /// shard: a tiny FTS5 hash and leaf page, a writer batch of 20 posts, little staged text.
    static func tiny(
        _ seen: Locked<[String: [FTS5Structure]]>? = nil, copies: Locked<[FreshIndexShards.Copy]>? = nil
    ) -> FreshIndexShards.Tuning {
        var tuning = FreshIndexShards.Tuning()
        tuning.shards = 2
        tuning.secondShardAfter = 0
        tuning.hashBytes = 2_048
        tuning.pageBytes = 256
        tuning.postsPerTransaction = 20
        tuning.stagedBytes = 8_192
        if let seen {
            tuning.observe = { path, structure in seen.withLock { $0[path, default: []].append(structure) } }
        }
        if let copies { tuning.copied = { copy in copies.withLock { $0.append(copy) } } }
        return tuning
    }

    static func writeCorpus(_ folder: TemporaryFolder, posts: Int = 600, seed: UInt64 = 3) throws -> String {
        let generator = CorpusGenerator(posts: posts, pages: 12, seed: seed)
        for index in 0..<generator.pages {
            try folder.write("corpus/" + generator.fileName(ofPage: index), generator.page(index))
        }
        return folder.path + "/corpus"
    }

    /// A first import of `corpus` at `name`, built with `tuning`.
    static func firstImport(
        _ folder: TemporaryFolder, _ corpus: String, name: String = "sharded.sqlite",
        tuning: FreshIndexShards.Tuning = tiny()
    ) throws -> String {
        let path = folder.path + "/" + name
        let summary = try FreshLibrary.build(at: path, from: [corpus], whileWaiting: nil, tuning: tuning)
        #expect(summary != nil, "a first import was built")
        return path
    }

    /// The same archives imported into an existing library, indexed in its own transactions.
    static func ordinaryImport(_ folder: TemporaryFolder, _ corpus: String) throws -> String {
        let path = folder.path + "/ordinary.sqlite"
        _ = try Library(path: path).importArchives(at: [corpus])
        return path
    }

    /// Each query's matches, by post id, with their `bm25()` scores written out exactly.
    static func answers(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try queries.map { query in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT post.id, bm25(post_fts) FROM post_fts JOIN post ON post.seq = post_fts.rowid
                        WHERE post_fts MATCH ? ORDER BY post.id
                        """, arguments: [query])
                let matches = rows.map { "\($0[0] as String) \(($0[1] as Double).bitPattern)" }
                return "\(query): \(matches.count) \(matches.joined(separator: ","))"
            }
        }
    }

    /// FTS5's own check of its index against the posts; throws when it finds a fault.
    static func checkIntegrity(_ path: String) throws {
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    /// True when `copies` is one join, of the structure the library at `path` now has.
    static func wasJoined(_ copies: Locked<[FreshIndexShards.Copy]>, _ path: String) throws -> Bool {
        try copies.withLock { $0 } == [.joined(structure(path))]
    }

    static func structure(_ path: String) throws -> FTS5Structure {
        try DatabaseQueue(path: path).read { db in
            try FTS5Structure(decoding: try Data.fetchOne(db, sql: "SELECT block FROM post_fts_data WHERE id = 10")!)
        }
    }

    @Test func twoShardsJoinIntoAnIndexThatAnswersAsTheOrdinaryOne() throws {
        let folder = try TemporaryFolder()
        let corpus = try Self.writeCorpus(folder)
        let seen = Locked<[String: [FTS5Structure]]>([:])
        let copies = Locked<[FreshIndexShards.Copy]>([])
        let sharded = try Self.firstImport(folder, corpus, tuning: Self.tiny(seen, copies: copies))
        let shards = seen.withLock { $0 }
        // The join was really exercised: both shards had segments on more than one level.
        #expect(shards.count == 2)
        for (path, structures) in shards {
            #expect(structures.first.map { $0.levels.filter { !$0.segments.isEmpty }.count } ?? 0 >= 2, "\(path)")
        }
        #expect(try Self.wasJoined(copies, sharded), "\(copies.withLock { $0 })")
        let joined = try Self.structure(sharded)
        #expect(
            joined.segmentCount == shards.values.map { $0.last?.segmentCount ?? 0 }.reduce(0, +),
            "every segment of both shards is in the library's index")
        try Self.checkIntegrity(sharded)
        let ordinary = try Self.ordinaryImport(folder, corpus)
        let expected = try Self.answers(ordinary)
        #expect(expected.allSatisfy { !$0.hasSuffix(": 0 ") }, "every query matches something: \(expected)")
        #expect(try Self.answers(sharded) == expected)
        #expect(try FreshLibraryTests.dump(sharded) == FreshLibraryTests.dump(ordinary))
        for path in FreshLibrary.indexPaths(for: sharded) {
            #expect(!FileManager.default.fileExists(atPath: path), "\(path) was left")
        }
    }

    /// Later imports into a joined index (new posts, posts removed by a changed file, the
    /// posts back) leave it sound and answering as the ordinary one, and FTS5 merges some of
    /// the joined segments into new ones.
    @Test func laterImportsKeepTheJoinedIndexSoundAndRight() throws {
        let folder = try TemporaryFolder()
        let corpus = try Self.writeCorpus(folder)
        let copies = Locked<[FreshIndexShards.Copy]>([])
        let sharded = try Self.firstImport(folder, corpus, tuning: Self.tiny(copies: copies))
        #expect(try Self.wasJoined(copies, sharded), "\(copies.withLock { $0 })")
        try Self.importMore(folder, corpus, into: sharded)
    }

    /// Shards committed in the middle of an incremental merge (with an input the merge has
    /// used up, pages 0–0, or not yet) are joined as they are: the index is sound, answers as
    /// the ordinary one, and later imports (which go on with the merges) keep it so.
    @Test(arguments: [false, true]) func aShardInTheMiddleOfAMergeIsJoinedAsItIs(withInputUsedUp: Bool) throws {
        let folder = try TemporaryFolder()
        let corpus = try Self.writeCorpus(folder)
        let left = Locked<[FTS5Structure]>([])
        let copies = Locked<[FreshIndexShards.Copy]>([])
        var tuning = Self.tiny(copies: copies)
        tuning.beforeCommit = { db in
            // Merges of any two segments or more, a leaf page or so at a time, until one is
            // left in progress (with an input used up, if asked). In this corpus the segments
            // of one level end on the same term and run out together; a merge of all of them
            // (`merge` with a negative count) takes small ones too, which run out first.
            try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('usermerge', 2)")
            if withInputUsedUp { try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('merge', -1)") }
            for _ in 0..<3_000 {
                try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('merge', 1)")
                let record = try Data.fetchOne(db, sql: "SELECT block FROM post_fts_data WHERE id = 10")
                guard let record, let structure = try? FTS5Structure(decoding: record) else { continue }
                let usedUp = structure.levels.contains { level in
                    level.segments.prefix(level.merging).contains { $0.firstPage == 0 && $0.lastPage == 0 }
                }
                if structure.isMerging, usedUp == withInputUsedUp {
                    left.withLock { $0.append(structure) }
                    return
                }
            }
        }
        let sharded = try Self.firstImport(folder, corpus, tuning: tuning)
        #expect(left.withLock { $0.count } == 2, "both shards were left in the middle of a merge")
        #expect(try Self.wasJoined(copies, sharded), "\(copies.withLock { $0 })")
        let joined = try Self.structure(sharded)
        #expect(joined.levels.filter { $0.merging > 0 }.count >= 2, "\(joined)")
        try Self.importMore(folder, corpus, into: sharded)
    }

    /// A join that meets a record it does not decode exactly builds the index from the posts
    /// instead: still sound, still the same answers.
    @Test func anUndecodableShardFallsBackToARebuild() throws {
        let folder = try TemporaryFolder()
        let corpus = try Self.writeCorpus(folder, posts: 200)
        let altered = Locked(0)
        let copies = Locked<[FreshIndexShards.Copy]>([])
        var tuning = Self.tiny(copies: copies)
        tuning.alterRecord = { record in
            altered.withLock { $0 += 1 }
            return record + Data([0])
        }
        let sharded = try Self.firstImport(folder, corpus, tuning: tuning)
        #expect(altered.withLock { $0 } == 1)
        #expect(copies.withLock { $0 } == [.rebuilt("bytes after the structure record")])
        try Self.checkIntegrity(sharded)
        // A rebuild writes one transaction's segments, not the shards' many.
        #expect(try Self.structure(sharded).segmentCount < 4)
        let ordinary = try Self.ordinaryImport(folder, corpus)
        #expect(try Self.answers(sharded) == Self.answers(ordinary))
    }

    @Test func oneShardIsTheIndexBuiltAsBefore() throws {
        let folder = try TemporaryFolder()
        let corpus = try Self.writeCorpus(folder, posts: 200)
        let copies = Locked<[FreshIndexShards.Copy]>([])
        var tuning = Self.tiny(copies: copies)
        tuning.shards = 1
        let seen = Locked(0)
        tuning.observe = { _, _ in seen.withLock { $0 += 1 } }
        let single = try Self.firstImport(folder, corpus, tuning: tuning)
        #expect(seen.withLock { $0 } == 0, "one shard is not told it is one of two")
        #expect(copies.withLock { $0 } == [.oneShard])
        try Self.checkIntegrity(single)
        #expect(try Self.answers(single) == Self.answers(Self.ordinaryImport(folder, corpus)))
    }

    /// Below ``FreshIndexShards/Tuning/secondShardAfter`` bytes read, a first import keeps to
    /// one shard (its memory bound is tight); past it, the second starts.
    @Test func theSecondShardStartsOnlyOnceEnoughIsRead() throws {
        let folder = try TemporaryFolder()
        let corpus = try Self.writeCorpus(folder, posts: 200)
        for (after, shards) in [(Int64(1) << 30, 0), (Int64(20_000), 2)] {
            let seen = Locked<Set<String>>([])
            let copies = Locked<[FreshIndexShards.Copy]>([])
            var tuning = Self.tiny(copies: copies)
            tuning.secondShardAfter = after
            tuning.observe = { path, _ in seen.withLock { _ = $0.insert(path) } }
            let path = try Self.firstImport(folder, corpus, name: "after-\(after).sqlite", tuning: tuning)
            #expect(seen.withLock { $0.count } == shards, "after \(after) bytes")
            if shards == 2 {
                #expect(try Self.wasJoined(copies, path), "\(copies.withLock { $0 })")
            } else {
                #expect(copies.withLock { $0 } == [.oneShard])
            }
            try Self.checkIntegrity(path)
        }
    }

    /// A second shard that cannot be made (here a folder is in the way of its file) leaves the
    /// first to index everything; the import goes on.
    @Test func aSecondShardThatCannotBeMadeLeavesOne() throws {
        let folder = try TemporaryFolder()
        let corpus = try Self.writeCorpus(folder, posts: 200)
        let path = folder.path + "/blocked.sqlite"
        try FileManager.default.createDirectory(
            atPath: FreshLibrary.indexPaths(for: path)[1], withIntermediateDirectories: true)
        let seen = Locked(0)
        let copies = Locked<[FreshIndexShards.Copy]>([])
        var tuning = Self.tiny(copies: copies)
        tuning.observe = { _, _ in seen.withLock { $0 += 1 } }
        _ = try Self.firstImport(folder, corpus, name: "blocked.sqlite", tuning: tuning)
        #expect(seen.withLock { $0 } == 0)
        #expect(copies.withLock { $0 } == [.oneShard])
        try Self.checkIntegrity(path)
        #expect(try Self.answers(path) == Self.answers(Self.ordinaryImport(folder, corpus)))
    }

    @Test func thisSQLiteWritesTheFormatTheJoinDecodes() throws {
        let queue = try DatabaseQueue()
        try Library.migrator.migrate(queue)
        let definition = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'post_fts'")
        }
        #expect(FreshIndexShards.writesKnownFormat(try #require(definition)))
        #expect(!FreshIndexShards.writesKnownFormat("CREATE TABLE post_fts (title, body, hangul)"))
    }
}
