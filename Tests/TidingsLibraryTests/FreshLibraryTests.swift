import Foundation
import GRDB
import Glibc
import Testing
import TidingsCore

@testable import TidingsLibrary

/// A library's first import is built beside it and put in place whole (``FreshLibrary``); what
/// it stores must be exactly what the ordinary import stores.
@Suite struct FreshLibraryTests {
    /// Pages with what an import has to get right: labels from headers and Posted lines, a story
    /// on two pages, Hangul, dates and none, and a file with no posts.
    func writePages(_ folder: TemporaryFolder) throws {
        let ferry = Page.post(
            "Ferry service resumes across the Yalu", date: "May 10, 2019", author: "Jane Holloway",
            body: ["Boats crossed again on Monday.", "Traders welcomed the news."], outlet: "Reuters")
        let grain = Page.post("Grain prices fall", body: ["Rice was cheaper in Sinuiju markets."], outlet: "Daily NK")
        let korean = Page.post(
            "김정은이 평양에 돌아왔다", date: "June 2, 2020", author: "Min Lee", body: ["김정은이 연설했다. Geneva talks."])
        try folder.write("pages/economy.txt", Page.make(header: "Category: Economy", ferry, grain))
        try folder.write("pages/holloway.txt", Page.make(header: "Author Archives for Jane Holloway", ferry))
        try folder.write("pages/korea.txt", Page.make(header: "Tag: Korea", korean, grain))
        try folder.write("pages/empty.txt", "nothing here\n")
    }

