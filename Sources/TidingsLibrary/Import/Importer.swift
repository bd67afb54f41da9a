import Foundation
import Glibc
import TidingsCore

/// Imports archive files and folders into a ``Library``: what ``Library/importArchives(at:)`` runs.
///
/// Reading and parsing run on worker threads while one writer stores the posts in file order,
/// in transactions of a few thousand posts: parsing overlaps the SQLite writes, and file order
/// (hence archive order) is the same however the threads are scheduled. A large file comes
/// from its worker a slice of posts at a time and is stored over several transactions, so
/// neither its parsed posts nor a transaction grow with it (``ImportTransaction`` keeps that
/// safe when the import stops between two of its slices).
struct Importer: Sendable {
    /// The library file the import writes: it names the import lock.
    let libraryPath: String
    /// The open library ``run(paths:)`` writes into; nil for a library still being built
    /// (``FreshLibrary``), which hands ``run(paths:stamps:store:)`` its own writer.
    private let library: Library?
    /// Posts per write transaction and per slice of a large file; larger batches write faster,
    /// smaller ones show progress sooner and hold less in memory.
    var postsPerTransaction = 4_000
    /// Worker threads reading and parsing files.
    var workers = max(1, min(3, ProcessInfo.processInfo.activeProcessorCount))

    /// Called once when another import holds the library's lock and this one has to wait
    /// for it (the CLI says so on standard error, rather than seeming to hang).
    var onWaitingForLock: (@Sendable () -> Void)?

    init(library: Library) {
        libraryPath = library.path
        self.library = library
    }

    init(libraryPath: String) {
        self.libraryPath = libraryPath
        library = nil
    }

    /// What the writer is handed to store: the steps of one transaction's worth of posts.
    struct Batch {
        var steps: [ImportStep]
        /// The time written in the source rows (ISO 8601).
        var importedAt: String
        /// Bytes of changed files read so far in this import (sizes the writer's caches).
        var bytesRead: Int64
    }

    /// Stores one batch, merging its posts' statuses and its removals into the run's.
    typealias Store = (Batch, inout [Int64: Library.PostStatus], inout ImportSummary) throws(LibraryError) -> Void

    /// Imports every archive file named or found in the folders named into the open library,
    /// each batch in one durable transaction; never throws for bad files.
    func run(paths: [String]) throws(LibraryError) -> ImportSummary {
        guard let library else { throw .storage("no library to import into") }
        // Held to the end of the run, before the stamps are read: a second import waits, then
        // sees what the first stored.
        let lock = ImportLock.acquire(forLibrary: libraryPath, whileWaiting: onWaitingForLock)
        defer { withExtendedLifetime(lock) {} }
        // A first build killed before something else made the library is cleaned here, under
        // the lock, since the next first build (which cleans too) will never come.
        if lock != nil { FreshLibrary.removeLeftovers(of: libraryPath) }
        let stamps = try library.sourceStamps()
        return try run(paths: paths, stamps: stamps) { batch, statuses, summary throws(LibraryError) in
            try library.store(batch, statuses: &statuses, summary: &summary)
        }
    }

