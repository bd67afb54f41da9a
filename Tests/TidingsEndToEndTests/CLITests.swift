import Foundation
import Testing

/// The `tidings` command end to end: the real binary on a temporary library.
@Suite struct CLITests {
    let story = """
        Ferry service resumes across the Yalu

        Posted on May 10, 2019 by Jane Holloway

        Boats crossed again on Monday after a winter pause.

        [Reuters]

        Grain prices fall after an early harvest

        Posted on by

        Rice was cheaper in Sinuiju markets, traders said.

        [Daily NK]

        """

    @Test func importPrintsOneSummaryLineAndExitsZero() async throws {
        let cli = try CLI()
        let page = try cli.write("economy.txt", "Category: Economy\n\n" + story)
        let result = try await cli.run("import", page)
        #expect(result.status == 0, "\(result)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("posts: 2 new, 0 updated, 0 unchanged") == true, "\(result)")
        #expect(result.standardError.isEmpty)
        let again = try await cli.run("import", page)
        #expect(again.standardOutput.contains("posts: 0 new, 0 updated, 2 unchanged"), "\(again)")
    }

    @Test func badFilesExitWith65AndKeepGoodPosts() async throws {
        let cli = try CLI()
        let good = try cli.write("good.txt", "Category: Economy\n\n" + story)
        let empty = try cli.write("empty.txt", "")
        let partial = try cli.write(
            "partial.txt", "Lonely title\n\nPosted on by\n\nAnother title\n\nPosted on by\n\nBody.\n")
        let result = try await cli.run("import", good, empty, partial, cli.scratch.file("missing.txt"))
        #expect(result.status == 65, "\(result)")
        #expect(result.standardError.contains("empty.txt: error: empty file"))
        #expect(result.standardError.contains("partial.txt:1: error: post “Lonely title” has a title but no body"))
        #expect(result.standardError.contains("missing.txt: error: no such file or folder"))
        #expect(result.standardOutput.contains("posts: 3 new"), "\(result)")
        let list = try await cli.run("list")
        #expect(list.standardOutput.split(separator: "\n").count == 3)
    }

    @Test func listShowAndJSON() async throws {
        let cli = try CLI()
        _ = try await cli.run("import", try cli.write("economy.txt", "Category: Economy\n\n" + story))
        let json = try await cli.run("list", "--json", "--outlet", "reuters")
        #expect(json.status == 0, "\(json)")
        let lines = json.standardOutput.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(object?["title"] as? String == "Ferry service resumes across the Yalu")
        #expect(object?["date"] as? String == "2019-05-10")
        #expect(object?["categories"] as? [String] == ["Economy"])
        #expect(object?["authors"] as? [String] == ["Jane Holloway"])
        #expect(object?["tags"] as? [String] == [])
        #expect(object?["outlet"] as? String == "Reuters")
        #expect(object?["paragraphs"] as? [String] == ["Boats crossed again on Monday after a winter pause."])
        let id = try #require(object?["id"] as? String)

        let undated = try await cli.run("list", "--json", "--outlet", "Daily NK")
        let other = try JSONSerialization.jsonObject(with: Data(undated.standardOutput.utf8)) as? [String: Any]
        #expect(other?["date"] is NSNull)

        let show = try await cli.run("show", String(id.prefix(6)))
        #expect(show.status == 0)
        #expect(
            show.standardOutput.hasPrefix(
                "Ferry service resumes across the Yalu\nEconomy · Jane Holloway · Reuters · 2019-05-10\n"))
        let missing = try await cli.run("show", "zzzzzzzz")
        #expect(missing.status == 1)
        #expect(missing.standardError == "tidings: no post with id “zzzzzzzz”\n")

