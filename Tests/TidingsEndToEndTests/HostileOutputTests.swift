import Foundation
import Testing
import TidingsScreen

/// Issue 16's plain-text output points: columns that stay in line whatever the outlet holds,
/// and combining marks capped as the browser caps them.
@Suite struct HostileOutputTests {
    static func post(_ title: String, outlet: String, body: String = "Body.") -> String {
        "\(title)\n\nPosted on May 10, 2019 by\n\n\(body)\n\n[\(outlet)]\n\n"
    }

    /// Before: an outlet with controls or bidi characters (removed on output) or wide letters
    /// pushed the title column out of line.
    @Test func listColumnsStayInLine() async throws {
        let cli = try CLI()
        let outlets = [
            "Reuters", "Ev\u{1B}[31mil\u{202E}\u{2066} News", "\u{07}\u{07}\u{07}Bell", "한국일보 신문사 서울", "Zoe\u{301}",
        ]
        var page = "Category: X\n\n"
        for (index, outlet) in outlets.enumerated() { page += Self.post("Title number \(index)", outlet: outlet) }
        _ = try await cli.run("import", try cli.write("page.txt", page))
        let list = try await cli.run("list")
        let lines = list.standardOutput.split(separator: "\n")
        #expect(lines.count == outlets.count, "\(list)")
        let columns = Set(
            lines.map { line -> Int in
                let prefix = line.components(separatedBy: "Title number").first ?? ""
                return TextWidth.columns(of: prefix)
            })
        #expect(columns.count == 1, "title columns at \(columns): \(list.standardOutput)")
    }

    /// Before: `show` printed 5,000 combining marks on one letter where the browser keeps 4.
    @Test func combiningMarksAreCappedLikeTheBrowser() async throws {
        let cli = try CLI()
        let zalgo = "Z" + String(repeating: "\u{301}", count: 5_000) + "algo"
        _ = try await cli.run(
            "import",
            try cli.write("page.txt", "Category: X\n\n" + Self.post("Title \(zalgo)", outlet: "O", body: zalgo)))
        for command in [["list"]] {
            let result = try await cli.run(arguments: command)
            #expect(result.status == 0, "\(result)")
            #expect(result.standardOutput.contains("Z" + String(repeating: "\u{301}", count: 4) + "algo"), "\(command)")
            #expect(!result.standardOutput.contains(String(repeating: "\u{301}", count: 5)), "\(command)")
        }
        let list = try await cli.run("list", "--json")
        let id = try #require(
            (try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any])?["id"] as? String
        )
        let show = try await cli.run("show", id)
        #expect(show.status == 0 && !show.standardOutput.unicodeScalars.isEmpty, "\(show)")
        #expect(!show.standardOutput.contains(String(repeating: "\u{301}", count: 5)), "\(show)")
        // The JSON keeps the data as it is.
        #expect(
            list.standardOutput.contains(String(repeating: "\\u0301", count: 5))
                || list.standardOutput.contains(String(repeating: "\u{301}", count: 5)))
    }
}
