import Foundation
import Glibc
import Testing

/// `tidings bookmarks` end to end: list, add, remove, export, import into another library.
@Suite struct BookmarkCLITests {
    let page = """
        Category: Economy

        Ferry service resumes across the Yalu

        Posted on May 10, 2019 by Jane Holloway

        Boats crossed again on Monday after a winter pause.

        [Reuters]

        Grain prices fall after an early *harvest*

        Posted on by

        Rice was cheaper in Sinuiju markets, traders said.

        [Daily NK]

        """

    /// A CLI whose library holds the page; the ids of ferry and grain.
    func setUp() async throws -> (CLI, ferry: String, grain: String) {
        let cli = try CLI()
        _ = try await cli.run("import", try cli.write("economy.txt", page))
        let listed = try await cli.run("list", "--json")
        let ids = try listed.standardOutput.split(separator: "\n").map {
            try #require((try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String)
        }
        try #require(ids.count == 2)
        return (cli, ids[0], ids[1])
    }

    @Test func addListRemoveAndUnknownIds() async throws {
        let (cli, ferry, grain) = try await setUp()
        let empty = try await cli.run("bookmarks")
        #expect(
            empty.status == 0 && empty.standardOutput.isEmpty && empty.standardError == "no bookmarks yet\n", "\(empty)"
        )

        let add = try await cli.run("bookmarks", "add", String(ferry.prefix(5)))
        #expect(add.status == 0, "\(add)")
        #expect(add.standardOutput == "bookmarked \(ferry)  Ferry service resumes across the Yalu\n")
        let again = try await cli.run("bookmarks", "add", ferry)
        #expect(again.standardOutput.hasPrefix("already bookmarked \(ferry)"))
        _ = try await cli.run("bookmarks", "add", grain)