    /// Every row an import writes, in a comparable form (seqs replaced by post ids).
    static func dump(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var rows: [String] = []
            for sql in [
                "SELECT id, title, body, outlet, date, ordinal, hangul FROM post ORDER BY id",
                "SELECT kind, name, ordinal, (SELECT id FROM post WHERE seq = label.post) FROM label ORDER BY 1, 2, 3",
                """
                SELECT s.path, a.position, p.id, a.author FROM appearance a JOIN source s ON s.id = a.source
                JOIN post p ON p.seq = a.post ORDER BY 1, 2
                """,
                "SELECT path, size, modified, digest, encoding, headerKind, headerName FROM source ORDER BY path",
                "SELECT kind, name, posts FROM tally ORDER BY 1, 2",
            ] {
                for row in try Row.fetchAll(db, sql: sql) { rows.append(row.description) }
            }
            for query in ["ferry", "gen*", "sinuiju", "hangul : \"정은\""] {
                let ids = try String.fetchAll(
                    db,
                    sql:
                        "SELECT post.id FROM post_fts JOIN post ON post.seq = post_fts.rowid WHERE post_fts MATCH ? ORDER BY 1",
                    arguments: [query])
                rows.append("\(query): \(ids)")
            }
            return rows
        }
    }

    @Test func aFirstImportStoresWhatTheOrdinaryImportStores() throws {
        let folder = try TemporaryFolder()
        try writePages(folder)
        let ordinary = folder.path + "/ordinary.sqlite"
        let expected = try Library(path: ordinary).importArchives(at: [folder.path + "/pages"])
        let fresh = folder.path + "/new/fresh.sqlite"
        let (library, summary) = try Library.importArchives(at: [folder.path + "/pages"], intoLibraryAt: fresh)
        #expect(summary == expected)
        #expect(summary.postsNew == 3 && summary.filesRejected == 1)
        #expect(try Self.dump(fresh) == Self.dump(ordinary))
        #expect(try Self.dump(fresh).contains { $0.hasPrefix("hangul : \"정은\": [") && !$0.hasSuffix("[]") })
        #expect(try library.integrityCheck() == ["ok"])
        #expect(library.fullTextCheck() == nil)
        let (journal, stamp) = try library.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int32.fetchOne(db, sql: "PRAGMA application_id"))
        }
        #expect(journal == "wal" && stamp == Library.applicationID)
        #expect(try Library.inspect(fresh) == .tidings)
        #expect(!FileManager.default.fileExists(atPath: FreshLibrary.buildingPath(for: fresh)))
        #expect(!FileManager.default.fileExists(atPath: FreshLibrary.indexPath(for: fresh)))
    }

    @Test func importingAgainIntoTheNewLibraryChangesNothing() throws {
        let folder = try TemporaryFolder()
        try writePages(folder)
        let path = folder.path + "/library.sqlite"
        _ = try Library.importArchives(at: [folder.path + "/pages"], intoLibraryAt: path)
        let before = try Self.dump(path)
        let (_, again) = try Library.importArchives(at: [folder.path + "/pages"], intoLibraryAt: path)
        #expect(again.filesUnchanged == 3 && again.postsNew == 0 && again.postsUpdated == 0)
        #expect(try Self.dump(path) == before)
    }

    @Test func anExistingLibraryIsImportedIntoWhereItIs() throws {
        let folder = try TemporaryFolder()
        try writePages(folder)
        try folder.write("more/envoy.txt", Page.post("Envoys meet in Geneva", body: ["Talks lasted three hours."]))
        let path = folder.path + "/library.sqlite"
        let existing = try Library(path: path)
        _ = try existing.importArchives(at: [folder.path + "/more"])
        var before = stat()
        stat(path, &before)
        let (library, summary) = try Library.importArchives(at: [folder.path + "/pages"], intoLibraryAt: path)
        var after = stat()
        stat(path, &after)
        #expect(after.st_ino == before.st_ino, "a library that exists is written in place, never replaced")
        #expect(summary.postsNew == 3)
        #expect(try library.count() == 4)
        #expect(try existing.count() == 4, "a library already open sees the import")
    }

    @Test func whatAKilledBuildLeftIsRemovedAndBuiltAfresh() throws {
        let folder = try TemporaryFolder()
        try writePages(folder)
        let path = folder.path + "/library.sqlite"
        let building = FreshLibrary.buildingPath(for: path)
        try folder.write("library.sqlite-importing", "half a database from an import that was killed")
        try folder.write("library.sqlite-importing-journal", "its journal")
        try folder.write("library.sqlite-importing-index-2", "a shard of its index")
        let (library, summary) = try Library.importArchives(at: [folder.path + "/pages"], intoLibraryAt: path)
        #expect(summary.postsNew == 3)
        #expect(try library.integrityCheck() == ["ok"])
        #expect(!FileManager.default.fileExists(atPath: building))
        #expect(!FileManager.default.fileExists(atPath: building + "-journal"))
        #expect(!FileManager.default.fileExists(atPath: FreshLibrary.indexPaths(for: path)[1]))
    }

    /// Before: a build killed before something else (a browser, a web import) made the library
    /// left its files for ever, since only a next first build cleaned them.
    @Test func anOrdinaryImportRemovesWhatAKilledBuildLeft() throws {
        let folder = try TemporaryFolder()
        try writePages(folder)
        let path = folder.path + "/library.sqlite"
        _ = try Library(path: path)
        try folder.write("library.sqlite-importing", "a build cut short")
        try folder.write("library.sqlite-importing-index", "its index")
        try folder.write("library.sqlite-importing-index-2", "its index's second shard")
        _ = try Library.importArchives(at: [folder.path + "/pages"], intoLibraryAt: path)
        #expect(!FileManager.default.fileExists(atPath: FreshLibrary.buildingPath(for: path)))
        for index in FreshLibrary.indexPaths(for: path) { #expect(!FileManager.default.fileExists(atPath: index)) }
    }

    @Test func aLibraryThatAppearsDuringTheBuildIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/library.sqlite"
        let building = try folder.write("library.sqlite-importing", "the finished build")
        try folder.write("library.sqlite", "a library someone made meanwhile")
        #expect(try FreshLibrary.place(building, at: path) == false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a library someone made meanwhile")
        #expect(!FileManager.default.fileExists(atPath: building))
    }

    @Test func onlyAPathWithNothingOfALibraryIsVacant() throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/library.sqlite"
        #expect(FreshLibrary.isVacant(path))
        for remnant in ["-wal", "-journal", ""] {
            try folder.write("library.sqlite" + remnant, "")
            #expect(!FreshLibrary.isVacant(path), "\(remnant)")
            unlink(path + remnant)
        }
        symlink(folder.path + "/nowhere", path)
        #expect(!FreshLibrary.isVacant(path), "a dangling link is something there")
    }
}
