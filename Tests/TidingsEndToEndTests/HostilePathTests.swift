import Foundation
import Glibc
import Testing

/// Issue 16, point 10: file names that are not UTF-8 and trees deeper than `PATH_MAX`, through
/// the real `tidings import`. Arguments with raw bytes go through `sh` and `printf`, since a
/// Swift `String` argument cannot carry them.
@Suite struct HostilePathTests {
    static func page(_ title: String) -> String {
        """
        Category: Economy

        \(title)

        Posted on May 10, 2019 by Jane Holloway

        Boats crossed again on Monday after a winter pause.

        [Reuters]

        """
    }

    /// Creates the file `name` (bytes) in the folder open as `folder`.
    static func makeFile(in folder: Int32, _ name: [UInt8], _ text: String) throws {
        let fd = terminated(name) { openat(folder, $0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        try #require(fd >= 0, "openat: \(String(cString: strerror(errno)))")
        defer { close(fd) }
        let bytes = Array(text.utf8)
        #expect(write(fd, bytes, bytes.count) == bytes.count)
    }

    static func terminated<Result>(_ name: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        let bytes = name.map { CChar(bitPattern: $0) } + [0]
        return bytes.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Runs `tidings` through `sh -c`, the script using `$T` for the binary.
    static func shell(_ cli: CLI, _ script: String) async throws -> ProcessResult {
        var environment = cli.environment
        environment["T"] = try BuiltProducts.executable(named: "tidings")
        return try await ProcessRunner.run(
            "/bin/sh", arguments: ["-c", script], environment: environment, workingDirectory: cli.scratch.path,
            timeout: .seconds(120))
    }

    static func sourceCount(_ cli: CLI) async throws -> String {
        guard let sqlite = executableOnPath("sqlite3") else { return "" }
        return try await ProcessRunner.run(sqlite, arguments: [cli.library, "SELECT COUNT(*) FROM source;"])
            .standardOutput
    }

    /// Before: "no such file" by every path (the byte was repaired to U+FFFD on the way in).
    @Test func namesThatAreNotUTF8ImportByEveryPath() async throws {
        let cli = try CLI()
        let root = open(cli.scratch.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try #require(root >= 0)
        defer { close(root) }
        try Self.makeFile(in: root, Array("caf".utf8) + [0xE9] + Array(".txt".utf8), Self.page("Ferry in Latin-1"))
        let folderName = Array("dossier".utf8) + [0xE9]
        try #require(Self.terminated(folderName) { mkdirat(root, $0, 0o755) } == 0)
        let folder = Self.terminated(folderName) { openat(root, $0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { close(folder) }
        try Self.makeFile(in: folder, Array("na".utf8) + [0xEF] + Array("ve.txt".utf8), Self.page("Barge below"))
        try Self.makeFile(
            in: folder, Array("feed".utf8) + [0xE9] + Array(".xml".utf8),
            "<rss version=\"2.0\"><channel><title>T</title><item><title>Latin feed item</title>"
                + "<link>https://example.org/a</link><description>Body text.</description>"
                + "<pubDate>Fri, 10 May 2019 10:00:00 GMT</pubDate></item></channel></rss>")

        let file = try await Self.shell(cli, #""$T" import "$(printf 'caf\351.txt')""#)
        #expect(file.status == 0, "\(file)")
        #expect(file.standardOutput.contains("posts: 1 new"), "\(file)")
        let again = try await Self.shell(cli, #""$T" import "$(printf 'caf\351.txt')""#)
        #expect(again.standardOutput.contains("(0 read, 1 unchanged"), "\(again)")

        // The folder walk finds the file in the folder named in Latin-1, and the one above it
        // is the same source as before, not a second one.
        let tree = try await Self.shell(cli, #""$T" import ."#)
        #expect(tree.status == 0, "\(tree)")
        #expect(tree.standardOutput.contains("2 files (1 read, 1 unchanged"), "\(tree)")
        #expect(tree.standardOutput.contains("posts: 1 new"), "\(tree)")
        let treeAgain = try await Self.shell(cli, #""$T" import . "$(printf 'dossier\351/na\357ve.txt')""#)
        #expect(treeAgain.standardOutput.contains("(0 read, 2 unchanged"), "\(treeAgain)")
        let sources = try await Self.sourceCount(cli)
        #expect(sources.isEmpty || sources == "2\n", "sources: \(sources)")

        // A web page named in Latin-1 is read too.
        let web = try await Self.shell(cli, #""$T" import "$(printf 'dossier\351/feed\351.xml')""#)
        #expect(web.status == 0 && web.standardOutput.contains("feed%E9.xml: 1 new"), "\(web)")

        // Messages show the byte escaped, never raw.
        let missing = try await Self.shell(cli, #""$T" import "$(printf 'absent\351.txt')""#)
        #expect(missing.status == 65, "\(missing)")
        #expect(missing.standardError.contains("absent\\xE9.txt: error: no such file or folder"), "\(missing)")
        #expect(!missing.standardError.contains("\u{FFFD}"), "\(missing)")
    }

    /// A bookmarks export named in Latin-1 is read by its bytes; `--library` and `--config`,
    /// which name files by UTF-8 text, refuse such a path in words instead of opening (or
    /// making) a file of another name.
    @Test func optionPathsThatAreNotUTF8AreReadOrRefusedInWords() async throws {
        let cli = try CLI()
        let root = open(cli.scratch.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        try #require(root >= 0)
        defer { close(root) }
        try Self.makeFile(
            in: root, Array("marks".utf8) + [0xE9] + Array(".json".utf8),
            #"{"format": "tidings-bookmarks", "version": 1, "bookmarks": []}"#)
        let marks = try await Self.shell(cli, #""$T" bookmarks import "$(printf 'marks\351.json')""#)
        #expect(marks.status == 0, "\(marks)")
        let absent = try await Self.shell(cli, #""$T" bookmarks import "$(printf 'absent\351.json')""#)
        #expect(absent.status == 74, "\(absent)")
        #expect(absent.standardError.contains("cannot read absent\\xE9.json: no such file"), "\(absent)")

        let before = try FileManager.default.contentsOfDirectory(atPath: cli.scratch.path).sorted()
        let library = try await Self.shell(cli, #""$T" list --library "$(printf 'lib\351.sqlite')""#)
        #expect(library.status == 64, "\(library)")
        #expect(library.standardError.contains("--library lib\\xE9.sqlite: the path is not UTF-8 text"), "\(library)")
        let config = try await Self.shell(cli, #""$T" config --config "$(printf 'conf\351.toml')""#)
        #expect(config.status == 64, "\(config)")
        #expect(config.standardError.contains("--config conf\\xE9.toml: the path is not UTF-8 text"), "\(config)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.scratch.path).sorted() == before)
    }

    /// Before: a tree deeper than PATH_MAX was skipped in silence ("no .txt archive files").
    @Test func aTreeDeeperThanPathMaxIsWalkedAndWhatCannotBeOpenedIsNamed() async throws {
        let cli = try CLI()
        let name = Array(repeating: UInt8(ascii: "d"), count: 200)
        var chain: [Int32] = [open(cli.scratch.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)]
        try #require(chain[0] >= 0)
        try #require(Self.terminated(Array("deep".utf8)) { mkdirat(chain[0], $0, 0o755) } == 0)
        chain.append(Self.terminated(Array("deep".utf8)) { openat(chain[0], $0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) })
        defer {
            // Taken down from the bottom: a path this long cannot be removed by name.
            for level in stride(from: chain.count - 1, to: 0, by: -1) {
                var entries: [[UInt8]] = []
                if let listing = fdopendir(dup(chain[level])) {
                    while let entry = readdir(listing) {
                        let entryName = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                        if entryName != [0x2E], entryName != [0x2E, 0x2E] { entries.append(entryName) }
                    }
                    closedir(listing)
                }
                for entry in entries {
                    _ = Self.terminated(entry) {
                        unlinkat(chain[level], $0, 0) == 0 || unlinkat(chain[level], $0, AT_REMOVEDIR) == 0
                    }
                }
                close(chain[level])
                _ = Self.terminated(level == 1 ? Array("deep".utf8) : name) {
                    unlinkat(chain[level - 1], $0, AT_REMOVEDIR)
                }
            }
            close(chain[0])
        }
        for level in 1...25 {
            let parent = chain[chain.count - 1]
            try #require(Self.terminated(name) { mkdirat(parent, $0, 0o755) } == 0)
            chain.append(Self.terminated(name) { openat(parent, $0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) })
            if level == 5 {
                try Self.makeFile(in: chain[chain.count - 1], Array("shallow.txt".utf8), Self.page("Near the top"))
            }
        }
        try Self.makeFile(in: chain[chain.count - 1], Array("bottom.txt".utf8), Self.page("Far below"))

        let result = try await cli.run("import", "deep")
        #expect(result.standardOutput.contains("posts: 1 new"), "\(result)")
        #expect(result.standardError.contains("bottom.txt: warning: its path is "), "\(result)")
        #expect(result.standardError.contains("longer than the system opens by name (4095): skipped"), "\(result)")
        #expect(!result.standardError.contains("no .txt archive files"), "\(result)")
    }
}
