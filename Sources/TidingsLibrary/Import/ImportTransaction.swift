import GRDB
import TidingsCore

/// What one import transaction writes: the bookkeeping of unchanged files and the slices of
/// changed ones.
///
/// A changed file replaces what it gave before, and a large one does so across transactions,
/// a slice of posts at a time (the importer commits every few thousand posts, so that neither
/// the parsed posts nor the transaction grow with the file). The replacement:
/// - opens with the file's first slice: the appearances the file had move below position 0,
///   where the new ones cannot overwrite them, so their posts keep their rows, ordinals and
///   labels until the end; the source row's digest is emptied, so that nothing takes the file
///   as imported until its last slice is stored;
/// - adds each slice's appearances at positions 0, 1, 2…;
/// - completes with the last slice: the old appearances go, the posts that lost one are
///   reconciled (labels no file gives any more, posts no file has any more), and the digest
///   is written.
///
/// Killed between two slices, the library holds the old appearances and some of the new,
/// every post still in some file: sound. (Its labels are judged by the file's new page
/// header from the first slice on, so a file whose header changed may have lost the old
/// header's label on posts another file reconciles before this one is completed; completing
/// it settles that. Within one run nothing else reconciles between a file's slices, and
/// ``ImportLock`` keeps a second import out.) The next import finds no
/// stamp for the file, reads it again and replaces it afresh, the appearances of the unfinished
/// replacement moving below 0 with the rest; the posts it stored are found again by their ids,
/// and its completion takes back everything any earlier version of the file gave.
struct ImportTransaction {
    let db: Database
    /// The time written in the source rows (ISO 8601).
    let importedAt: String
    /// Each post the transaction touched, with its strongest outcome; keyed by `seq`.
    private(set) var statuses: [Int64: Library.PostStatus] = [:]
    /// Posts that left the library: no file has them any more.
    private(set) var removed = 0
    /// The posts inserted, for an index built elsewhere (``FreshIndex``); nil when the caller
    /// indexes them from the table.
    var inserted: [FreshIndex.Entry]?
    private var nextOrdinal: Int

    init(db: Database, importedAt: String) throws {
        self.db = db
        self.importedAt = importedAt
        nextOrdinal = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM post") ?? 1
    }

    /// Writes one step: an unchanged file's bookkeeping, or a slice (opening or completing its
    /// file's replacement when it is the first or the last).
    mutating func store(_ step: ImportStep) throws {
        switch step {
        case .unchanged(let file):
            try keep(file)
        case .slice(let slice):
            let source = slice.isFirst ? try open(slice) : try sourceID(slice.file.path)
            try add(slice.page, at: slice.position, source: source)
            if slice.isLast { try complete(slice.file, source: source) }
        }
    }

    /// An unchanged file: its time is updated and its posts counted as unchanged. Statuses are
    /// read off the appearance index alone, never the post rows (at a million posts, reading
    /// rows for their text ids made an unchanged re-import read the whole file).
    private mutating func keep(_ file: SourceFile) throws {
        try db.execute(sql: "UPDATE source SET modified = ? WHERE path = ?", arguments: [file.modified, file.path])
        let seqs = try Int64.fetchAll(
            db,
            sql: """
                SELECT appearance.post FROM appearance JOIN source ON source.id = appearance.source
                WHERE source.path = ?
                """, arguments: [file.path])
        for seq in seqs { statuses[seq] = max(statuses[seq] ?? .unchanged, .unchanged) }
    }

