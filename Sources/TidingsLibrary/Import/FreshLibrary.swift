import Foundation
import GRDB
import Glibc
import TidingsCore

extension Library {
    /// Imports archive files and folders into the library at `path` and returns it opened,
    /// with the summary. When there is no library at `path` yet, it is built where nobody can
    /// see it and put in place complete (``FreshLibrary``); otherwise this is
    /// ``importArchives(at:whileWaiting:)`` on the opened library.
    public static func importArchives(
        at paths: [String], intoLibraryAt path: String, whileWaiting: (@Sendable () -> Void)? = nil
    ) throws(LibraryError) -> (library: Library, summary: ImportSummary) {
        if let summary = try FreshLibrary.build(at: path, from: paths, whileWaiting: whileWaiting) {
            return (try Library(path: path), summary)
        }
        let library = try Library(path: path, mayCreate: true)
        return (library, try library.importArchives(at: paths, whileWaiting: whileWaiting))
    }
}

/// A library's first import, built in a file of its own beside the library and then put in
/// place in one step.
///
/// A library nobody can open yet needs none of what keeps an open one safe to share: the
/// build writes each page once (no write-ahead log or journal, `synchronous = OFF`), runs as
/// one transaction, so that FTS5 writes its index in a few large segments instead of one per
/// commit plus merges, and syncs the file once at the end. Nothing reads the file while it
/// is built: it is named `NAME-importing`, which no command opens, and the import lock is held.
/// A kill or a failure leaves the library as it was, absent; the next import removes the
/// remnant under the same lock. The finished file is fsynced, then hard-linked to the
/// library's name, which fails rather than replace a library that appeared meanwhile (the
/// import then runs again into that one, the ordinary way), and the folder is fsynced.
enum FreshLibrary {
    /// Where a library's first import is built.
    static func buildingPath(for path: String) -> String { path + "-importing" }

    /// Where the full-text index of a first import is built (``FreshIndex``), its first shard.
    static func indexPath(for path: String) -> String { path + "-importing-index" }

    /// Where the shards of a first import's index are built (``FreshIndexShards``).
    static func indexPaths(for path: String) -> [String] { [indexPath(for: path), indexPath(for: path) + "-2"] }

    /// Builds the library at `path` from `paths` when there is none; nil, having written
    /// nothing, when there is one (or a remnant of one: its log or journal) or the build file
    /// cannot be made (the ordinary import then reports why).
    static func build(
        at path: String, from paths: [String], whileWaiting: (@Sendable () -> Void)?,
        tuning: FreshIndexShards.Tuning = FreshIndexShards.Tuning()
    ) throws(LibraryError) -> ImportSummary? {
        guard isVacant(path) else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil
        else { return nil }
        var importer = Importer(libraryPath: path)
        importer.onWaitingForLock = whileWaiting
        if let posts = tuning.postsPerTransaction { importer.postsPerTransaction = posts }
        // Without the lock (a folder this process cannot write, a lock file of another user,
        // a file system without locks) two first builds could remove each other's file: the
        // ordinary import then runs instead, and reports what it cannot do.
        guard let lock = ImportLock.acquire(forLibrary: path, whileWaiting: whileWaiting) else { return nil }
        defer { withExtendedLifetime(lock) {} }
        // Another import may have made the library while this one waited for the lock.
        guard isVacant(path) else { return nil }
        let building = buildingPath(for: path)
        removeFiles(building)
        for index in indexPaths(for: path) { removeFiles(index) }
        defer { for index in indexPaths(for: path) { removeFiles(index) } }
        guard let queue = try? open(building) else {
            removeFiles(building)
            return nil
        }
        let summary: ImportSummary
        do {
            summary = try fill(queue, importer: importer, paths: paths, tuning: tuning)
            try queue.close()
        } catch {
            try? queue.close()
            removeFiles(building)
            throw Library.savingError(error, what: "the imported posts")
        }
        guard try place(building, at: path) else { return nil }
        return summary
    }

    /// True when nothing of a library is at `path`: no file (not even a dangling link), no
    /// write-ahead log, no journal.
    static func isVacant(_ path: String) -> Bool {
        var status = stat()
        return ["", "-wal", "-shm", "-journal"].allSatisfy { lstat(path + $0, &status) != 0 && errno == ENOENT }
    }

