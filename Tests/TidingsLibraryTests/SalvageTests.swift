import Foundation
import GRDB
import Testing

@testable import TidingsLibrary

/// `tidings check` and `tidings rebuild` read damaged files: a value of the wrong type where the
/// schema says otherwise (flipped bytes do that) is reported or skipped, never trapped on.
@Suite struct SalvageTests {
    /// A library of four posts with two bookmarks and one read mark, then values of the wrong
    /// type written straight into its tables (column affinity keeps a blob and a word as they are).
    func damagedLibrary(_ folder: TemporaryFolder) throws -> (path: String, page: String, ids: [String]) {
        let posts = (0..<4).map {
            Page.post("Report number \($0)", body: ["Paragraph one.", "Paragraph two."], outlet: "BBC")
        }
        let page = try folder.write("page.txt", Page.make(header: "Category: Economy", posts.joined()))
        let path: String
        let ids: [String]
        do {
            let library = try folder.library()
            _ = try library.importArchives(at: [page])
            ids = try library.posts().map(\.id)
            _ = try library.setBookmark(true, postID: ids[0])
            _ = try library.setBookmark(true, postID: ids[1])
            try library.setRead(true, postID: ids[2])
            path = library.path
        }
        // Only the file's own bookmarks, not the copy beside it, so the test sees what is salvaged.
        Library.flushBookmarkSidecars()
        try? FileManager.default.removeItem(atPath: BookmarkSidecar.path(forLibrary: path))
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE bookmark SET createdAt = 'not a time' WHERE postID = ?", arguments: [ids[1]])
            try db.execute(sql: "INSERT INTO bookmark (postID, createdAt) VALUES (X'FFFE00', 1.5)")
            try db.execute(sql: "UPDATE reading SET paragraph = 'first' WHERE postID = ?", arguments: [ids[2]])
            try db.execute(sql: "UPDATE label SET name = X'FF00' WHERE kind = 'category'")
        }
        try queue.close()
        return (path, page, ids)
    }

    @Test func checkReportsValuesOfTheWrongTypeInsteadOfStopping() throws {
        let folder = try TemporaryFolder()
        let damaged = try damagedLibrary(folder)
        let report = Library.check(path: damaged.path)
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("(no name)") }, "\(report.problems)")
    }

    @Test func rebuildKeepsEveryReadableBookmarkAndReadMark() throws {
        let folder = try TemporaryFolder()
        let damaged = try damagedLibrary(folder)
        let started = Date()
        let outcome = try Library.rebuild(path: damaged.path, archives: [damaged.page])
        #expect(outcome.damagedCopy != nil)
        let rebuilt = try Library(path: damaged.path)
        let bookmarks = try rebuilt.bookmarks()
        // The ids that are not text are dropped; the one whose time is unreadable keeps the rebuild's.
        #expect(Set(bookmarks.map(\.postID)) == [damaged.ids[0], damaged.ids[1]])
        let unreadableTime = try #require(bookmarks.first { $0.postID == damaged.ids[1] })
        #expect(unreadableTime.bookmarkedAt >= started.addingTimeInterval(-1))
        #expect(try rebuilt.posts().count == 4)
        #expect(
            try rebuilt.headlines(on: .all, offset: 0, limit: 10).filter { !$0.isUnread }.map(\.id) == [damaged.ids[2]])
        #expect(Library.check(path: damaged.path).isSound)
    }
}
