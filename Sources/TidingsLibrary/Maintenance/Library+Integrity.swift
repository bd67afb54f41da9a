import Foundation
import GRDB

extension Library {
    /// What the browser and every command say when SQLite finds the file damaged.
    public static let damagedAdvice = "the library file is damaged; run `tidings rebuild` (your bookmarks are kept)"

    /// The cheaper check (`PRAGMA quick_check`: page structure, no index-to-table cross-check).
    public func quickCheck() throws(LibraryError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }
    }

    /// FTS5's own check that the full-text index matches the posts; nil when it does, else a
    /// sentence saying what is wrong (never SQL).
    public func fullTextCheck() -> String? {
        do {
            try pool.write { db in
                try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES ('integrity-check', 1)")
            }
            return nil
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
        {
            return "the full-text index does not match the posts"
        } catch {
            return LibraryError(error, path: path).description
        }
    }

    /// What `tidings check` found.
    public struct CheckReport: Sendable {
        /// Problems found; empty when the library is sound.
        public var problems: [String] = []
        public var posts = 0
        public var bookmarks = 0
        /// Archive files whose import stopped part way (killed, or a save failed): their
        /// earlier contents are still in the library, their new ones in part. Not damage:
        /// the next import of them finishes the work.
        public var unfinishedArchives: [String] = []
        /// Set when the path holds something that is not a Tidings library: not damage, and
        /// nothing to rebuild (the file was left untouched).
        public var refusal: String?
        /// True when the library was only readable here: its pages are checked, its full-text
        /// index is not (that check has to write).
        public var isReadOnly = false
        public var isSound: Bool { problems.isEmpty && refusal == nil }
    }

    /// Opens the library at `path` (which must exist) and checks its pages and its full-text
    /// index. Never throws for damage: a file that cannot even be opened is a problem reported.
    public static func check(path: String) -> CheckReport {
        var report = CheckReport()
        let library: Library
        do {
            library = try Library(path: path, mayCreate: false)
        } catch {
            if case .refused = error {
                report.refusal = error.description
            } else {
                report.problems.append(error.description)
            }
            return report
        }
        report.isReadOnly = library.isReadOnly
        do {
            let found = try library.quickCheck()
            if found != ["ok"] { report.problems.append(contentsOf: found.prefix(5).map { "page check: \($0)" }) }
        } catch {
            report.problems.append(error.description)
        }
        // FTS5's check is an INSERT, which a read-only library refuses: skipped there, and said.
        if !library.isReadOnly, let problem = library.fullTextCheck() { report.problems.append(problem) }
        do { report.problems += try library.tallyProblems() } catch { report.problems.append(error.description) }
        report.posts = (try? library.count()) ?? 0
        // One read for the rest. An empty digest marks a file whose replacement has not
        // reached its last slice.
        if let (bookmarks, unfinished) = try? library.read({ db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bookmark") ?? 0,
                try String.fetchAll(db, sql: "SELECT path FROM source WHERE digest = '' ORDER BY path")
            )
        }) {
            report.bookmarks = bookmarks
            report.unfinishedArchives = unfinished
        }
        return report
    }
}
