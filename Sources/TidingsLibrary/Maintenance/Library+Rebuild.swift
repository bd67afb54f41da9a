import Foundation
import GRDB
import Glibc

/// What ``Library/rebuild(path:archives:)`` did.
public struct RebuildOutcome: Sendable {
    /// Where the damaged file was moved (never deleted); nil when there was no file.
    public var damagedCopy: String?
    /// Bookmarks read from the damaged file, and from the copy beside it.
    public var bookmarksFromFile = 0
    public var bookmarksFromSidecar = 0
    /// Bookmarks in the new library at the end.
    public var bookmarks = 0
    /// Read marks and reading positions restored.
    public var readingRestored = 0
    /// Archive files and folders re-imported, and those recorded but no longer there.
    public var archives: [String] = []
    public var missingArchives: [String] = []
    public var importSummary = ImportSummary()
    /// Web sources kept from the old file (their posts come back with `tidings update`).
    public var webSources: [String] = []
    /// What could not be read from the damaged file, in words.
    public var problems: [String] = []
}

extension Library {
    /// What could be read from a damaged library.
    struct Salvage {
        var bookmarks: [String: Bookmark] = [:]
        var reading: [String: (readAt: Double?, paragraph: Int, offset: Int)] = [:]
        var sources: [String] = []
        var webSources: [String] = []
        var problems: [String] = []
    }

    /// Rebuilds the library at `path`: saves what the damaged file still holds of bookmarks and
    /// reading state (plus the bookmark copy beside it), moves the file aside as
    /// `PATH.damaged-YYYYMMDD-HHMMSS` (with its -wal and -shm; nothing is deleted), creates a
    /// fresh library, re-imports every archive the old one recorded and `archives`, and
    /// restores the bookmarks and reading state.
    public static func rebuild(
        path: String, archives: [String], now: Date = Date()
    ) throws(LibraryError) -> RebuildOutcome {
        // A file that is no database is someone else's: never moved, never replaced.
        if isForeignFile(path) { throw LibraryError.notALibrary(path: path) }
        var outcome = RebuildOutcome()
        let manager = FileManager.default
        var salvage = Salvage()
        if manager.fileExists(atPath: path) {
            salvage = salvageFile(path)
            outcome.problems = salvage.problems
            outcome.bookmarksFromFile = salvage.bookmarks.count
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            var aside = path + ".damaged-" + formatter.string(from: now)
            var suffix = 1
            while manager.fileExists(atPath: aside) {
                suffix += 1
                aside = path + ".damaged-" + formatter.string(from: now) + "-\(suffix)"
            }
            // The -wal holds committed transactions: it must travel with its file.
            for ending in ["-wal", "-shm", ""] where manager.fileExists(atPath: path + ending) {
                guard Glibc.rename(path + ending, aside + ending) == 0 else {
                    throw LibraryError.storage(
                        "could not move the damaged library aside: \(String(cString: strerror(errno)))")
                }
            }
            AtomicFile.syncFolder((path as NSString).deletingLastPathComponent)
            outcome.damagedCopy = aside
        }
        let sidecar = BookmarkSidecar.read(forLibrary: path)
        outcome.bookmarksFromSidecar = sidecar.count
        // The copy is clean JSON: its entries win; the damaged file adds what the copy lacks
        // (a change made after the copy was last written).
        var bookmarks = salvage.bookmarks
        for bookmark in sidecar { bookmarks[bookmark.postID] = bookmark }

        let library = try Library(path: path)
        var paths: [String] = []
        for source in salvage.sources {
            if manager.fileExists(atPath: source) {
                paths.append(source)
            } else {
                outcome.missingArchives.append(source)
            }
        }
        paths += archives
        outcome.archives = paths
        if !paths.isEmpty { outcome.importSummary = try library.importArchives(at: paths) }
        outcome.webSources = try library.keepWebSources(salvage.webSources)
        // Restore even with nothing to restore: it also writes the bookmark copy afresh.
        _ = try library.restoreBookmarks(bookmarks.values.sorted { $0.bookmarkedAt < $1.bookmarkedAt })
        Library.flushBookmarkSidecars()
        outcome.bookmarks = try library.bookmarks().count
        outcome.readingRestored = try library.save("the reading state", durable: true) { db in
            for (id, state) in salvage.reading {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO reading (postID, readAt, paragraph, characterOffset) VALUES (?, ?, ?, ?)
                        """, arguments: [id, state.readAt, state.paragraph, state.offset])
            }
            return salvage.reading.count
        }
        return outcome
    }

    /// Whether `id` looks like a post id (12 lowercase letters and digits): a damaged page may
    /// yield garbage for a row that still parses.
    static func isPostID(_ id: String?) -> Bool {
        guard let id, id.utf8.count == 12 else { return false }
        return id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Reads as much as it can of the bookmarks, reading state and archive paths of a damaged
    /// file, opened read-only; a table that breaks off midway keeps the rows read before.
    static func salvageFile(_ path: String) -> Salvage {
        var salvage = Salvage()
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            salvage.problems.append("the damaged file could not be opened at all")
            return salvage
        }
        // Reads rows until the end or the first error, which is noted in words.
        func scan(_ db: Database, _ what: String, _ sql: String, _ take: (Row) -> Void) {
            do {
                let rows = try Row.fetchCursor(db, sql: sql)
                while let row = try rows.next() { take(row) }
            } catch {
                let note = "could not read all of the \(what) in the damaged file"
                if !salvage.problems.contains(note) { salvage.problems.append(note) }
            }
        }
        queue.inDatabase { db in
            // The table, then its time index (a second B-tree that may have survived).
            // Every value read leniently (`Row.salvaged`): a bookmark whose time is unreadable
            // is kept with the time of the rebuild rather than lost.
            let now = Date()
            scan(db, "bookmarks", "SELECT postID, createdAt, title, outlet FROM bookmark") { row in
                guard let id = row.salvaged("postID", as: String.self), isPostID(id) else { return }
                salvage.bookmarks[id] = Bookmark(
                    postID: id,
                    bookmarkedAt: row.salvaged("createdAt", as: Double.self).map { Date(timeIntervalSince1970: $0) }
                        ?? now,
                    title: row.salvaged("title"), outlet: row.salvaged("outlet"), isInLibrary: false)
            }
            scan(
                db, "bookmarks", "SELECT postID, createdAt FROM bookmark INDEXED BY bookmark_by_time ORDER BY createdAt"
            ) { row in
                if let id = row.salvaged("postID", as: String.self), isPostID(id), salvage.bookmarks[id] == nil {
                    salvage.bookmarks[id] = Bookmark(
                        postID: id,
                        bookmarkedAt: row.salvaged("createdAt", as: Double.self).map { Date(timeIntervalSince1970: $0) }
                            ?? now,
                        isInLibrary: false)
                }
            }
            scan(db, "reading state", "SELECT postID, readAt, paragraph, characterOffset FROM reading") { row in
                guard let id = row.salvaged("postID", as: String.self), isPostID(id) else { return }
                salvage.reading[id] = (
                    row.salvaged("readAt"), row.salvaged("paragraph") ?? 0, row.salvaged("characterOffset") ?? 0
                )
            }
            scan(db, "list of archives", "SELECT path FROM source ORDER BY id") { row in
                if let path = row.salvaged("path", as: String.self), path.hasPrefix("/") {
                    salvage.sources.append(path)
                }
            }
            salvage.webSources = salvageWebSources(db)
        }
        try? queue.close()
        return salvage
    }
}
