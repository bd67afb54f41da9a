import Foundation
import GRDB
import Testing

@testable import TidingsLibrary

/// Saving that fails must say so and never look like success: read-only libraries, full disks.
@Suite struct BookmarkFailureTests {
    /// A library of `count` posts from one page; returns it with the ids in archive order.
    func library(_ folder: TemporaryFolder, posts count: Int) throws -> (Library, [String]) {
        let posts = (0..<count).map { index in
            Page.post(
                "Story \(index) about the harbour and the long winter", body: ["Body of story \(index)."],
                outlet: "Reuters")
        }
        try folder.write("page.txt", Page.make(header: "Category: Economy", posts.joined()))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path + "/page.txt"])
        return (library, try library.posts().map(\.id))
    }

    @Test func writesRefusedByTheDatabaseAreReportedAndNotShownAsSaved() throws {
        let folder = try TemporaryFolder()
        let (library, ids) = try library(folder, posts: 2)
        try library.setBookmark(true, postID: ids[0])
        // What SQLite answers when the file or disk turned read-only under an open library.
        try library.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA query_only = 1") }
        let readOnly = LibraryError.storage(
            "could not save the bookmark: the library is read-only (check the permissions of its file and folder)")
        #expect(throws: readOnly) { try library.toggleBookmark(postID: ids[1]) }
        #expect(throws: readOnly) { try library.setBookmark(false, postID: ids[0]) }
        #expect(throws: LibraryError.self) { try library.markRead(postID: ids[1]) }
        #expect(try library.bookmarks().map(\.postID) == [ids[0]])
        #expect(try library.isUnread(postID: ids[1]))
    }

    @Test func aReadOnlyFileOpensForBrowsingAndRefusesToSave() throws {
        let folder = try TemporaryFolder()
        var (library, ids) = try library(folder, posts: 2)
        try library.setBookmark(true, postID: ids[0])
        // The bookmark copy is written in the background and holds the library until it is done.
        Library.flushBookmarkSidecars()
        library = try folder.library("other.sqlite")  // closes the first: its WAL is checkpointed away
        let file = folder.path + "/library.sqlite"
        guard ReadOnlyFile.protect(file) else { try Test.cancel("cannot make a file read-only for this user here") }
        defer { ReadOnlyFile.release(file) }

        library = try Library(path: file)
        #expect(library.isReadOnly)
        #expect(try library.headlines(on: .all, offset: 0, limit: 10).map(\.isBookmarked) == [true, false])
        do {
            _ = try library.toggleBookmark(postID: ids[1])
            Issue.record("a bookmark was reported saved in a read-only library")
        } catch {
            #expect(error.description.contains("could not save the bookmark: the library is read-only"), "\(error)")
        }
        #expect(try library.isBookmarked(postID: ids[1]) == false)
        #expect(try library.bookmarkCount() == 1)
    }

    @Test func aFullDiskFailsTheBookmarkAndKeepsEveryEarlierOne() throws {
        let folder = try TemporaryFolder()
        let (library, ids) = try library(folder, posts: 200)
        // Cap the file at its current size: the first write that needs a new page gets SQLITE_FULL,
        // exactly as when the disk runs out.
        try library.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count")!
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        var saved: [String] = []
        var failure: (id: String, error: LibraryError)?
        for id in ids {
            do {
                try library.setBookmark(true, postID: id)
                saved.append(id)
            } catch {
                failure = (id, error)
                break
            }
        }
        let failed = try #require(failure, "200 bookmarks fitted without a new page")
        #expect(failed.error == .storage("could not save the bookmark: the disk is full"))
        #expect(failed.error.description == "library error: could not save the bookmark: the disk is full")
        #expect(try library.isBookmarked(postID: failed.id) == false)
        #expect(throws: LibraryError.storage("could not save the bookmark: the disk is full")) {
            try library.toggleBookmark(postID: failed.id)
        }
        #expect(Set(try library.bookmarks().map(\.postID)) == Set(saved))
        let reopened = try folder.library()
        #expect(try reopened.bookmarkCount() == saved.count)
    }
}

/// Makes a file read-only even for root (whose writes `chmod` does not stop): the immutable
/// attribute when running as root, else the permission bits.
enum ReadOnlyFile {
    static func protect(_ path: String) -> Bool {
        if getuid() != 0 { return chmod(path, 0o444) == 0 }
        return chattr("+i", path)
    }

    static func release(_ path: String) {
        if getuid() != 0 { _ = chmod(path, 0o644) } else { _ = chattr("-i", path) }
    }

    private static func chattr(_ flag: String, _ path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
