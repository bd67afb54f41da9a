import Foundation
import GRDB
import Testing
import TidingsCore

@testable import TidingsLibrary

/// A large file is stored a slice of posts at a time, each slice in its own transaction, so
/// that neither its parsed posts nor one transaction grow with it. These check that it is, and
/// that an import stopped between two slices (here by a commit that fails, as a full disk
/// would fail it) leaves a sound library whose next import completes the file exactly as a
/// clean import would, taking back everything an earlier version of the file gave.
@Suite struct SlicedImportTests {
    /// Counts commits on the writer and fails the one numbered `failing` (1-based), if any.
    final class Commits: TransactionObserver, @unchecked Sendable {
        var done = 0
        var failing: Int?

        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseWillCommit() throws {
            if done + 1 == failing { throw DatabaseError(resultCode: .SQLITE_IOERR, message: "injected fault") }
        }
        func databaseDidCommit(_ db: Database) { done += 1 }
        func databaseDidRollback(_ db: Database) {}
    }

    /// A page headed `header` with the stories numbered `numbers`; each story's author
    /// depends on the page too, so that every label a version gives can be taken back.
    static func page(_ header: String, _ numbers: some Sequence<Int>, author: String) -> String {
        var text = "Category: \(header)\n\n"
        for n in numbers {
            text +=
                "Story number \(n)\n\nPosted on 2020-01-01 by \(author) \(n % 3)\n\nBody of story \(n).\n\n[Outlet \(n % 4)]\n\n"
        }
        return text
    }

    static func importer(_ library: Library) -> Importer {
        var importer = Importer(library: library)
        importer.postsPerTransaction = 100
        return importer
    }

    static func expectSound(_ library: Library, _ when: String) throws {
        #expect(try library.integrityCheck() == ["ok"], "\(when)")
        #expect(library.fullTextCheck() == nil, "\(when)")
    }

    @Test func aLargeFileIsCommittedASliceAtATime() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("big.txt", SlicedImportTests.page("Bulk", 0..<1_000, author: "Writer"))
        let library = try folder.library()
        let commits = Commits()
        library.pool.add(transactionObserver: commits)
        let summary = try SlicedImportTests.importer(library).run(paths: [file])
        #expect(summary.postsNew == 1_000 && summary.filesRead == 1 && summary.isClean)
        #expect(commits.done == 10, "one transaction per 100 posts")
        #expect(try library.sourceStamps()[RawPath.Key(file)] != nil, "the file is stamped once complete")
    }

    /// The writer's page cache grows with the data read: a small import keeps within twice
    /// its size plus 64 MB, a large one gets the cache that spares it reads.
    @Test func thePageCacheIsAsLargeAsTheDataReadWithinLimits() {
        #expect(Library.importCacheKiB(afterReading: 0) == 16_384)
        #expect(Library.importCacheKiB(afterReading: 10_918_970) == 16_384)
        #expect(Library.importCacheKiB(afterReading: 40 << 20) == 40_960)
        #expect(Library.importCacheKiB(afterReading: 205_000_000) == 65_536)
    }

    @Test func anImportStoppedMidFileIsCompletedByTheNext() throws {
        let folder = try TemporaryFolder()
        let version1 = SlicedImportTests.page("Old", 0..<600, author: "Early")
        // Keeps stories 450–599 (under another header and author), drops 0–449, adds 600–1,449.
        let version2 = SlicedImportTests.page("New", 450..<1_450, author: "Late")
        let file = try folder.write("big.txt", version1)
        let library = try folder.library()
        _ = try SlicedImportTests.importer(library).run(paths: [file])
        #expect(try library.count() == 600)

        try folder.write("big.txt", version2)
        let commits = Commits()
        library.pool.add(transactionObserver: commits)
        // Twice stopped part way (after 3 slices, then after 5), so that the second attempt
        // starts from an unfinished replacement.
        for (attempt, failing) in [4, 6].enumerated() {
            commits.done = 0
            commits.failing = failing
            #expect(throws: LibraryError.self) { try SlicedImportTests.importer(library).run(paths: [file]) }
            #expect(commits.done == failing - 1, "attempt \(attempt + 1): slices committed before the fault")
            commits.failing = nil
            try SlicedImportTests.expectSound(library, "after the fault of attempt \(attempt + 1)")
            // Nothing is taken back before the file is complete: the old stories are all there.
            let stored = try library.count()
            #expect(stored == 600 + (failing - 1) * 100 - 150, "attempt \(attempt + 1)")
            #expect(try library.sourceStamps()[RawPath.Key(file)] == nil, "an unfinished file must not look imported")
        }

        let resumed = try SlicedImportTests.importer(library).run(paths: [file])
        #expect(resumed.filesRead == 1 && resumed.isClean)
        #expect(resumed.postsRemoved == 450)
        try SlicedImportTests.expectSound(library, "after the resumed import")

        let reference = try folder.library("reference.sqlite")
        _ = try SlicedImportTests.importer(reference).run(paths: [file])
        #expect(try library.posts() == reference.posts())
        #expect(try library.counts(by: .category) == [FacetCount(name: "New", count: 1_000)])
        #expect(try library.counts(by: .author) == reference.counts(by: .author))
        #expect(try library.shelfCounts().all == 1_000)
        let again = try SlicedImportTests.importer(library).run(paths: [file])
        #expect(again.filesUnchanged == 1 && again.postsUnchanged == 1_000 && again.postsNew == 0)
    }
}
