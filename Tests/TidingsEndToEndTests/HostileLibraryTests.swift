import Foundation
import GRDB
import Glibc
import Testing

/// Issue 16's file points: files Tidings did not make are never written, whatever is given as
/// the library or lies where its bookmarks copy goes; a library it may only read is browsed.
@Suite struct HostileLibraryTests {
    let page = """
        Category: Economy

        Ferry service resumes across the Yalu

        Posted on May 10, 2019 by Jane Holloway

        Boats crossed again on Monday after a winter pause.

        [Reuters]

        """

    /// Every entry of a folder with its bytes, to show that nothing in it changed.
    func snapshot(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = FileManager.default.contents(atPath: folder + "/" + name) ?? Data()
        }
        return files
    }

    /// A library holding the page; the post's id.
    func setUp() async throws -> (CLI, id: String) {
        let cli = try CLI()
        let imported = try await cli.run("import", try cli.write("economy.txt", page))
        try #require(imported.status == 0, "\(imported)")
        let list = try await cli.run("list", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any]
        return (cli, try #require(object?["id"] as? String))
    }

    /// Before: the copy was `bookmarks.json`, replaced whatever it held (exit 0).
    @Test func bookmarksCopyNeverReplacesAFileItDidNotWrite() async throws {
        let (cli, id) = try await setUp()
        let browserExport = #"{"roots": {"bookmark_bar": {"children": []}}, "version": 1}"# + "\n"
        try cli.write("bookmarks.json", browserExport)
        try cli.write("library.sqlite.bookmarks.json", "my own notes, not JSON\n")

        let add = try await cli.run("bookmarks", "add", id)
        #expect(add.status == 0, "\(add)")
        #expect(
            add.standardError.contains("library.sqlite.bookmarks.json is not a bookmarks copy Tidings wrote"), "\(add)")
        #expect(FileManager.default.contents(atPath: cli.scratch.file("bookmarks.json")) == Data(browserExport.utf8))
        #expect(
            FileManager.default.contents(atPath: cli.scratch.file("library.sqlite.bookmarks.json"))
                == Data("my own notes, not JSON\n".utf8))

        // Once the name is free the copy is written there, and replaced on the next change.
        try FileManager.default.removeItem(atPath: cli.scratch.file("library.sqlite.bookmarks.json"))
        _ = try await cli.run("bookmarks", "remove", id)
        let again = try await cli.run("bookmarks", "add", id)
        #expect(again.status == 0 && !again.standardError.contains("not a bookmarks copy"), "\(again)")
        let copy = try #require(FileManager.default.contents(atPath: cli.scratch.file("library.sqlite.bookmarks.json")))
        #expect(String(decoding: copy, as: UTF8.self).contains(id))
        #expect(FileManager.default.contents(atPath: cli.scratch.file("bookmarks.json")) == Data(browserExport.utf8))
    }

    /// Before: the copy was written with raw U+009B and U+202E while the export escaped them.
    @Test func bookmarksCopyIsEscapedLikeTheExport() async throws {
        let cli = try CLI()
        let hostile = page.replacingOccurrences(of: "Ferry service", with: "Ferry\u{9B}31m \u{202E}service")
        _ = try await cli.run("import", try cli.write("hostile.txt", hostile))
        let list = try await cli.run("list", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any]
        let id = try #require(object?["id"] as? String)
        _ = try await cli.run("bookmarks", "add", id)
        let copy = try #require(FileManager.default.contents(atPath: cli.library + ".bookmarks.json"))
        let export = try await cli.run("bookmarks", "export", "--format", "json")
        for bytes in [copy, Data(export.standardOutput.utf8)] {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0x202E }, "\(text)")
            #expect(text.contains(#"\u009B"#) && text.contains(#"\u202E"#))
        }
    }

    /// Before: `stats` added Tidings' tables to another program's database (exit 0), or, when
    /// it had a `post` table, failed with exit 74 and left `grdb_migrations` behind.
    @Test(arguments: [false, true])
    func anotherProgramsDatabaseIsRefusedUntouched(hasPostTable: Bool) async throws {
        let cli = try CLI()
        let folder = cli.scratch.file("browser")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let places = folder + "/places.sqlite"
        try Self.makeForeignDatabase(places) { db in
            try db.execute(sql: "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
            if hasPostTable { try db.execute(sql: "CREATE TABLE post (id INTEGER PRIMARY KEY, body TEXT)") }
            try db.execute(sql: "INSERT INTO moz_places (url) VALUES ('https://example.org/')")
        }
        let before = try snapshot(folder)
        let archive = try cli.write("p.txt", page)
        for command in [["stats"], ["list"], ["bookmarks", "add", "abcdef123456"], ["check"], ["import", archive]] {
            let result = try await ProcessRunner.run(
                try BuiltProducts.executable(named: "tidings"), arguments: command + ["--library", places],
                environment: cli.environment, workingDirectory: cli.scratch.path, timeout: .seconds(60))
            #expect(result.status == 74, "\(command): \(result)")
            #expect(
                result.standardError.contains("another program's SQLite database, not a Tidings library"), "\(result)")
            #expect(!result.standardError.contains("rebuild"), "\(result)")
            #expect(try snapshot(folder) == before, "\(command) changed the folder")
        }
    }

    /// A WAL database of another program, made with `body`.
    static func makeForeignDatabase(_ path: String, _ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try body(db)
        }
    }

    static func applicationID(_ path: String) throws -> Int32 {
        try DatabaseQueue(path: path).read { try Int32.fetchOne($0, sql: "PRAGMA application_id") ?? 0 }
    }

    /// Sets a library's application id, as a library of an older Tidings has it (0).
    static func setApplicationID(_ path: String, _ value: Int32) throws {
        try DatabaseQueue(path: path).writeWithoutTransaction {
            try $0.execute(sql: "PRAGMA application_id = \(value)")
        }
    }

    /// A library made before the stamp (no application id, our migrations) still opens and is
    /// stamped; a new one is stamped when made.
    @Test func olderLibraryIsRecognisedAndStamped() async throws {
        let (cli, _) = try await setUp()
        func stamp() throws -> Int32 { try Self.applicationID(cli.library) }
        #expect(try stamp() == 0x5444_4E47)
        try Self.setApplicationID(cli.library, 0)
        #expect(try stamp() == 0)
        let list = try await cli.run("list")
        #expect(list.status == 0 && list.standardOutput.contains("Ferry service"), "\(list)")
        #expect(try stamp() == 0x5444_4E47)
    }

    /// Before: a library whose making was cut short by a kill (the migrations table made, no
    /// migration committed, no stamp yet) was refused as another program's database, and the
    /// next import could not complete it.
    @Test func libraryCutShortWhileBeingMadeIsCompleted() async throws {
        let cli = try CLI()
        let path = cli.scratch.file("cut-short.sqlite")
        try Self.makeForeignDatabase(path) { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        }
        let imported = try await cli.run("import", try cli.write("p.txt", page), "--library", path)
        #expect(imported.status == 0, "\(imported)")
        #expect(try Self.applicationID(path) == 0x5444_4E47)
        let list = try await cli.run("list", "--library", path)
        #expect(list.status == 0 && list.standardOutput.contains("Ferry service"), "\(list)")
    }

    /// Before: a folder said "check permissions"; /dev/null "a disk read or write failed"
    /// without the path, and made /dev/null-journal. A FIFO must not hang the open.
    @Test func pathsThatAreNotFilesAreRefusedWithTheirReason() async throws {
        let cli = try CLI()
        let journalExisted = access("/dev/null-journal", F_OK) == 0
        let fifo = cli.scratch.file("pipe")
        try #require(mkfifo(fifo, 0o600) == 0)
        let cases = [
            (cli.scratch.path, "it is a folder"), ("/dev/null", "it is not a regular file"),
            (fifo, "it is not a regular file"),
        ]
        for (path, reason) in cases {
            let result = try await cli.run("list", "--library", path)
            #expect(result.status == 74, "\(path): \(result)")
            #expect(
                result.standardError == "tidings: will not use \(path) as a library: \(reason)"
                    + (reason == "it is a folder"
                        ? "; give the path of a library file inside it\n"
                        : " (a device, pipe or socket); a library is a file\n"),
                "\(result)")
        }
        if !journalExisted { #expect(access("/dev/null-journal", F_OK) != 0) }
    }

    /// Before: on a library this user cannot write, `list` and `search` failed ("cannot open
    /// it for writing") and `check` called it damaged. Run as `nobody` through setpriv when the
    /// tests run as root (root writes anywhere), as the user itself otherwise.
    @Test func readOnlyLibraryIsBrowsedAndSavingSaysWhy() async throws {
        let (cli, id) = try await setUp()
        try #require(chmod(cli.scratch.path, 0o755) == 0 && chmod(cli.library, 0o644) == 0)
        var prefix: [String] = []
        if getuid() == 0 {
            guard let setpriv = executableOnPath("setpriv") else { return }
            prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
            // nobody must reach the binary and the scratch folder through their parents.
            var folder = (cli.scratch.path as NSString).deletingLastPathComponent
            while folder != "/" {
                var status = stat()
                if stat(folder, &status) == 0, status.st_mode & 0o001 == 0 { return }
                folder = (folder as NSString).deletingLastPathComponent
            }
        } else {
            try #require(chmod(cli.scratch.path, 0o555) == 0)
        }
        defer { chmod(cli.scratch.path, 0o755) }
        let before = try snapshot(cli.scratch.path)
        func run(_ arguments: String...) async throws -> ProcessResult {
            let binary = try BuiltProducts.executable(named: "tidings")
            let all = prefix.isEmpty ? arguments : Array(prefix.dropFirst()) + [binary] + arguments
            return try await ProcessRunner.run(
                prefix.first ?? binary, arguments: all, environment: cli.environment,
                workingDirectory: "/", timeout: .seconds(60))
        }
        let list = try await run("list")
        #expect(list.status == 0 && list.standardOutput.contains("Ferry service"), "\(list)")
        let search = try await run("search", "ferry")
        #expect(search.status == 0 && search.standardOutput.contains("service resumes"), "\(search)")
        let show = try await run("show", id)
        #expect(show.status == 0 && show.standardOutput.contains("Boats crossed"), "\(show)")
        let check = try await run("check")
        #expect(check.status == 0 && check.standardOutput.contains("the library is sound"), "\(check)")
        #expect(check.standardError.contains("read-only here"), "\(check)")
        let add = try await run("bookmarks", "add", id)
        #expect(add.status == 74 && add.standardError.contains("read-only here"), "\(add)")
        #expect(try snapshot(cli.scratch.path) == before)
    }
}
