import Foundation
import TidingsCore

/// Imports archive files and folders into a ``Library``.
///
/// Reading and parsing run on worker threads while one writer stores finished files in
/// order, in transactions of a few thousand posts: parsing overlaps the SQLite writes, and
/// file order (hence archive order) is the same however the threads are scheduled.
public struct Importer: Sendable {
    public let library: Library
    /// Posts per write transaction; larger batches write faster, smaller ones show progress sooner.
    public var postsPerTransaction = 4_000
    /// Worker threads reading and parsing files.
    public var workers = max(1, min(3, ProcessInfo.processInfo.activeProcessorCount))

    public init(library: Library) {
        self.library = library
    }

    /// Imports every archive file named or found in the folders named; never throws for bad files.
    public func run(paths: [String]) throws(LibraryError) -> ImportSummary {
        var summary = ImportSummary()
        let files = ArchiveFiles.expand(paths, diagnostics: &summary.diagnostics)
        summary.filesRejected = summary.diagnostics.filter { $0.severity == .error }.count
        let stamps = try library.sourceStamps()
        let pipeline = ReadPipeline(paths: files, stamps: stamps, workers: workers)
        var statuses: [Int64: Library.PostStatus] = [:]
        var batch: [SourceFile] = []
        var batchPosts = 0
        for index in files.indices {
            let file = pipeline.take(index)
            switch file.content {
            case .unchanged, .sameBytes:
                summary.filesUnchanged += 1
            case .unreadable(let diagnostic):
                summary.filesRejected += 1
                summary.diagnostics.append(diagnostic)
            case .parsed(let page):
                summary.diagnostics.append(contentsOf: page.diagnostics)
                if page.posts.isEmpty {
                    summary.filesRejected += 1
                    continue
                }
                summary.filesRead += 1
                batchPosts += page.posts.count
            }
            batch.append(file)
            if batchPosts >= postsPerTransaction {
                try library.store(batch, statuses: &statuses, summary: &summary)
                batch.removeAll(keepingCapacity: true)
                batchPosts = 0
            }
        }
        if !batch.isEmpty { try library.store(batch, statuses: &statuses, summary: &summary) }
        for status in statuses.values {
            switch status {
            case .new: summary.postsNew += 1
            case .updated: summary.postsUpdated += 1
            case .unchanged: summary.postsUnchanged += 1
            }
        }
        return summary
    }
}

/// Turns the paths a user names into the archive files to read.
enum ArchiveFiles {
    /// Files as named, plus every `.txt` file below named folders (hidden ones skipped), sorted.
    static func expand(_ paths: [String], diagnostics: inout [Diagnostic]) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                diagnostics.append(Diagnostic(.error, file: path, "no such file or folder"))
                continue
            }
            guard isFolder.boolValue else {
                files.append(canonical(path))
                continue
            }
            guard let walker = manager.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey],
                                                  options: [.skipsHiddenFiles]) else {
                diagnostics.append(Diagnostic(.error, file: path, "cannot list the folder"))
                continue
            }
            var found: [String] = []
            for case let url as URL in walker where url.pathExtension.lowercased() == "txt" {
                found.append(canonical(url.path))
            }
            if found.isEmpty {
                diagnostics.append(Diagnostic(.warning, file: path, "no .txt archive files in this folder"))
            }
            files.append(contentsOf: found.sorted())
        }
        var seen = Set<String>()
        return files.filter { seen.insert($0).inserted }
    }

    /// An absolute, standardised path, so the same file is recognised however it is named.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
