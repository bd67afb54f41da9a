import Foundation
import GRDB
import TidingsCore

extension Library {
    /// Stores a page or feed read from the source at `sourceURL`, creating the source when new;
    /// with no source (a local file given to `tidings import`), stores the posts only.
    ///
    /// Web posts accumulate (see ``webSchema``); a post already in the library (by its content
    /// id, else by a web address naming the same story) is merged (see ``WebPageStore``). The
    /// source is marked not caught up in the same transaction, so a run killed after this page
    /// leaves it so. Durable like an import: the WAL is fsynced at the commit.
    public func storeWebPage(_ page: WebPage, source sourceURL: String?) throws(LibraryError) -> WebPageResult {
        try save("the posts of \(sourceURL ?? page.url)") { db in
            var source: Int64?
            if let sourceURL {
                let id = try Library.upsertWebSource(sourceURL, kind: page.kind, title: page.title, in: db)
                try db.execute(sql: "UPDATE web_source SET caughtUp = 0 WHERE id = ?", arguments: [id])
                source = id
            }
            var store = try WebPageStore(db: db, source: source)
            return try store.store(page)
        }
    }

    /// Remembers how a run of the source at `url` ended, creating the source when new (so a
    /// first fetch that failed is still followed, and says why in `tidings sources`).
    public func recordWebFetch(_ url: String, _ record: WebFetchRecord, at time: Date = Date()) throws(LibraryError) {
        let stamp = Library.isoTime(time)
        try save("the state of \(url)") { db in
            switch record {
            case .completed(let kind, let title, let validators, let caughtUp):
                // No kind (a 304) keeps the stored one.
                let source = try Library.upsertWebSource(url, kind: kind, title: title, in: db)
                try db.execute(
                    sql: "UPDATE web_source SET fetchedAt = ?, lastError = NULL, caughtUp = ? WHERE id = ?",
                    arguments: [stamp, caughtUp, source])
                if let validators {
                    try db.execute(
                        sql: "UPDATE web_source SET etag = ?, lastModified = ? WHERE id = ?",
                        arguments: [validators.etag, validators.lastModified, source])
                }
            case .failed(let message):
                let source = try Library.upsertWebSource(url, kind: nil, title: nil, in: db)
                try db.execute(
                    sql: "UPDATE web_source SET fetchedAt = ?, lastError = ? WHERE id = ?",
                    arguments: [stamp, message, source])
            }
        }
    }

    /// Every source, in the order they were added.
    public func webSources() throws(LibraryError) -> [WebSource] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.*, (SELECT COUNT(*) FROM web_appearance a WHERE a.source = s.id) AS posts
                    FROM web_source s ORDER BY s.id
                    """
            ).map(Library.webSource)
        }
    }

    /// The source at `url`, if Tidings follows it.
    public func webSource(_ url: String) throws(LibraryError) -> WebSource? {
        try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT s.*, (SELECT COUNT(*) FROM web_appearance a WHERE a.source = s.id) AS posts
                    FROM web_source s WHERE s.url = ?
                    """, arguments: [url]
            ).map(Library.webSource)
        }
    }

    /// Forgets the source at `url`; its posts stay (they are marked as from the web). False
    /// when there was no such source.
    @discardableResult
    public func removeWebSource(_ url: String) throws(LibraryError) -> Bool {
        try save("the removal of \(url)") { db in
            try db.execute(sql: "DELETE FROM web_source WHERE url = ?", arguments: [url])
            return db.changesCount > 0
        }
    }

    /// Holds the library's import lock (``ImportLock``) until the returned value is released:
    /// a web run and a file import never interleave their writes.
    public func holdImportLock() -> ImportLockHold {
        ImportLockHold(ImportLock.acquire(forLibrary: path))
    }

    static func isoTime(_ time: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: time)
    }

    private static func webSource(_ row: Row) -> WebSource {
        WebSource(
            url: row["url"], kind: WebSource.Kind(rawValue: row["kind"]) ?? .pages, title: row["title"],
            etag: row["etag"], lastModified: row["lastModified"], lastFetched: row["fetchedAt"],
            lastError: row["lastError"], isCaughtUp: row["caughtUp"], posts: row["posts"])
    }

    /// The id of the source at `url`, made when new; a known kind and a title replace the stored ones.
    static func upsertWebSource(_ url: String, kind: WebSource.Kind?, title: String?, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM web_source WHERE url = ?", arguments: [url]) {
            if let kind {
                try db.execute(sql: "UPDATE web_source SET kind = ? WHERE id = ?", arguments: [kind.rawValue, id])
            }
            if let title, !title.isEmpty {
                try db.execute(sql: "UPDATE web_source SET title = ? WHERE id = ?", arguments: [title, id])
            }
            return id
        }
        try db.execute(
            sql: "INSERT INTO web_source (url, kind, title, addedAt) VALUES (?, ?, ?, ?)",
            arguments: [url, (kind ?? .pages).rawValue, title, isoTime(Date())])
        return db.lastInsertedRowID
    }
}

/// The library's import lock, held while this value lives (see ``Library/holdImportLock()``).
public final class ImportLockHold: @unchecked Sendable {
    // Never read: its deinit releases the lock.
    private let lock: ImportLock?

    init(_ lock: consuming ImportLock?) {
        self.lock = lock
    }
}