        let list = try await cli.run("bookmarks", "list")
        #expect(list.standardOutput.split(separator: "\n").map { String($0.prefix(12)) } == [grain, ferry], "\(list)")
        #expect(
            list.standardOutput.contains(
                "\(ferry)  2019-05-10  Reuters         Ferry service resumes across the Yalu\n"))
        let json = try await cli.run("bookmarks", "--json")
        let first =
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.split(separator: "\n")[1].utf8))
            as? [String: Any]
        #expect(first?["id"] as? String == ferry)
        #expect(first?["categories"] as? [String] == ["Economy"])
        #expect(first?["date"] as? String == "2019-05-10")
        #expect(first?["inLibrary"] as? Bool == true)
        #expect((first?["bookmarkedAt"] as? String)?.hasSuffix("Z") == true)

        let remove = try await cli.run("bookmarks", "remove", grain)
        #expect(
            remove.standardOutput == "removed the bookmark of \(grain)  Grain prices fall after an early *harvest*\n")
        #expect(try await cli.run("bookmarks").standardOutput.split(separator: "\n").count == 1)

        for command in ["add", "remove"] {
            let unknown = try await cli.run("bookmarks", command, "zzzzzzzz")
            #expect(unknown.status == 1, "\(unknown)")
            #expect(unknown.standardError == "tidings: no post with id “zzzzzzzz”\n")
        }
        let help = try await cli.run("bookmarks", "--help")
        #expect(help.standardOutput.contains("export") && !help.standardOutput.contains("burst"), "\(help)")
    }

    @Test func exportAndImportRoundTripIntoAnotherLibrary() async throws {
        let (cli, ferry, grain) = try await setUp()
        _ = try await cli.run("bookmarks", "add", grain)
        _ = try await cli.run("bookmarks", "add", ferry)
        let markdown = try await cli.run("bookmarks", "export", "--format", "markdown")
        #expect(markdown.status == 0, "\(markdown)")
        #expect(markdown.standardOutput.contains("2 bookmarks, most recently bookmarked first."))
        #expect(
            markdown.standardOutput.contains(
                "- **Ferry service resumes across the Yalu**  \n  Reuters · Economy · 2019-05-10 · `\(ferry)`\n"))
        #expect(markdown.standardOutput.contains("**Grain prices fall after an early \\*harvest\\***"))

        let file = cli.scratch.file("saved/bookmarks.json")
        try FileManager.default.createDirectory(atPath: cli.scratch.file("saved"), withIntermediateDirectories: true)
        let export = try await cli.run("bookmarks", "export", "-o", file)
        #expect(export.status == 0, "\(export)")
        #expect(export.standardError == "exported 2 bookmarks to \(file)\n")
        let document =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
        #expect(document?["format"] as? String == "tidings-bookmarks")
        #expect(document?["version"] as? Int == 1)
        let entries = document?["bookmarks"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["id"] as? String } == [ferry, grain])
        #expect(entries.first?["outlet"] as? String == "Reuters")

        // Another machine holds only the ferry story, and had it bookmarked already.
        let other = cli.scratch.file("other.sqlite")
        let onlyFerry = page.components(separatedBy: "Grain prices")[0]
        _ = try await cli.run("import", "--library", other, try cli.write("ferry.txt", onlyFerry))
        _ = try await cli.run("bookmarks", "add", "--library", other, ferry)
        // A bookmark of a post this library does not hold is skipped, and counted...
        let skipped = try await cli.run("bookmarks", "import", "--library", other, file)
        #expect(skipped.status == 0, "\(skipped)")
        #expect(
            skipped.standardOutput == """
                restored 0, already bookmarked 1, not in this library 1
                  skipped 1 bookmark whose post is not in this library (--keep-missing keeps it)

                """, "\(skipped)")
        #expect(try await cli.run("bookmarks", "--library", other).standardOutput.contains(grain) == false)
        // ...unless the user keeps it.
        let restored = try await cli.run("bookmarks", "import", "--keep-missing", "--library", other, file)
        #expect(restored.status == 0, "\(restored)")
        #expect(
            restored.standardOutput == """
                restored 0, already bookmarked 1, not in this library 1
                  not in this library: \(grain)  Grain prices fall after an early *harvest* (Daily NK)

                """, "\(restored)")
        let listed = try await cli.run("bookmarks", "--library", other)
        #expect(
            listed.standardOutput.contains(
                "\(grain)  ----------  Daily NK        Grain prices fall after an early *harvest*  (not in this library)"
            ), "\(listed)")

        // Into an empty third library: everything restored in the original order.
        let third = cli.scratch.file("third.sqlite")
        _ = try await cli.run("import", "--library", third, cli.scratch.file("economy.txt"))
        let all = try await cli.run("bookmarks", "import", "--library", third, file)
        #expect(all.standardOutput == "restored 2, already bookmarked 0, not in this library 0\n", "\(all)")
        let order = try await cli.run("bookmarks", "--library", third)
        #expect(order.standardOutput.split(separator: "\n").map { String($0.prefix(12)) } == [ferry, grain])
    }

    @Test func badImportFilesAreRejectedWhole() async throws {
        let (cli, ferry, _) = try await setUp()
        let cases: [(String, String)] = [
            ("{\"hello\": 1}", "is not a Tidings bookmarks export"),
            (
                "{\"format\": \"tidings-bookmarks\", \"version\": 9, \"bookmarks\": []}",
                "is a version 9 export, newer than this Tidings reads (1)"
            ),
            ("{\"format\": \"tidings-bookmarks\", \"bookmarks\": []}", "missing \"version\" at the top level"),
            (
                "{\"format\": \"tidings-bookmarks\", \"version\": 1, \"exportedAt\": \"x\", \"bookmarks\": [{\"id\": \"\(ferry)\"}]}",
                "missing \"bookmarkedAt\" at .bookmarks[0]"
            ),
            (
                "{\"format\": \"tidings-bookmarks\", \"version\": 1, \"exportedAt\": \"x\", \"bookmarks\": [{\"id\": \"no\", \"bookmarkedAt\": \"2024-01-01T00:00:00Z\"}]}",
                "bookmark 1 has an invalid id “no”"
            ),
        ]
        for (text, message) in cases {
            let result = try await cli.run("bookmarks", "import", try cli.write("bad.json", text))
            #expect(result.status == 65, "\(result)")
            #expect(result.standardError.contains(message), "\(result)")
        }
        let missing = try await cli.run("bookmarks", "import", cli.scratch.file("nowhere.json"))
        #expect(missing.status == 74 && missing.standardError.contains("cannot read"), "\(missing)")
        #expect(try await cli.run("bookmarks").standardOutput.isEmpty)
    }

    @Test func failedExportLeavesTheOldFileByteIdentical() async throws {
        let (cli, ferry, _) = try await setUp()
        _ = try await cli.run("bookmarks", "add", ferry)
        let folder = cli.scratch.file("locked")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/bookmarks.md"
        let old = Data("old export, keep me\n".utf8)
        try old.write(to: URL(fileURLWithPath: file))
        // A folder nobody may create files in; root ignores permission bits but not the immutable flag.
        let locked =
            getuid() == 0
            ? try await ProcessRunner.run("chattr", arguments: ["+i", folder]).succeeded
            : chmod(folder, 0o555) == 0
        guard locked else { try Test.cancel("cannot make a read-only folder here") }
        defer {
            if getuid() == 0 {
                _ = try? ProcessRunner.runBlocking("chattr", arguments: ["-i", folder])
            } else {
                _ = chmod(folder, 0o755)
            }
        }
        let result = try await cli.run("bookmarks", "export", "--format", "markdown", "-o", file)
        #expect(result.status == 74, "\(result)")
        #expect(result.standardError.contains("could not write \(file)"), "\(result)")
        #expect(FileManager.default.contents(atPath: file) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["bookmarks.md"])
    }
}
