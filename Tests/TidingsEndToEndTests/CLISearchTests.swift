import Foundation
import Testing

/// `tidings search` end to end: the real binary on a temporary library.
@Suite struct CLISearchTests {
    let pages = [
        "economy.txt": """
        Category: Economy

        Grain prices fall after an early harvest

        Posted on May 10, 2019 by Jane Holloway

        Rice was cheaper in Sinuiju markets, traders said.

        [Daily NK]

        Détente brings traders back to Sinuiju

        Posted on by

        A tête-à-tête of officials reopened the bridge, traders said.

        [Reuters]

        """,
        "korea.txt": """
        Category: Diplomacy

        김정은이 평양에서 연설

        Posted on by

        조선중앙통신은 김정은이 연설했다고 전했다.

        [Yonhap]

        """,
    ]

    /// A CLI whose library holds the pages above.
    private func imported() async throws -> CLI {
        let cli = try CLI()
        let result = try await cli.run(
            "import", try cli.write("economy.txt", pages["economy.txt"]!),
            try cli.write("korea.txt", pages["korea.txt"]!))
        #expect(result.status == 0, "\(result)")
        return cli
    }

    @Test func plainOutputMarksMatchesAndRanksTitlesFirst() async throws {
        let cli = try await imported()
        let result = try await cli.run("search", "sinuiju")
        #expect(result.status == 0, "\(result)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result)")
        // The title match ranks first; every result is a line and an indented snippet.
        #expect(lines[0].hasSuffix("Reuters         Détente brings traders back to [Sinuiju]"), "\(lines[0])")
        #expect(lines[0].count > 12 && lines[0].prefix(12).allSatisfy { $0.isLetter || $0.isNumber })
        #expect(lines[2].hasSuffix("Daily NK        Grain prices fall after an early harvest"), "\(lines[2])")
        #expect(lines[3] == "    Rice was cheaper in [Sinuiju] markets, traders said.")
        #expect(result.standardError.isEmpty)
    }

    @Test func archiveOrderLimitAndAccents() async throws {
        let cli = try await imported()
        let result = try await cli.run("search", "--order", "archive", "TRADERS", "said")
        let titles = result.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("    ") }
        #expect(titles.count == 2)
        #expect(titles[0].hasSuffix("Grain prices fall after an early harvest"))
        let limited = try await cli.run("search", "--limit", "1", "detente")
        #expect(limited.status == 0)
        #expect(limited.standardOutput.contains("[Détente] brings traders back to Sinuiju"), "\(limited)")
        let korean = try await cli.run("search", "정은")
        #expect(korean.standardOutput.contains("김[정은]이 평양에서 연설"), "\(korean)")
        #expect(korean.standardOutput.contains("    조선중앙통신은 김[정은]이 연설했다고 전했다."), "\(korean)")
    }

    @Test func jsonHasThePostSnippetAndScore() async throws {
        let cli = try await imported()
        let result = try await cli.run("search", "--json", "author:holloway", "rice")
        #expect(result.status == 0, "\(result)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "id", "title", "categories", "tags", "authors", "outlet", "date", "url", "paragraphs",
                "snippet", "score",
            ])
        #expect(object["url"] is NSNull)
        #expect(object["title"] as? String == "Grain prices fall after an early harvest")
        #expect(object["authors"] as? [String] == ["Jane Holloway"])
        #expect(object["date"] as? String == "2019-05-10")
        #expect(object["snippet"] as? String == "[Rice] was cheaper in Sinuiju markets, traders said.")
        #expect((object["score"] as? Double ?? 0) > 0)
        let archive = try await cli.run("search", "--json", "--order", "archive", "rice")
        let other = try JSONSerialization.jsonObject(with: Data(archive.standardOutput.utf8)) as? [String: Any]
        #expect(other?["score"] is NSNull)
    }

    @Test func exitStatuses() async throws {
        let cli = try await imported()
        let nothing = try await cli.run("search", "zanzibar")
        #expect(nothing.status == 1)
        #expect(nothing.standardOutput.isEmpty && nothing.standardError.isEmpty)
        let empty = try await cli.run("search")
        #expect(empty.status == 64)
        #expect(empty.standardError.contains("nothing to search for"))
        let punctuation = try await cli.run("search", "*", ":")
        #expect(punctuation.status == 64, "\(punctuation)")
        let negative = try await cli.run("search", "--limit", "-1", "rice")
        #expect(negative.status == 64)
        // Words that start with `-` are exclusions, not options.
        let excluded = try await cli.run("search", "traders", "-rice")
        #expect(excluded.status == 0, "\(excluded)")
        #expect(
            excluded.standardOutput.contains("Détente brings [traders] back")
                && !excluded.standardOutput.contains("Grain"), "\(excluded)")
        let help = try await cli.run("search", "--help")
        #expect(help.status == 0 && help.standardOutput.contains("USAGE: tidings search"))
    }

    @Test func hostileQueriesGiveHintsNeverSQLOrEscapes() async throws {
        let cli = try await imported()
        for query in [
            "\"unbalanced", "NEAR(", "AND", "title:", "kim\u{1B}]0;pwned\u{07}", "\u{1B}[2J", "OR OR",
            String(repeating: "x\"y ", count: 3_000), "post_fts:rice", "rice*",
        ] {
            let result = try await cli.run("search", query)
            #expect([0, 1, 64].contains(result.status), "\(query.debugDescription): \(result)")
            for output in [result.standardOutput, result.standardError] {
                #expect(
                    !output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 },
                    "\(output.debugDescription)")
                #expect(
                    !output.lowercased().contains("fts5") && !output.contains("SQLITE")
                        && !output.contains("syntax error"),
                    "\(output)")
            }
        }
        let quote = try await cli.run("search", "\"traders said")
        #expect(quote.status == 0)
        #expect(quote.standardError == "tidings: note: unbalanced quote closed\n", "\(quote)")
    }
}