    /// Removes what a killed first build of the library at `path` left: its build and index
    /// files (or the build's second name for the library, if the kill came between the link
    /// and the unlink). Only with the import lock held, which every build holds throughout.
    static func removeLeftovers(of path: String) {
        removeFiles(buildingPath(for: path))
        for index in indexPaths(for: path) { removeFiles(index) }
    }

    /// Removes the build file and anything SQLite may have left beside it.
    static func removeFiles(_ building: String) {
        for ending in ["", "-journal", "-wal", "-shm"] { unlink(building + ending) }
    }

    /// Opens the build file: migrated, stamped, and set for a single writer nobody waits on.
    private static func open(_ building: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.label = "tidings-import"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
        }
        let queue = try DatabaseQueue(path: building, configuration: configuration)
        try Library.migrator.migrate(queue)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA application_id = \(Library.applicationID)")
        }
        return queue
    }

    /// Runs the import into the build file as one transaction, its posts indexed beside it
    /// (``FreshIndexShards``), then copies the index in and leaves the file in WAL mode, as
    /// every library is.
    private static func fill(
        _ queue: DatabaseQueue, importer: Importer, paths: [String], tuning: FreshIndexShards.Tuning
    ) throws -> ImportSummary {
        try queue.writeWithoutTransaction { db in
            let definition = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'post_fts'")
            let index = try FreshIndexShards(
                libraryPath: importer.libraryPath, definition: definition ?? "", tuning: tuning)
            var indexed = false
            defer { if !indexed { index.cancel() } }
            try db.execute(sql: "BEGIN")
            let summary = try importer.run(paths: paths, stamps: [:]) { batch, statuses, summary throws(LibraryError) in
                do {
                    try db.execute(sql: "PRAGMA cache_size = -\(Library.importCacheKiB(afterReading: batch.bytesRead))")
                    let written = try Library.write(
                        batch.steps, importedAt: batch.importedAt, in: db, indexElsewhere: true)
                    try index.add(written.inserted, bytesRead: batch.bytesRead)
                    for (id, status) in written.statuses { statuses[id] = max(statuses[id] ?? status, status) }
                    summary.postsRemoved += written.removed
                } catch {
                    throw Library.savingError(error, what: "the imported posts")
                }
            }
            // What later, smaller transactions use.
            try Library.setIndexHashSize(Library.importHashBytes, in: db)
            try db.execute(sql: "COMMIT")
            // The posts are final: written to the disk now, while the index thread still works,
            // the sync before the link (``place(_:at:)``) has only the index left to write.
            try sync(buildingPath(for: importer.libraryPath))
            try index.finish()
            indexed = true
            try index.copy(into: db)
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            return summary
        }
    }

    /// Writes the build file's data to the disk (`fsync`). A failure stops the build: the
    /// kernel reports a lost write once, so a later sync could succeed over it.
    static func sync(_ building: String) throws(LibraryError) {
        let descriptor = Glibc.open(building, O_RDONLY | O_CLOEXEC)
        let synced = descriptor >= 0 && fsync(descriptor) == 0
        if descriptor >= 0 { close(descriptor) }
        guard synced else { throw .storage("could not save the imported posts: writing to the disk failed") }
    }

    /// FTS5's `hashsize` while a build has read `bytes` of archives: the whole build is one
    /// transaction, so the pending entries fill it; a quarter of the bytes read, between 1 MB
    /// and 32 MB, keeps a small import within its memory bound (twice its size plus 64 MB)
    /// and gives a large one few segments to merge.
    static func hashBytes(afterReading bytes: Int64) -> Int {
        Int(min(max(bytes / 4, 1 << 20), 32 << 20))
    }

    /// Syncs the finished file and gives it the library's name, unless a library appeared
    /// there meanwhile (then the build is removed and this returns false).
    static func place(_ building: String, at path: String) throws(LibraryError) -> Bool {
        do {
            try sync(building)
        } catch {
            removeFiles(building)
            throw error
        }
        // A link fails rather than replace a library that appeared meanwhile. On a file system
        // without hard links there is no such step (a rename would replace a library someone
        // may have open): the build is given up and the ordinary import runs instead.
        guard link(building, path) == 0 else {
            removeFiles(building)
            return false
        }
        unlink(building)
        _ = AtomicFile.syncFolder((path as NSString).deletingLastPathComponent)
        return true
    }
}
