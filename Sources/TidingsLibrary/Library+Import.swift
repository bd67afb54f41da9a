import Foundation
import GRDB
import TidingsCore

extension Library {
    /// How one post fared in an import; the strongest outcome wins across pages.
    enum PostStatus: Int, Comparable {
        case unchanged, updated, new
        static func < (a: PostStatus, b: PostStatus) -> Bool { a.rawValue < b.rawValue }
    }

    /// The stamps of every imported file, so readers can skip unchanged files without parsing.
    func sourceStamps() throws(LibraryError) -> [String: SourceStamp] {
        try read { db in
            var stamps: [String: SourceStamp] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT path, size, modified, digest FROM source") {
                stamps[row["path"]] = SourceStamp(size: row["size"], modified: row["modified"], digest: row["digest"])
            }
            return stamps
        }
    }

    /// Stores a batch of files in one transaction: either all of them land or none does.
    ///
    /// Statuses are keyed by `seq`: counting an unchanged file's posts then reads the appearance
    /// index alone, never the post rows (at a million posts, reading rows for their text ids made
    /// an unchanged re-import read the whole file).
    func store(_ files: [SourceFile], statuses: inout [Int64: PostStatus], summary: inout ImportSummary) throws(LibraryError) {
        // Durable (the WAL fsynced at each commit, a handful per import): a failing fsync stops
        // the import with an error instead of going unreported while the WAL grows.
        let result: ([Int64: PostStatus], Int) = try save("the imported posts") { db in
            // A bigger page cache keeps the index B-trees of a large import in memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            var local: [Int64: PostStatus] = [:]
            var removed = 0
            var nextOrdinal = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM post") ?? 1
            let lastIndexed = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM post") ?? 0
            for file in files {
                switch file.content {
                case .unreadable:
                    continue
                case .unchanged, .sameBytes:
                    try db.execute(sql: "UPDATE source SET modified = ? WHERE path = ?", arguments: [file.modified, file.path])
                    let seqs = try Int64.fetchAll(db, sql: """
                        SELECT appearance.post FROM appearance JOIN source ON source.id = appearance.source
                        WHERE source.path = ?
                        """, arguments: [file.path])
                    for seq in seqs { local[seq] = max(local[seq] ?? .unchanged, .unchanged) }
                case .parsed(let page):
                    removed += try storePage(page, file: file, in: db, statuses: &local, nextOrdinal: &nextOrdinal)
                }
            }
            // Index this transaction's new posts in one statement, before it commits.
            try db.execute(sql: """
                INSERT INTO post_fts(rowid, title, body, hangul) SELECT seq, title, body, hangul FROM post WHERE seq > ?
                """, arguments: [lastIndexed])
            return (local, removed)
        }
        for (id, status) in result.0 { statuses[id] = max(statuses[id] ?? status, status) }
        summary.postsRemoved += result.1
    }

    /// Replaces one file's contribution to the library; returns how many posts left it.
    private func storePage(_ page: ArchivePage, file: SourceFile, in db: Database,
                           statuses: inout [Int64: PostStatus], nextOrdinal: inout Int) throws -> Int {
        let now = ISO8601DateFormatter().string(from: Date())
        let header = page.header.flatMap(\.label)
        var touched = Set<Int64>()
        let sourceID: Int64
        let replacing: Bool
        if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE path = ?", arguments: [file.path]) {
            sourceID = existing
            replacing = true
            touched.formUnion(try Int64.fetchAll(db, sql: "SELECT post FROM appearance WHERE source = ?", arguments: [sourceID]))
            try db.execute(sql: "DELETE FROM appearance WHERE source = ?", arguments: [sourceID])
            try db.execute(sql: """
                UPDATE source SET size = ?, modified = ?, digest = ?, encoding = ?, headerKind = ?, headerName = ?,
                importedAt = ? WHERE id = ?
                """, arguments: [file.size, file.modified, file.digest, page.encoding?.rawValue,
                                 header?.kind.rawValue, header?.name, now, sourceID])
        } else {
            try db.execute(sql: """
                INSERT INTO source (path, size, modified, digest, encoding, headerKind, headerName, importedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [file.path, file.size, file.modified, file.digest, page.encoding?.rawValue,
                                 header?.kind.rawValue, header?.name, now])
            sourceID = db.lastInsertedRowID
            replacing = false
        }
        let findPost = try db.cachedStatement(sql: "SELECT seq, date, ordinal FROM post WHERE id = ?")
        let insertPost = try db.cachedStatement(sql: """
            INSERT INTO post (id, title, body, outlet, date, ordinal, hangul) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let setDate = try db.cachedStatement(sql: "UPDATE post SET date = ? WHERE seq = ?")
        let insertAppearance = try db.cachedStatement(sql: "INSERT OR REPLACE INTO appearance (source, position, post, author) VALUES (?, ?, ?, ?)")
        let insertLabel = try db.cachedStatement(sql: "INSERT OR IGNORE INTO label (kind, name, ordinal, post) VALUES (?, ?, ?, ?)")

        for (position, post) in page.posts.enumerated() {
            var status = PostStatus.unchanged
            let seq: Int64
            let ordinal: Int
            if let row = try Row.fetchOne(findPost, arguments: [post.id]) {
                seq = row["seq"]
                ordinal = row["ordinal"]
                let storedDate: String? = row["date"]
                if storedDate == nil, let date = post.date {
                    try setDate.execute(arguments: [date.iso, seq])
                    status = .updated
                }
            } else {
                ordinal = nextOrdinal
                nextOrdinal += 1
                try insertPost.execute(arguments: [post.id, post.title, post.paragraphs.joined(separator: "\n"),
                                                   post.outlet, post.date?.iso, ordinal,
                                                   HangulBigrams.indexText(title: post.title, paragraphs: post.paragraphs)])
                seq = db.lastInsertedRowID
                status = .new
            }
            touched.insert(seq)
            // The Posted line's author is whichever author the page header did not give.
            let postedAuthor = post.authors.first { header != PostLabel(.author, $0) }
            try insertAppearance.execute(arguments: [sourceID, position, seq, postedAuthor])
            let labels = post.categories.map { PostLabel(.category, $0) } + post.tags.map { PostLabel(.tag, $0) }
                + post.authors.map { PostLabel(.author, $0) }
            for label in labels {
                try insertLabel.execute(arguments: [label.kind.rawValue, label.name, ordinal, seq])
                if db.changesCount > 0, status == .unchanged { status = .updated }
            }
            statuses[seq] = max(statuses[seq] ?? status, status)
        }
        // A new file can only add; only a file seen before can take labels or posts away.
        return replacing ? try reconcile(touched, in: db, statuses: &statuses) : 0
    }

    /// Drops labels no file gives any more and posts no file contains any more.
    private func reconcile(_ posts: Set<Int64>, in db: Database, statuses: inout [Int64: PostStatus]) throws -> Int {
        var removed = 0
        let dropLabels = try db.cachedStatement(sql: """
            DELETE FROM label WHERE post = ?1 AND NOT EXISTS (
                SELECT 1 FROM appearance a JOIN source s ON s.id = a.source WHERE a.post = ?1
                AND ((s.headerKind = label.kind AND s.headerName = label.name)
                     OR (label.kind = 'author' AND a.author = label.name)))
            """)
        for seq in posts {
            let appearances = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM appearance WHERE post = ?", arguments: [seq]) ?? 0
            if appearances == 0 {
                statuses[seq] = nil
                try db.execute(sql: "DELETE FROM post WHERE seq = ?", arguments: [seq])
                removed += 1
                continue
            }
            try dropLabels.execute(arguments: [seq])
            if db.changesCount > 0 {
                statuses[seq] = max(statuses[seq] ?? .updated, .updated)
            }
        }
        return removed
    }
}
