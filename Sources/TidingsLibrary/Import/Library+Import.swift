import Foundation
import GRDB
import TidingsCore

extension Library {
    /// Imports every archive file named, or found in the folders named: new and changed files
    /// are parsed and stored, unchanged ones skipped (``Importer``). A bad file is reported in
    /// the summary, never thrown; this throws only when the library itself fails.
    ///
    /// `whileWaiting` is called once when another import holds the library's lock and this
    /// one has to wait for it (the CLI says so on standard error, rather than seeming to hang).
    public func importArchives(
        at paths: [String], whileWaiting: (@Sendable () -> Void)? = nil
    ) throws(LibraryError) -> ImportSummary {
        var importer = Importer(library: self)
        importer.onWaitingForLock = whileWaiting
        return try importer.run(paths: paths)
    }

    /// How one post fared in an import; the strongest outcome wins across pages.
    enum PostStatus: Int, Comparable {
        case unchanged, updated, new
        static func < (a: PostStatus, b: PostStatus) -> Bool { a.rawValue < b.rawValue }
    }

    /// The stamps of every file imported to its end, so readers can skip unchanged files
    /// without parsing. A file whose import stopped part way (its digest still empty, see
    /// ``ImportTransaction``) has none: it is read again and its import completed.
    func sourceStamps() throws(LibraryError) -> [RawPath.Key: SourceStamp] {
        try read { db in
            var stamps: [RawPath.Key: SourceStamp] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, size, modified, digest FROM source WHERE digest <> ''") {
                stamps[RawPath.Key(row["path"])] = SourceStamp(
                    size: row["size"], modified: row["modified"], digest: row["digest"])
            }
            return stamps
        }
    }

    /// The page cache of the import's writer, in KiB, once the import has read `bytes` of
    /// changed files: as much as it has read, between 16 MB and 64 MB. The cache fills to its
    /// size on any large import and counts against the memory bound (twice the file plus
    /// 64 MB): one 10.9 MB file of 100,000 posts peaked at 100 MB with a 64 MB cache and at
    /// 72 MB with 16 MB. A large import gains from the larger cache: with 16 MB, the
    /// 100,000-post benchmark (205 MB in 1,000 files) made 71% more reads and 10% more writes
    /// (strace) and took 4% longer. No more cache than data read keeps within the bound.
    static func importCacheKiB(afterReading bytes: Int64) -> Int {
        Int(min(max(bytes / 1024, 16 << 10), 64 << 10))
    }

    /// The most memory FTS5 may use for posts indexed but not yet written out (its `hashsize`),
    /// in bytes. Each time the pending entries outgrow it, FTS5 writes a segment to merge later:
    /// with its default of 1 MB a 4,000-post transaction made a dozen small segments, and the
    /// merging cost more than the indexing. A transaction writes its pending entries at commit
    /// whatever the setting, so this bounds the memory of a large one only.
    static let importHashBytes = 16 << 20

    /// Stores a batch of steps in one durable transaction: either all of them land or none does.
    ///
    /// Statuses are keyed by `seq`; removals are added to `summary`.
    func store(
        _ batch: Importer.Batch, statuses: inout [Int64: PostStatus], summary: inout ImportSummary
    ) throws(LibraryError) {
        // Durable (the WAL fsynced at each commit, a handful per import): a failing fsync stops
        // the import with an error instead of going unreported while the WAL grows.
        let result: ([Int64: PostStatus], Int) = try save("the imported posts") { db in
            try db.execute(sql: "PRAGMA cache_size = -\(Library.importCacheKiB(afterReading: batch.bytesRead))")
            try Library.setIndexHashSize(Library.importHashBytes, in: db)
            let written = try Library.write(batch.steps, importedAt: batch.importedAt, in: db)
            return (written.statuses, written.removed)
        }
        for (id, status) in result.0 { statuses[id] = max(statuses[id] ?? status, status) }
        summary.postsRemoved += result.1
    }

    /// Writes a batch's steps, in the caller's transaction, and indexes its new posts (or,
    /// with `indexElsewhere`, returns them to be indexed by a ``FreshIndex``). Returns the
    /// statuses of the posts it touched and how many posts left the library.
    static func write(
        _ steps: [ImportStep], importedAt: String, in db: Database, indexElsewhere: Bool = false
    ) throws -> (statuses: [Int64: PostStatus], removed: Int, inserted: [FreshIndex.Entry]) {
        let lastIndexed = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM post") ?? 0
        var transaction = try ImportTransaction(db: db, importedAt: importedAt)
        if indexElsewhere { transaction.inserted = [] }
        for step in steps { try transaction.store(step) }
        if !indexElsewhere {
            // Index the batch's new posts in one statement (three times faster than a row trigger).
            try db.execute(
                sql: """
                    INSERT INTO post_fts(rowid, title, body, hangul) SELECT seq, title, body, hangul FROM post WHERE seq > ?
                    """, arguments: [lastIndexed])
        }
        return (transaction.statuses, transaction.removed, transaction.inserted ?? [])
    }

    /// Sets FTS5's `hashsize` (see ``importHashBytes``), writing only when it differs: the
    /// setting is stored in the index's configuration table.
    static func setIndexHashSize(_ bytes: Int, in db: Database) throws {
        let current = try Int.fetchOne(db, sql: "SELECT v FROM post_fts_config WHERE k = 'hashsize'")
        guard current != bytes else { return }
        try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('hashsize', ?)", arguments: [bytes])
    }
}
