import Foundation
import GRDB

/// The full-text index of a library's first import, built on a thread of its own in a file
/// beside the build, then copied into it.
///
/// FTS5 indexing is most of the single writer's work, and SQLite lets one connection write a
/// file at a time; a second file has a writer of its own. So while the build's writer stores
/// the posts, this thread indexes them into an FTS5 table made from the same definition
/// (read from the build, so that it follows the schema), and at the end the index's rows
/// (`post_fts_data`, `post_fts_idx`, `post_fts_docsize`: FTS5's segments, their term index and
/// the documents' sizes) are copied into the build's own, empty, shadow tables: the same table
/// definition gives the same file format. The index file is as invisible as the build and
/// removed with it. A large import has two of these, joined by the copy (``FreshIndexShards``).
final class FreshIndex: @unchecked Sendable {
    /// One post to index.
    struct Entry {
        var seq: Int64
        var title: String
        var body: String
        var hangul: String?
    }

    let path: String
    /// How the index is built: ``FreshIndexShards/Tuning``.
    private let tuning: FreshIndexShards.Tuning
    private let queue: DatabaseQueue
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [[Entry]] = []
    private var closing = false
    private var cancelled = false
    private var finished = false
    private var failure: (any Error)?
    /// Whether this index is one of two shards (``FreshIndexShards``): then it takes half the
    /// memory.
    private var isShard = false

