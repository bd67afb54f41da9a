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
