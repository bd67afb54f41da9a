import Foundation
import Testing

/// Issue 15, the CLI as a demanding new user finds it: no library made by a typo, messages
/// that say what is wrong, not-found that says so, and output for scripts.
@Suite struct CLIReaderTests {
    static let page = """
        Category: Economy

        Ferry service resumes across the Yalu

        Posted on May 10, 2019 by Jane Holloway

        Boats crossed again on Monday after a winter pause.

        [Reuters]

        Grain prices fall after an early harvest

        Posted on May 12, 2019 by Jean Dupré

        Rice was cheaper in Sinuiju markets, traders said.

        [Daily NK Korean Service Weekly]

        """

    @Test("a mistyped --library path creates nothing; only import may create a library (13)")
    func noLibraryByTypo() async throws {
        let cli = try CLI()
        let missing = cli.scratch.file("nodir/x.sqlite")
        for command in [
            ["stats"], ["list"], ["show", "abcdefabcdef"], ["search", "ferry"], ["bookmarks"], ["categories"],
        ] {
            let result = try await cli.run(arguments: command + ["--library", missing])
            #expect(result.status == 74, "\(command): \(result)")
            #expect(result.standardError.contains("no library at \(missing)"), "\(command): \(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.scratch.file("nodir")))
        // A 0-byte file is no library either, and `check` leaves it empty.
        let empty = try cli.write("empty.sqlite", "")
        let check = try await cli.run("check", "--library", empty)
        #expect(check.status == 74 && check.standardError.contains("no library at"), "\(check)")
        let stats = try await cli.run("stats", "--library", empty)
        #expect(stats.status == 74, "\(stats)")
        #expect((try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int) == 0)
        // import does create one.
        let made = cli.scratch.file("new/library.sqlite")
        let imported = try await cli.run("import", "--library", made, try cli.write("p.txt", Self.page))
        #expect(imported.status == 0, "\(imported)")
        let after = try await cli.run("stats", "--library", made)
        #expect(after.status == 0, "\(after)")
    }
}

extension CLIReaderTests {
    @Test("a file that is not SQLite is not called damaged, and rebuild leaves it alone (14)")
    func foreignFile() async throws {
        let cli = try CLI()
        let text = "Ferry service resumes across the Yalu\n\nnot a database at all\n"
        let foreign = try cli.write("notes.txt", text)
        let list = try await cli.run("list", "--library", foreign)
        #expect(list.status == 74, "\(list)")
        #expect(list.standardError.contains("is not a Tidings library"), "\(list)")
        #expect(!list.standardError.contains("damaged"), "\(list)")
        let rebuild = try await cli.run("rebuild", "--force", "--library", foreign)
        #expect(rebuild.status == 74 && rebuild.standardError.contains("is not a Tidings library"), "\(rebuild)")
        #expect(try String(contentsOfFile: foreign, encoding: .utf8) == text)
        let aside = try FileManager.default.contentsOfDirectory(atPath: cli.scratch.path).filter {
            $0.contains("damaged")
        }
        #expect(aside.isEmpty)
    }

    @Test("rebuild on a sound library says so and does nothing without --force (14)")
    func rebuildSound() async throws {
        let cli = try CLI()
        #expect(try await cli.run("import", try cli.write("p.txt", Self.page)).status == 0)
        let rebuild = try await cli.run("rebuild")
        #expect(rebuild.status == 0, "\(rebuild)")
        #expect(rebuild.standardOutput.contains("the library is sound"), "\(rebuild)")
        let aside = try FileManager.default.contentsOfDirectory(atPath: cli.scratch.path).filter {
            $0.contains("damaged")
        }
        #expect(aside.isEmpty, "\(aside)")
        let forced = try await cli.run("rebuild", "--force")
        #expect(forced.status == 0 && forced.standardOutput.contains("rebuilt"), "\(forced)")
    }
}

extension CLI {
    /// `run` with the arguments as an array, for tests that loop over commands.
    func run(arguments: [String]) async throws -> ProcessResult {
        try await ProcessRunner.run(
            try BuiltProducts.executable(named: "tidings"), arguments: arguments, environment: environment,
            workingDirectory: scratch.path, timeout: .seconds(120))
    }
}