        let limited = try await cli.run("list", "--limit", "1")
        #expect(limited.standardOutput.split(separator: "\n").count == 1)
        let byCategory = try await cli.run("list", "--category", "economy")
        #expect(byCategory.standardOutput.split(separator: "\n").count == 2)
    }

    @Test func categoriesAndStats() async throws {
        let cli = try CLI()
        _ = try await cli.run(
            "import", try cli.write("a.txt", "Category: Economy\n\n" + story),
            try cli.write("b.txt", "Author Archives for Jane Holloway\n\n" + story))
        let categories = try await cli.run("categories")
        #expect(categories.standardOutput == "      2 Economy\n")
        let authors = try await cli.run("categories", "--by", "author", "--json")
        #expect(authors.standardOutput == "{\"count\":2,\"name\":\"Jane Holloway\"}\n")
        let outlets = try await cli.run("categories", "--by", "outlet")
        #expect(outlets.standardOutput.contains("1 Reuters"))
        let stats = try await cli.run("stats")
        #expect(stats.standardOutput.contains("posts       2 (1 dated, 2019-05-10 to 2019-05-10)"), "\(stats)")
        #expect(stats.standardOutput.contains("files       2"))
    }

    @Test func libraryLocationFollowsOptionEnvironmentAndXDG() async throws {
        let cli = try CLI()
        let page = try cli.write("economy.txt", "Category: Economy\n\n" + story)
        let explicit = cli.scratch.file("elsewhere/lib.sqlite")
        _ = try await cli.run("import", "--library", explicit, page)
        #expect(FileManager.default.fileExists(atPath: explicit))
        let xdg = cli.scratch.file("xdg")
        _ = try await cli.run("import", page, environment: ["TIDINGS_LIBRARY": "", "XDG_DATA_HOME": xdg])
        #expect(FileManager.default.fileExists(atPath: xdg + "/tidings/library.sqlite"))
        _ = try await cli.run("import", page, environment: ["TIDINGS_LIBRARY": ""])
        #expect(FileManager.default.fileExists(atPath: cli.scratch.file(".local/share/tidings/library.sqlite")))
    }

    @Test func hostileTextNeverReachesTheTerminal() async throws {
        let cli = try CLI()
        let hostile =
            "Title \u{1B}[2J with \u{1B}]0;pwned\u{07} escapes\n\nPosted on by\n\nBody \u{9B}31m and \u{202E}bidi \u{07}bell.\n\n[Out\u{1B}[5mlet]\n"
        let page = try cli.write("bad\u{1B}[1mname.txt", hostile)
        let result = try await cli.run("import", page, cli.scratch.file("gone\u{1B}]0;x\u{07}.txt"))
        let list = try await cli.run("list")
        let show = try await cli.run("show", String(list.standardOutput.prefix(12)))
        for output in [result.standardOutput, result.standardError, list.standardOutput, show.standardOutput] {
            #expect(
                !output.unicodeScalars.contains {
                    $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E
                },
                "\(output.debugDescription)")
        }
        #expect(show.standardOutput.contains("Title  with  escapes"))
    }

    @Test func browserRefusesWithoutTerminalAndImportsSampleFirst() async throws {
        let cli = try CLI()
        let result = try await cli.run(environment: ["TIDINGS_SAMPLE": CLI.repository + "/data"])
        #expect(result.status == 1, "\(result)")
        #expect(result.standardError.contains("Imported the sample archive:"), "\(result)")
        #expect(result.standardError.contains("must be a terminal"))
        #expect(result.standardError.contains("tidings list"))
        let stats = try await cli.run("stats", "--json")
        let object = try JSONSerialization.jsonObject(with: Data(stats.standardOutput.utf8)) as? [String: Any]
        #expect((object?["posts"] as? Int ?? 0) >= 40)
        #expect((object?["categories"] as? Int ?? 0) >= 4)
    }

    @Test func helpIsAvailableForEverySubcommand() async throws {
        let cli = try CLI()
        for command in ["import", "list", "show", "categories", "stats", "browse"] {
            let result = try await cli.run(command, "--help")
            #expect(result.status == 0)
            #expect(result.standardOutput.contains("USAGE: tidings \(command)"), "\(command): \(result)")
        }
        let usage = try await cli.run("list", "--limit", "-3")
        #expect(usage.status == 64)
    }
}