    /// Makes the index file at `path` with the table `definition` (a `CREATE VIRTUAL TABLE`)
    /// and starts its thread; with more than one shard in `tuning`, this is one of them.
    init(path: String, definition: String, tuning: FreshIndexShards.Tuning = FreshIndexShards.Tuning()) throws {
        self.path = path
        self.tuning = tuning
        var configuration = Configuration()
        configuration.label = "tidings-import-index"
        configuration.prepareDatabase { db in
            // Before the file has any content. FTS5 stores its index as blobs of about 4 KB,
            // one to a 4 KB page: 64 KB pages hold sixteen, and building the index of a first
            // import then takes about a quarter less CPU (fewer pages to allocate, write and
            // read back in merges). The rows are copied into the library, whose pages stay as
            // they are.
            try db.execute(sql: "PRAGMA page_size = 65536")
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: definition)
            if let pageBytes = tuning.pageBytes {
                try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('pgsz', ?)", arguments: [pageBytes])
            }
        }
        let thread = Thread { [self] in work() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues posts to index, waiting while two batches are already waiting (memory stays
    /// bounded when indexing is the slower side); throws what stopped the indexing.
    func add(_ entries: [Entry]) throws {
        condition.lock()
        defer { condition.unlock() }
        while pending.count >= 2, failure == nil, !finished { condition.wait() }
        if let failure { throw failure }
        pending.append(entries)
        condition.broadcast()
    }

    /// Makes this index one of two shards from its next statement on.
    func becomeShard() {
        condition.lock()
        isShard = true
        condition.unlock()
    }

    private var shards: Int {
        condition.lock()
        defer { condition.unlock() }
        return isShard ? 2 : 1
    }

    /// Tells the thread that nothing more comes: it indexes what is queued and commits.
    func close() {
        condition.lock()
        closing = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until everything queued is indexed and committed, after ``close()``; throws what
    /// stopped it.
    func wait() throws {
        condition.lock()
        while !finished { condition.wait() }
        let failure = failure
        condition.unlock()
        if let failure { throw failure }
        try queue.close()
    }

    /// Stops the thread without committing (the build failed); waits for it to end.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        try? queue.close()
    }

    /// The next batch, or nil when closing with nothing left or cancelled.
    private func next() -> [Entry]? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty, !closing, !cancelled { condition.wait() }
        if cancelled || pending.isEmpty { return nil }
        condition.broadcast()
        return pending.removeFirst()
    }

    /// Text staged before it is indexed in one statement. FTS5 (SQLite 3.40) writes out its
    /// pending entries at the start of every statement that writes it, so indexing post by
    /// post made a segment of each post (three times the work, merges included); the posts
    /// are therefore put in a plain table first and indexed from it a large batch at a time.
    static let stagedBytes = 32 << 20

    private func work() {
        var failure: (any Error)?
        do {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN")
                try db.execute(sql: "CREATE TABLE stage (seq INTEGER PRIMARY KEY, title TEXT, body TEXT, hangul TEXT)")
                let stage = try db.makeStatement(
                    sql: "INSERT INTO stage (seq, title, body, hangul) VALUES (?, ?, ?, ?)")
                var total = 0
                var staged = 0
                func index() throws {
                    // The page cache FTS5's merges read segments back through: half the
                    // writer's (8 to 32 MB), as it grows with the text, for the memory bound;
                    // shards share it, and the hash, as they share the text.
                    let shards = self.shards
                    let read = Int64(total * shards)
                    try db.execute(
                        sql: "PRAGMA cache_size = -\(Library.importCacheKiB(afterReading: read) / 2 / shards)")
                    try Library.setIndexHashSize(
                        tuning.hashBytes ?? FreshLibrary.hashBytes(afterReading: read) / shards, in: db)
                    try db.execute(
                        sql:
                            "INSERT INTO post_fts (rowid, title, body, hangul) SELECT seq, title, body, hangul FROM stage"
                    )
                    try db.execute(sql: "DELETE FROM stage")
                    staged = 0
                }
                while let batch = next() {
                    for entry in batch {
                        let bytes = entry.title.utf8.count + entry.body.utf8.count
                        total += bytes
                        staged += bytes
                        try stage.execute(arguments: [entry.seq, entry.title, entry.body, entry.hangul])
                    }
                    if staged >= tuning.stagedBytes / shards { try index() }
                }
                if staged > 0 { try index() }
                condition.lock()
                let wasCancelled = cancelled
                condition.unlock()
                if !wasCancelled, shards > 1 {
                    // Committed as it is, incremental merges in progress included: the join
                    // stacks the shards' levels, so each merge stays valid (``FTS5Structure/
                    // joined(with:idOffset:)``).
                    try tuning.beforeCommit?(db)
                }
                // FTS5 writes what it still holds in memory at the commit.
                try db.execute(sql: wasCancelled ? "ROLLBACK" : "COMMIT")
                if !wasCancelled, shards > 1, let observe = tuning.observe,
                    let structure = try? FTS5Structure(decoding: FreshIndex.record(FTS5Structure.rowid, in: db))
                {
                    observe(path, structure)
                }
            }
        } catch {
            failure = error
        }
        condition.lock()
        self.failure = failure
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// FTS5's tables that hold an index (its segments, their term index and the documents'
    /// sizes): what a copy takes from an index file into the build.
    static let shadowTables = ["post_fts_data", "post_fts_idx", "post_fts_docsize"]

    /// The `post_fts_data` row `rowid` of `schema` (FTS5's averages or structure record), empty
    /// when there is none, for the strict decoders to refuse.
    static func record(_ rowid: Int64, in db: Database, schema: String = "main") throws -> Data {
        try Data.fetchOne(db, sql: "SELECT block FROM \(schema).post_fts_data WHERE id = ?", arguments: [rowid])
            ?? Data()
    }

    /// Copies the finished index into the build's empty FTS5 table; `db` is the build's
    /// connection, outside any transaction.
    static func copy(from path: String, into db: Database) throws {
        try db.execute(sql: "ATTACH DATABASE ? AS fresh_index", arguments: [path])
        try db.inTransaction {
            for table in shadowTables {
                try db.execute(sql: "DELETE FROM main.\(table)")
                try db.execute(sql: "INSERT INTO main.\(table) SELECT * FROM fresh_index.\(table)")
            }
            return .commit
        }
        try db.execute(sql: "DETACH DATABASE fresh_index")
    }
}