    private func sourceID(_ path: String) throws -> Int64 {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE path = ?", arguments: [path]) else {
            throw LibraryError.storage("the archive \(path) was lost from the library while it was imported")
        }
        return id
    }

    /// Opens the replacement of a file (see the type's comment); returns its source id.
    private func open(_ slice: ImportStep.Slice) throws -> Int64 {
        let file = slice.file
        let header = slice.page.header.flatMap(\.label)
        let details: [(any DatabaseValueConvertible)?] = [
            file.size, file.modified, slice.page.encoding?.rawValue,
            header?.kind.rawValue, header?.name, importedAt,
        ]
        guard let existing = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE path = ?", arguments: [file.path])
        else {
            try db.execute(
                sql: """
                    INSERT INTO source (size, modified, encoding, headerKind, headerName, importedAt, path, digest)
                    VALUES (?, ?, ?, ?, ?, ?, ?, '')
                    """, arguments: StatementArguments(details + [file.path]))
            return db.lastInsertedRowID
        }
        // Below whatever an unfinished replacement left there, so that positions stay unique.
        let floor = min(
            0,
            try Int.fetchOne(
                db, sql: "SELECT MIN(position) FROM appearance WHERE source = ?",
                arguments: [existing]) ?? 0)
        try db.execute(
            sql: "UPDATE appearance SET position = ? - 1 - position WHERE source = ? AND position >= 0",
            arguments: [floor, existing])
        try db.execute(
            sql: """
                UPDATE source SET size = ?, modified = ?, encoding = ?, headerKind = ?, headerName = ?, importedAt = ?,
                digest = '' WHERE id = ?
                """, arguments: StatementArguments(details + [existing]))
        return existing
    }

    /// The statements ``add(_:at:source:)`` runs per post, prepared once per transaction.
    private struct PostStatements {
        /// A post is found by its id, else by an alias a web copy gave it (Library+WebSchema).
        let find: WriterStatement
        let insert: WriterStatement
        let setDate: WriterStatement
        /// A plain INSERT: positions 0… are free once the replacement is open, and a clash would
        /// be a bug to stop on, not an old appearance to overwrite and so never take back.
        let insertAppearance: WriterStatement
        let insertLabel: WriterStatement

        init(_ db: Database) throws {
            find = try WriterStatement(
                db,
                sql: """
                    SELECT seq, date, ordinal FROM post WHERE id = ?1
                    UNION ALL SELECT p.seq, p.date, p.ordinal FROM post_alias a JOIN post p ON p.seq = a.post WHERE a.id = ?1
                    LIMIT 1
                    """)
            insert = try WriterStatement(
                db,
                sql: """
                    INSERT INTO post (id, title, body, outlet, date, ordinal, hangul) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            setDate = try WriterStatement(db, sql: "UPDATE post SET date = ? WHERE seq = ?")
            insertAppearance = try WriterStatement(
                db, sql: "INSERT INTO appearance (source, position, post, author) VALUES (?, ?, ?, ?)")
            insertLabel = try WriterStatement(
                db, sql: "INSERT OR IGNORE INTO label (kind, name, ordinal, post) VALUES (?, ?, ?, ?)")
        }
    }
    private var postStatements: PostStatements?

    /// Stores a slice's posts (new ones inserted, known ones found by id) and their appearances.
    private mutating func add(_ page: ArchivePage, at firstPosition: Int, source: Int64) throws {
        let header = page.header.flatMap(\.label)
        let statements = try postStatements ?? PostStatements(db)
        postStatements = statements

        for (offset, post) in page.posts.enumerated() {
            var status = Library.PostStatus.unchanged
            let seq: Int64
            let ordinal: Int
            try statements.find.bind(1, post.id)
            if let found = try statements.find.first({ ($0.int64(0), $0.isNull(1), $0.int64(2)) }) {
                seq = found.0
                ordinal = Int(found.2)
                if found.1, let date = post.date {
                    try statements.setDate.bind(1, date.iso)
                    try statements.setDate.bind(2, seq)
                    try statements.setDate.run()
                    status = .updated
                }
            } else {
                ordinal = nextOrdinal
                nextOrdinal += 1
                let body = post.paragraphs.joined(separator: "\n")
                let hangul = HangulBigrams.indexText(title: post.title, paragraphs: post.paragraphs)
                let insert = statements.insert
                try insert.bind(1, post.id)
                try insert.bind(2, post.title)
                try insert.bind(3, body)
                try insert.bind(4, post.outlet)
                try insert.bind(5, post.date?.iso)
                try insert.bind(6, Int64(ordinal))
                try insert.bind(7, hangul)
                try insert.run()
                seq = db.lastInsertedRowID
                inserted?.append(FreshIndex.Entry(seq: seq, title: post.title, body: body, hangul: hangul))
                status = .new
            }
            // The Posted line's author is whichever author the page header did not give.
            let postedAuthor = post.authors.first { header != PostLabel(.author, $0) }
            try statements.insertAppearance.bind(1, source)
            try statements.insertAppearance.bind(2, Int64(firstPosition + offset))
            try statements.insertAppearance.bind(3, seq)
            try statements.insertAppearance.bind(4, postedAuthor)
            try statements.insertAppearance.run()
            let labels =
                post.categories.map { PostLabel(.category, $0) } + post.tags.map { PostLabel(.tag, $0) }
                + post.authors.map { PostLabel(.author, $0) }
            for label in labels {
                try statements.insertLabel.bind(1, label.kind.rawValue)
                try statements.insertLabel.bind(2, label.name)
                try statements.insertLabel.bind(3, Int64(ordinal))
                try statements.insertLabel.bind(4, seq)
                try statements.insertLabel.run()
                if db.changesCount > 0, status == .unchanged { status = .updated }
            }
            statuses[seq] = max(statuses[seq] ?? status, status)
        }
    }

    /// Completes the replacement of a file: takes back what it gave before, then stamps it.
    private mutating func complete(_ file: SourceFile, source: Int64) throws {
        let old = try Int64.fetchSet(
            db, sql: "SELECT post FROM appearance WHERE source = ? AND position < 0", arguments: [source])
        if !old.isEmpty {
            try db.execute(sql: "DELETE FROM appearance WHERE source = ? AND position < 0", arguments: [source])
            try reconcile(old)
        }
        // Only now may a later import skip the file as unchanged.
        try db.execute(sql: "UPDATE source SET digest = ? WHERE id = ?", arguments: [file.digest, source])
    }

    /// Drops labels no file (nor web page) gives any more and posts no file contains any more,
    /// unless the web gave them (``Library/webSchema``). Only posts
    /// that lost an appearance can lose anything: a label is given by an appearance.
    private mutating func reconcile(_ posts: Set<Int64>) throws {
        let dropLabels = try db.cachedStatement(
            sql: """
                DELETE FROM label WHERE post = ?1 AND NOT EXISTS (
                    SELECT 1 FROM appearance a JOIN source s ON s.id = a.source WHERE a.post = ?1
                    AND ((s.headerKind = label.kind AND s.headerName = label.name)
                         OR (label.kind = 'author' AND a.author = label.name)))
                AND NOT EXISTS (SELECT 1 FROM web_label w WHERE w.post = ?1 AND w.kind = label.kind AND w.name = label.name)
                """)
        // A post the web gave (`post.web`) stays when no file has it: web posts accumulate.
        let countAppearances = try db.cachedStatement(
            sql: """
                SELECT (SELECT COUNT(*) FROM appearance WHERE post = ?1) + (SELECT web FROM post WHERE seq = ?1)
                """)
        let deletePost = try db.cachedStatement(sql: "DELETE FROM post WHERE seq = ?")
        for seq in posts {
            if try Int.fetchOne(countAppearances, arguments: [seq]) ?? 0 == 0 {
                statuses[seq] = nil
                try deletePost.execute(arguments: [seq])
                removed += 1
                continue
            }
            try dropLabels.execute(arguments: [seq])
            if db.changesCount > 0 {
                statuses[seq] = max(statuses[seq] ?? .updated, .updated)
            }
        }
    }
}