    /// The import itself, with the lock held and the stamps read: parses in parallel and
    /// hands `store` the posts in file order, a batch of about ``postsPerTransaction`` at a time.
    func run(paths: [String], stamps: [RawPath.Key: SourceStamp], store: Store) throws(LibraryError) -> ImportSummary {
        var summary = ImportSummary()
        var named: [RawPath.Key: String] = [:]
        let files = ArchiveFiles.expand(paths, diagnostics: &summary.diagnostics, named: &named)
        summary.filesRejected = summary.diagnostics.filter { $0.severity == .error }.count
        let pipeline = ParsePipeline(paths: files, stamps: stamps, workers: workers, postsPerSlice: postsPerTransaction)
        // On a storage error the workers must not wait forever for a writer that is gone.
        defer { pipeline.cancel() }
        let clock = ISO8601DateFormatter()
        var statuses: [Int64: Library.PostStatus] = [:]
        var batch: [ImportStep] = []
        var batchPosts = 0
        var bytesRead: Int64 = 0
        func flush() throws(LibraryError) {
            try store(
                Batch(steps: batch, importedAt: clock.string(from: Date()), bytesRead: bytesRead), &statuses, &summary)
            batch.removeAll(keepingCapacity: true)
            batchPosts = 0
        }
        func add(_ step: ImportStep) throws(LibraryError) {
            batch.append(step)
            batchPosts += step.posts
            if batchPosts >= postsPerTransaction { try flush() }
        }
        for index in files.indices {
            let file = pipeline.take(index)
            switch file.content {
            case .unchanged, .sameBytes:
                summary.filesUnchanged += 1
                try add(.unchanged(file))
            case .unreadable(let diagnostic):
                summary.filesRejected += 1
                summary.diagnostics.append(diagnostic)
            case .parsed(let queue):
                bytesRead += file.size
                var position = 0
                var slice: SliceQueue.Slice
                repeat {
                    slice = queue.take()
                    summary.diagnostics.append(contentsOf: slice.page.diagnostics)
                    // A file without a single post is rejected and leaves the library as it was.
                    guard position > 0 || !slice.page.posts.isEmpty else { continue }
                    try add(
                        .slice(ImportStep.Slice(file: file, page: slice.page, position: position, isLast: slice.isLast))
                    )
                    position += slice.page.posts.count
                } while !slice.isLast
                if position == 0 { summary.filesRejected += 1 } else { summary.filesRead += 1 }
            }
        }
        if !batch.isEmpty { try flush() }
        for status in statuses.values {
            switch status {
            case .new: summary.postsNew += 1
            case .updated: summary.postsUpdated += 1
            case .unchanged: summary.postsUnchanged += 1
            }
        }
        // Messages name a file as the user did (`/bin/ls`), not as resolved (`/usr/bin/ls`).
        for index in summary.diagnostics.indices {
            if let given = named[RawPath.Key(summary.diagnostics[index].file)] {
                summary.diagnostics[index].file = given
            }
        }
        return summary
    }
}

/// Turns the paths a user names into the archive files to read.
enum ArchiveFiles {
    /// Files as named, plus every `.txt` file below named folders (hidden ones skipped), sorted.
    /// Only regular files are read: a FIFO would block the read for ever and a device may
    /// never end, so anything else is skipped with a warning that names it; a path that cannot
    /// be looked at says why (`stat`'s reason: no such file, too many levels of symbolic links).
    /// `named` maps each file's canonical path to the path as it was named or found.
    static func expand(
        _ paths: [String], diagnostics: inout [Diagnostic], named: inout [RawPath.Key: String]
    ) -> [String] {
        var files: [String] = []
        for path in paths {
            var status = stat()
            guard RawPath.withCString(path, { stat($0, &status) }) == 0 else {
                let reason = errno == ENOENT ? "no such file or folder" : FolderWalk.reason(errno)
                diagnostics.append(Diagnostic(.error, file: path, reason))
                continue
            }
            let kind = status.st_mode & S_IFMT
            guard kind == S_IFREG || kind == S_IFDIR else {
                diagnostics.append(Diagnostic(.warning, file: path, notRegular))
                continue
            }
            guard let canonical = canonical(path) else {
                diagnostics.append(
                    Diagnostic(.error, file: path, "cannot resolve the path: " + FolderWalk.reason(errno)))
                continue
            }
            if kind == S_IFREG {
                named[RawPath.Key(canonical)] = named[RawPath.Key(canonical)] ?? path
                files.append(canonical)
                continue
            }
            let found = FolderWalk.archiveFiles(below: canonical, diagnostics: &diagnostics)
            if found.isEmpty {
                diagnostics.append(Diagnostic(.warning, file: path, "no .txt archive files in this folder"))
            }
            // Messages name a file the way the folder was named (`data/x.txt`), not canonically.
            let given = path.hasSuffix("/") ? String(path.dropLast()) : path
            for file in found {
                named[RawPath.Key(file)] = named[RawPath.Key(file)] ?? given + file.dropFirst(canonical.count)
            }
            // In the order of their whole paths, as before the walk went by descriptor.
            files.append(contentsOf: found.sorted())
        }
        var seen = Set<RawPath.Key>()
        return files.filter { seen.insert(RawPath.Key($0)).inserted }
    }

    static let notRegular = "not a regular file (a pipe, device or socket): skipped"

    /// The absolute path with symbolic links resolved (`realpath`, on the path's bytes), so
    /// the same file is recognised however it is named; nil, with `errno` set, when it cannot
    /// be resolved.
    static func canonical(_ path: String) -> String? {
        guard let resolved = RawPath.withCString(path, { realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return RawPath.string(fromBytes: UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
    }
}
