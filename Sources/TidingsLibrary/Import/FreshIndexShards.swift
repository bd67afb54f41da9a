import Foundation
import GRDB

/// The full-text index of a library's first import built as two shards on two threads, then
/// joined into the build's own FTS5 tables by the copy.
///
/// One ``FreshIndex`` thread was the import's critical path: FTS5 builds an index at about one
/// core's pace, and the writer waited on it. Each writer batch goes to the shard that has had
/// less text, so each indexes about half the posts on a core of its own, its rowids still
/// ascending. FTS5's segments are b-trees whose pages name no segment id, so the copy can take
/// shard 2's pages and term index under new segment ids (`%_data` rowids carry the id in their
/// top bits) and write one structure record that stacks shard 2's levels below shard 1's,
/// merges in progress as they are (``FTS5Structure``), with the averages BM25 reads summed
/// (``FTS5Averages``) and the documents' sizes copied as they are. This depends on FTS5's file
/// format, so before the second shard starts the import checks that this SQLite writes the
/// format decoded here (one shard otherwise), and a join that still meets something it cannot
/// decode rebuilds the index from the posts instead.
final class FreshIndexShards {
    /// How a first import's index is built; tests make it small so that a few posts make many
    /// segments on several levels.
    struct Tuning: Sendable {
        /// Threads and files the index is built in: two where there are two cores.
        var shards = ProcessInfo.processInfo.activeProcessorCount < 2 ? 1 : 2
        /// Archive bytes read before the second shard starts: a small import has one, as before.
        /// The shards split the hash and the page cache (their floors too), but a second shard
        /// adds a thread, a connection and a queue of up to two more writer batches, which the
        /// memory bound of a small import (twice its size plus 64 MB) has no room for, and
        /// gains it little.
        var secondShardAfter: Int64 = 32 << 20
        /// Text staged before it is indexed, for all shards together.
        var stagedBytes = FreshIndex.stagedBytes
        /// A fixed FTS5 `hashsize` per shard instead of one that grows with the text.
        var hashBytes: Int?
        /// A fixed FTS5 `pgsz` (leaf page size) in the shards.
        var pageBytes: Int?
        /// Posts per writer transaction (``Importer/postsPerTransaction``).
        var postsPerTransaction: Int?
        /// Told each of two shards' structure once it has committed.
        var observe: (@Sendable (String, FTS5Structure) -> Void)?
        /// Changes the second shard's structure record before the join (to drive the fallback).
        var alterRecord: (@Sendable (Data) -> Data)?
        /// Runs on each of two shards just before it commits, on its connection (tests leave
        /// an incremental merge in progress with it).
        var beforeCommit: (@Sendable (Database) throws -> Void)?
        /// Told how the copy made the library's index.
        var copied: (@Sendable (Copy) -> Void)?

        init() {}
    }

    /// How the copy made the library's index.
    enum Copy: Equatable, Sendable {
        /// From the one shard, as it is.
        case oneShard
        /// The two shards joined, with this structure.
        case joined(FTS5Structure)
        /// Rebuilt from the posts, since a join was refused for this reason.
        case rebuilt(String)
    }

    private(set) var shards: [FreshIndex]
    private let tuning: Tuning
    private let libraryPath: String
    private let definition: String
    /// Bytes of text handed to each shard: the next batch goes to the one with least.
    private var given: [Int]

    /// Makes the first shard's file (``FreshLibrary/indexPaths(for:)``) and starts its thread;
    /// the second comes once the import has read enough (``Tuning/secondShardAfter``).
    init(libraryPath: String, definition: String, tuning: Tuning) throws {
        self.tuning = tuning
        self.libraryPath = libraryPath
        self.definition = definition
        shards = [
            try FreshIndex(path: FreshLibrary.indexPaths(for: libraryPath)[0], definition: definition, tuning: tuning)
        ]
        given = [0]
    }

    /// Whether a second shard may still start: set off when this SQLite's FTS5 does not write
    /// the format the join decodes, or the shard could not be made.
    private lazy var mayAddShard = tuning.shards > 1

    /// Queues posts to index in the shard that has had the least text (the second one, once
    /// started, until it has caught up); `bytesRead` is what the import has read so far.
    func add(_ entries: [FreshIndex.Entry], bytesRead: Int64) throws {
        guard !entries.isEmpty else { return }
        if shards.count == 1, mayAddShard, bytesRead >= tuning.secondShardAfter { addShard() }
        let target = given.indices.min { given[$0] < given[$1] } ?? 0
        try shards[target].add(entries)
        given[target] += entries.reduce(0) { $0 + $1.title.utf8.count + $1.body.utf8.count }
    }

    /// Starts the second shard, unless the format check fails or its file cannot be made: the
    /// first then indexes everything, as before shards.
    private func addShard() {
        mayAddShard = false
        guard Self.writesKnownFormat(definition),
            let second = try? FreshIndex(
                path: FreshLibrary.indexPaths(for: libraryPath)[1], definition: definition, tuning: tuning)
        else { return }
        shards.append(second)
        given.append(0)
        for shard in shards { shard.becomeShard() }
    }

    /// Tells every shard that nothing more comes, then waits until each is indexed and
    /// committed (their last statements run at once); throws what stopped one.
    func finish() throws {
        for shard in shards { shard.close() }
        for shard in shards { try shard.wait() }
    }

    /// Stops every shard without committing; waits for their threads to end.
    func cancel() {
        for shard in shards { shard.cancel() }
    }

