import Foundation
import Glibc
import Testing
import TidingsCore

@testable import TidingsLibrary

/// The copy beside the library: whose file it may replace, and moving from the old name.
@Suite struct BookmarkCopyTests {
    /// A library holding one bookmarked post; the post's id.
    func bookmarkedLibrary(_ folder: TemporaryFolder) throws -> (Library, String) {
        try folder.write(
            "page.txt",
            Page.make(
                header: "Category: Economy",
                Page.post("Ferry service resumes", body: ["Boats crossed."], outlet: "Reuters")))
        let library = try folder.library()
        _ = try Importer(library: library).run(paths: [folder.path + "/page.txt"])
        let id = try #require(try library.posts().first?.id)
        _ = try library.setBookmark(true, postID: id)
        Library.flushBookmarkSidecars()
        return (library, id)
    }

    /// Before: `bookmarks.json` beside `library.sqlite`, replaced whatever it held.
    @Test func theCopyIsNamedAfterTheLibrary() {
        #expect(BookmarkSidecar.path(forLibrary: "/a/library.sqlite") == "/a/library.sqlite.bookmarks.json")
        #expect(BookmarkSidecar.path(forLibrary: "/a/news.db") == "/a/news.db.bookmarks.json")
    }

    /// Only a missing file or a bookmarks document may be replaced; anything else, whatever
    /// its content, is not ours.
    @Test func onlyBookmarksDocumentsMayBeReplaced() throws {
        let folder = try TemporaryFolder()
        #expect(BookmarkSidecar.mayReplace(folder.path + "/none.json"))
        let ours = try folder.write("ours.json", String(decoding: try BookmarkDocument([]).json(), as: UTF8.self))
        #expect(BookmarkSidecar.mayReplace(ours))
        for (name, text) in [
            ("browser.json", #"{"roots": {}}"#), ("notes.json", "notes"), ("empty.json", ""),
            ("array.json", "[]"), ("other.json", #"{"format": "netscape-bookmarks"}"#),
        ] {
            #expect(!BookmarkSidecar.mayReplace(try folder.write(name, text)), "\(name)")
        }
        try FileManager.default.createDirectory(atPath: folder.path + "/dir.json", withIntermediateDirectories: false)
        #expect(!BookmarkSidecar.mayReplace(folder.path + "/dir.json"))
        #expect(!BookmarkSidecar.mayReplace("/dev/null"))
        #expect(!BookmarkSidecar.replace(folder.path + "/browser.json", with: Data("x".utf8)))
        #expect(FileManager.default.contents(atPath: folder.path + "/browser.json") == Data(#"{"roots": {}}"#.utf8))
    }

    /// A library that still has only the old `bookmarks.json` (an old copy, ours): it is read
    /// until the copy under the new name exists, which opening the library writes; the old
    /// file is left as it was, since it may as well be the user's.
    @Test func theOldCopyIsReadAndTheNewOneWrittenBesideIt() throws {
        let folder = try TemporaryFolder()
        let (library, id) = try bookmarkedLibrary(folder)
        let copy = BookmarkSidecar.path(forLibrary: library.path)
        let old = try #require(FileManager.default.contents(atPath: copy))
        try FileManager.default.moveItem(atPath: copy, toPath: folder.path + "/bookmarks.json")
        #expect(BookmarkSidecar.read(forLibrary: library.path).map(\.postID) == [id])

        _ = try Library(path: library.path)
        Library.flushBookmarkSidecars()
        #expect(BookmarkSidecar.read(forLibrary: library.path).map(\.postID) == [id])
        #expect(FileManager.default.fileExists(atPath: copy))
        #expect(FileManager.default.contents(atPath: folder.path + "/bookmarks.json") == old)
    }

    /// Not the old name for a library of another name.
    @Test func noOldNameForOtherLibraryNames() {
        #expect(BookmarkSidecar.legacyPath(forLibrary: "/a/news.db") == nil)
        #expect(BookmarkSidecar.legacyPath(forLibrary: "/a/library.sqlite") == "/a/bookmarks.json")
    }
}

/// Issue 16, point 13: a writer killed during `bookmarks export -o` left `.FILE.XXXXXX` for ever.
@Suite struct StaleTemporaryTests {
    @Test func staleTemporariesOfOursAreRemovedAndNothingElse() throws {
        let folder = try TemporaryFolder()
        let target = folder.path + "/export.json"
        let stale = try folder.write(".export.json.Ab12Cd", "partial")
        let fresh = try folder.write(".export.json.Xy34Zw", "another writer at work")
        let other = try folder.write(".export.json.keep-me", "not ours")
        let otherName = try folder.write(".notes.json.Ab12Cd", "another file's")
        var old = [timeval(tv_sec: time(nil) - 3_600, tv_usec: 0), timeval(tv_sec: time(nil) - 3_600, tv_usec: 0)]
        for path in [stale, other, otherName] { #expect(utimes(path, &old) == 0) }
        try AtomicFile.write(Data("{}".utf8), to: target)
        #expect(!FileManager.default.fileExists(atPath: stale))
        for path in [fresh, other, otherName] { #expect(FileManager.default.fileExists(atPath: path), "\(path)") }
        #expect(FileManager.default.contents(atPath: target) == Data("{}".utf8))
    }
}
