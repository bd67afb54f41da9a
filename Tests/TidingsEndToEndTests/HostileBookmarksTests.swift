import Foundation
import Glibc
import Testing

/// Issue 16's bookmarks-file points: streams read with a cap, broken exports located, hostile
/// ids shown escaped rather than as nothing.
@Suite struct HostileBookmarksTests {
    let page = """
        Category: Economy

        Ferry service resumes across the Yalu

        Posted on May 10, 2019 by Jane Holloway

        Boats crossed again on Monday after a winter pause.

        [Reuters]

        """

    /// A library with one bookmark, and its JSON export.
    func setUp() async throws -> (CLI, export: String) {
        let cli = try CLI()
        _ = try await cli.run("import", try cli.write("economy.txt", page))
        let list = try await cli.run("list", "--json")
        let id = try #require(
            (try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any])?["id"] as? String
        )
        _ = try await cli.run("bookmarks", "add", id)
        let export = try await cli.run("bookmarks", "export", "--format", "json")
        _ = try await cli.run("bookmarks", "remove", id)
        return (cli, export.standardOutput)
    }

    /// Before: `cat x.json | tidings bookmarks import /dev/stdin`, a FIFO and /dev/zero failed
    /// with "You don't have permission"; `-` was not accepted.
    @Test func standardInputPipesAndFIFOsAreReadAsStreams() async throws {
        let (cli, export) = try await setUp()
        let binary = try BuiltProducts.executable(named: "tidings")
        for path in ["-", "/dev/stdin"] {
            let result = try await ProcessRunner.run(
                binary, arguments: ["bookmarks", "import", path], environment: cli.environment,
                standardInput: export, workingDirectory: cli.scratch.path)
            #expect(result.status == 0 && result.standardOutput.hasPrefix("restored"), "\(path): \(result)")
        }
        let fifo = cli.scratch.file("export.fifo")
        try #require(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else { return }
            _ = export.withCString { write(fd, $0, strlen($0)) }
            close(fd)
        }
        writer.start()
        let fromFIFO = try await cli.run("bookmarks", "import", fifo)
        #expect(fromFIFO.status == 0 && fromFIFO.standardOutput.contains("already bookmarked 1"), "\(fromFIFO)")

        let zero = try await cli.run("bookmarks", "import", "/dev/zero")
        #expect(
            zero.status == 74
                && zero.standardError == "tidings: cannot read /dev/zero: it is larger than 256 MB, "
                    + "more than a bookmarks export can be\n",
            "\(zero)")
        let folder = try await cli.run("bookmarks", "import", cli.scratch.path)
        #expect(folder.status == 74 && folder.standardError.contains("it is a folder"), "\(folder)")
    }

    /// Before: a truncated or too deeply nested export said only that it was not an export.
    @Test func brokenExportsSayWhereTheyBreak() async throws {
        let (cli, export) = try await setUp()
        let cut = try cli.write("cut.json", String(export.prefix(80)))
        let result = try await cli.run("bookmarks", "import", cut)
        #expect(result.status == 65, "\(result)")
        #expect(result.standardError.contains("malformed bookmarks export: the file ends part way (line"), "\(result)")
        let deep = try cli.write(
            "deep.json",
            #"{"format": "tidings-bookmarks", "version": 1, "bookmarks": "#
                + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000) + "}")
        let nested = try await cli.run("bookmarks", "import", deep)
        #expect(
            nested.status == 65 && nested.standardError.contains("nested more than 512 deep at line 1"), "\(nested)")
    }

    /// Before: a key given twice was taken silently (the decoder kept one of the two).
    @Test func duplicateKeysAreRefusedSayingWhere() async throws {
        let (cli, export) = try await setUp()
        // The entry's id given twice: the second one would have won.
        let twice = export.replacingOccurrences(of: "\"id\" : ", with: "\"id\" : \"000000000000\", \"id\" : ")
        #expect(twice != export)
        let result = try await cli.run("bookmarks", "import", try cli.write("twice.json", twice))
        #expect(result.status == 65, "\(result)")
        #expect(
            result.standardError.contains("the key \"id\" appears twice in one object (in .bookmarks[0], line "),
            "\(result)")
        let format = try await cli.run(
            "bookmarks", "import",
            try cli.write(
                "format.json",
                #"{"format": "tidings-bookmarks", "version": 1, "version": 2, "exportedAt": "x", "bookmarks": []}"#))
        #expect(format.status == 65, "\(format)")
        #expect(
            format.standardError.contains(
                "the key \"version\" appears twice in one object (in the top level, line 1, column 47)"),
            "\(format)")
        #expect(try await cli.run("bookmarks").standardOutput.isEmpty)
    }

    /// Before: a bookmark of a post not in the library was always kept and listed, one line
    /// each (300,000 lines for a big foreign export).
    @Test func missingPostsAreSkippedUnlessKept() async throws {
        let (cli, export) = try await setUp()
        let other = cli.scratch.file("other.sqlite")
        _ = try await cli.run(
            "import", "--library", other,
            try cli.write("empty-ish.txt", page.replacingOccurrences(of: "Ferry", with: "Barge")))
        let file = try cli.write("export.json", export)
        let skipped = try await cli.run("bookmarks", "import", "--library", other, file)
        #expect(skipped.status == 0, "\(skipped)")
        #expect(skipped.standardOutput.contains("skipped 1 bookmark whose post is not in this library"), "\(skipped)")
        #expect(try await cli.run("bookmarks", "--library", other).standardOutput.isEmpty)
        let kept = try await cli.run("bookmarks", "import", "--keep-missing", "--library", other, file)
        #expect(kept.standardOutput.contains("not in this library: "), "\(kept)")
        #expect(try await cli.run("bookmarks", "--library", other).standardOutput.contains("(not in this library)"))
    }

    /// Before: `no post with id “”`: the message's sanitising removed the whole id.
    @Test func hostileIdsAreShownEscaped() async throws {
        let cli = try CLI()
        _ = try await cli.run("import", try cli.write("economy.txt", page))
        for command in [["show"], ["bookmarks", "add"]] {
            let result = try await cli.run(arguments: command + ["\u{1B}]0;x\u{07}\u{202E}id"])
            #expect(result.status == 1, "\(result)")
            #expect(result.standardError == "tidings: no post with id “\\u{1B}]0;x\\u{7}\\u{202E}id”\n", "\(result)")
        }
    }
}
