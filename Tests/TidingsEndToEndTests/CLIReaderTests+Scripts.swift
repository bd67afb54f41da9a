import Foundation
import Testing

/// Issue 15, points 12, 15 and 16: names, exit codes and messages, and output for scripts.
extension CLIReaderTests {
    /// A CLI with the two-post page imported.
    static func imported() async throws -> CLI {
        let cli = try CLI()
        let result = try await cli.run("import", try cli.write("p.txt", page))
        #expect(result.status == 0, "\(result)")
        return cli
    }

    static func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

    @Test("names: not found says so (exit 1); case, accents and a unique part will do; several are listed (12)")
    func names() async throws {
        let cli = try await Self.imported()
        let missing = try await cli.run("list", "--category", "Nonexistent")
        #expect(
            missing.status == 1 && missing.standardError.contains("no category matches “Nonexistent”"), "\(missing)")
        let jane = try await cli.run("list", "--author", "jane")
        #expect(jane.status == 0 && Self.lines(jane.standardOutput).count == 1, "\(jane)")
        #expect(jane.standardOutput.contains("Ferry service"))
        let accent = try await cli.run("list", "--author", "DUPRE")
        #expect(accent.status == 0 && accent.standardOutput.contains("Grain prices"), "\(accent)")
        let both = try await cli.run("list", "--author", "j")
        #expect(both.status == 1, "\(both)")
        #expect(both.standardError.contains("Jane Holloway") && both.standardError.contains("Jean Dupré"), "\(both)")
        let outlet = try await cli.run("list", "--outlet", "daily nk")
        #expect(outlet.status == 0 && Self.lines(outlet.standardOutput).count == 1, "\(outlet)")
        let search = try await cli.run("search", "author:dupre")
        #expect(search.standardOutput.contains("Grain prices"), "\(search)")
    }

    @Test("exit codes and messages: usage errors are 64, files are named as given, 75 is documented (15)")
    func exitCodes() async throws {
        let cli = try await Self.imported()
        let short = try await cli.run("show", "abc")
        #expect(short.status == 64 && short.standardError.contains("too short"), "\(short)")
        let negative = try await cli.run("list", "--limit", "-3")
        #expect(negative.status == 64 && negative.standardError.contains("--limit must be 0 or more"), "\(negative)")
        #expect(!negative.standardError.contains("Missing value"), "\(negative)")
        let missing = try await cli.run("bookmarks", "import", cli.scratch.file("none.json"))
        #expect(missing.standardError.contains("none.json: no such file"), "\(missing)")
        #expect(!missing.standardError.contains("could not be completed"), "\(missing)")
        // A file reached through a symbolic link is named as given.
        let real = try cli.write("real/binary.dat", "\u{0}\u{1}\u{2}ELF")
        let link = cli.scratch.file("given.txt")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let imported = try await cli.run("import", link)
        #expect(imported.standardError.contains("given.txt"), "\(imported)")
        #expect(!imported.standardError.contains("binary.dat"), "\(imported)")
        let help = try await cli.run("--help")
        #expect(help.standardOutput.contains("75"), "\(help)")
    }

    @Test("bookmarks export without --format: JSON into a pipe or a .json file (15)")
    func exportDefault() async throws {
        let cli = try await Self.imported()
        let id = try #require(Self.lines(try await cli.run("list").standardOutput).first?.split(separator: " ").first)
        #expect(try await cli.run("bookmarks", "add", String(id)).status == 0)
        let piped = try await cli.run("bookmarks", "export")
        #expect(piped.status == 0 && piped.standardOutput.hasPrefix("{"), "\(piped)")
        let file = cli.scratch.file("out.json")
        #expect(try await cli.run("bookmarks", "export", "-o", file).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"tidings-bookmarks\""))
    }

    @Test("scripts: whole outlets in a pipe, read and bookmarked in JSON, list filters, stats counts (16)")
    func scripts() async throws {
        let cli = try await Self.imported()
        let list = try await cli.run("list")
        #expect(list.standardOutput.contains("Daily NK Korean Service Weekly"), "\(list)")
        let first = try #require(Self.lines(list.standardOutput).first?.split(separator: " ").first.map(String.init))
        #expect(try await cli.run("bookmarks", "add", first).status == 0)

        let json = try await cli.run("list", "--json")
        let objects = try Self.lines(json.standardOutput).map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["bookmarked"] as? Bool } == [true, false])
        #expect(objects.map { $0["read"] as? Bool } == [false, false])
        let show = try await cli.run("show", "--json", first)
        #expect(
            show.standardOutput.contains("\"bookmarked\":true") && show.standardOutput.contains("\"read\":false"),
            "\(show)")

        #expect(Self.lines(try await cli.run("list", "--bookmarked").standardOutput).count == 1)
        #expect(Self.lines(try await cli.run("list", "--unread").standardOutput).count == 2)
        let since = try await cli.run("list", "--since", "2019-05-11")
        #expect(Self.lines(since.standardOutput).count == 1 && since.standardOutput.contains("Grain"), "\(since)")
        let offset = try await cli.run("list", "--offset", "1")
        #expect(Self.lines(offset.standardOutput).count == 1 && offset.standardOutput.contains("Grain"), "\(offset)")
        let tag = try await cli.run("list", "--tag", "nothing")
        #expect(tag.status == 1, "\(tag)")
        let badDate = try await cli.run("list", "--since", "May 2019")
        #expect(badDate.status == 64, "\(badDate)")
        let stats = try await cli.run("stats")
        #expect(
            stats.standardOutput.contains("unread      2") && stats.standardOutput.contains("bookmarks   1"), "\(stats)"
        )
    }
}

extension CLIReaderTests {
    @Test("the README says how to install, how long the first build takes, what • and ★ mean; install.sh parses (17)")
    func readmeAndInstaller() async throws {
        let readme = try String(contentsOfFile: CLI.repository + "/README.md", encoding: .utf8)
        for phrase in [
            "scripts/install.sh", "PREFIX", "swift build -c release", "first build takes",
            "`•` an unread post", "`★` a bookmarked one", "completion", "75 ",
        ] {
            #expect(readme.contains(phrase), "README lacks \(phrase)")
        }
        let script = CLI.repository + "/scripts/install.sh"
        #expect(FileManager.default.isExecutableFile(atPath: script))
        let parsed = try await ProcessRunner.run(
            "/bin/sh", arguments: ["-n", script], environment: [:],
            workingDirectory: CLI.repository, timeout: .seconds(20))
        #expect(parsed.status == 0, "\(parsed)")
        // The completion scripts the installer writes come from the binary itself.
        let cli = try CLI()
        let bash = try await cli.run("--generate-completion-script", "bash")
        #expect(bash.status == 0 && bash.standardOutput.contains("tidings"), "\(bash)")
    }
}