    /// Copies the finished shards into the build's empty FTS5 tables, joined; `db` is the
    /// build's connection, outside any transaction.
    func copy(into db: Database) throws {
        guard shards.count == 2 else {
            try FreshIndex.copy(from: shards[0].path, into: db)
            tuning.copied?(.oneShard)
            return
        }
        try db.execute(sql: "ATTACH DATABASE ? AS fresh_index", arguments: [shards[0].path])
        try db.execute(sql: "ATTACH DATABASE ? AS fresh_index_2", arguments: [shards[1].path])
        try db.inTransaction {
            for table in FreshIndex.shadowTables { try db.execute(sql: "DELETE FROM main.\(table)") }
            do {
                let structure = try join(in: db)
                tuning.copied?(.joined(structure))
            } catch let refusal as FTS5Structure.Refusal {
                tuning.copied?(.rebuilt(refusal.description))
                // Not the format decoded here after all: a correct index the slow way, from the
                // posts, rather than a wrong one or none (the join refuses before it writes).
                try db.execute(sql: "INSERT INTO main.post_fts(post_fts) VALUES ('rebuild')")
            }
            return .commit
        }
        try db.execute(sql: "DETACH DATABASE fresh_index_2")
        try db.execute(sql: "DETACH DATABASE fresh_index")
    }

    /// Writes both shards into the build's tables as one index; throws ``FTS5Structure/Refusal``
    /// before writing anything when a shard holds something not decoded exactly.
    private func join(in db: Database) throws -> FTS5Structure {
        let columns = try Self.columnCount(in: db)
        func records(_ schema: String) throws -> (FTS5Structure, FTS5Averages) {
            var record = try FreshIndex.record(FTS5Structure.rowid, in: db, schema: schema)
            if schema == "fresh_index_2", let alter = tuning.alterRecord { record = alter(record) }
            let structure = try FTS5Structure(decoding: record)
            let averages = try FTS5Averages(
                decoding: try FreshIndex.record(FTS5Averages.rowid, in: db, schema: schema), columns: columns)
            // Every other row must be a page of a listed segment; the id is in the top bits.
            let pages = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT count(*) FROM \(schema).post_fts_data WHERE id < (1 << 37) AND id NOT IN (1, 10)),
                        (SELECT max(id) >> 37 FROM \(schema).post_fts_data),
                        (SELECT max(segid) FROM \(schema).post_fts_idx)
                    """)
            guard let pages, pages[0] as Int64 == 0, (pages[1] as Int64? ?? 0) <= Int64(structure.largestID),
                (pages[2] as Int64? ?? 0) <= Int64(structure.largestID)
            else { throw FTS5Structure.Refusal(description: "rows of no listed segment") }
            return (structure, averages)
        }
        let (first, firstAverages) = try records("fresh_index")
        let (second, secondAverages) = try records("fresh_index_2")
        let offset = first.largestID
        let structure = try first.joined(with: second, idOffset: offset)
        let averages = try firstAverages.adding(secondAverages)
        let shift = "(\(offset) << \(FTS5Structure.segmentShift))"
        try db.execute(
            sql:
                "INSERT INTO main.post_fts_data SELECT * FROM fresh_index.post_fts_data WHERE id NOT IN (1, 10)"
        )
        try db.execute(
            sql:
                "INSERT INTO main.post_fts_data SELECT id + \(shift), block FROM fresh_index_2.post_fts_data WHERE id NOT IN (1, 10)"
        )
        try db.execute(
            sql: "INSERT INTO main.post_fts_data (id, block) VALUES (?, ?), (?, ?)",
            arguments: [FTS5Averages.rowid, averages.encoded(), FTS5Structure.rowid, structure.encoded()])
        try db.execute(sql: "INSERT INTO main.post_fts_idx SELECT * FROM fresh_index.post_fts_idx")
        try db.execute(
            sql: "INSERT INTO main.post_fts_idx SELECT segid + \(offset), term, pgno FROM fresh_index_2.post_fts_idx")
        try db.execute(sql: "INSERT INTO main.post_fts_docsize SELECT * FROM fresh_index.post_fts_docsize")
        try db.execute(sql: "INSERT INTO main.post_fts_docsize SELECT * FROM fresh_index_2.post_fts_docsize")
        return structure
    }

    /// The FTS5 table's columns, as its averages record counts them.
    private static func columnCount(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_table_info('post_fts')") ?? 0
    }

    /// True when this SQLite's FTS5, given `definition`, writes what the join decodes: format
    /// version 4, the structure and averages records, and pages at the rowids of `fts5_dri`.
    /// Checked on a one-post index in memory before the shards are made.
    static func writesKnownFormat(_ definition: String) -> Bool {
        do {
            let probe = try DatabaseQueue()
            return try probe.writeWithoutTransaction { db in
                try db.execute(sql: definition)
                // Committed on its own, so FTS5 writes its pending entries as a segment.
                try db.execute(
                    sql: "INSERT INTO post_fts (rowid, title, body, hangul) VALUES (7, 'probe', 'words', '')")
                let record = try FreshIndex.record(FTS5Structure.rowid, in: db)
                let version = try Int.fetchOne(db, sql: "SELECT v FROM post_fts_config WHERE k = 'version'")
                let structure = try FTS5Structure(decoding: record)
                let averages = try FTS5Averages(
                    decoding: try FreshIndex.record(FTS5Averages.rowid, in: db), columns: try columnCount(in: db))
                let firstPage = try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM post_fts_data WHERE id = (1 << 37) + 1")
                return version == 4 && averages.rows == 1 && firstPage == 1 && structure.encoded() == record
                    && structure.levels.map(\.segments)
                        == [[FTS5Structure.Segment(id: 1, firstPage: 1, lastPage: 1)]]
            }
        } catch {
            return false
        }
    }
}
