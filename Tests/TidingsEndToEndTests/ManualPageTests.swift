import Foundation
import Testing

/// `docs/tidings.1` is generated from the command's help (scripts/generate-manual.sh); this
/// keeps it in step: every command, in order, with its abstract and every long option.
struct ManualPageTests {
    struct Command {
        var name: String
        var abstract: String
        var options: [String]
    }

    /// The commands under the root in the order the manual lists them (depth first).
    static func commands(in json: [String: Any]) -> [Command] {
        var out: [Command] = []
        func walk(_ command: [String: Any]) {
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                let arguments = sub["arguments"] as? [[String: Any]] ?? []
                let options = arguments.flatMap { argument in
                    (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }
                        .compactMap { $0["name"] as? String }
                }
                out.append(
                    Command(
                        name: sub["commandName"] as? String ?? "", abstract: sub["abstract"] as? String ?? "",
                        options: options))
                walk(sub)
            }
        }
        walk(json)
        return out
    }

    @Test func manualMatchesTheHelp() async throws {
        let manualPath = CLI.repository + "/docs/tidings.1"
        let manual = try String(contentsOfFile: manualPath, encoding: .utf8)
        let cli = try CLI()
        let dump = try await cli.run("--experimental-dump-help")
        #expect(dump.status == 0, "\(dump)")
        let root = try #require(JSONSerialization.jsonObject(with: Data(dump.standardOutput.utf8)) as? [String: Any])
        let commands = Self.commands(in: try #require(root["command"] as? [String: Any]))
        #expect(commands.contains { $0.name == "config" })

        let lines = manual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let starts = lines.indices.filter { lines[$0].hasPrefix(".It Em ") }
        let listed = starts.map { String(lines[$0].dropFirst(".It Em ".count)) }
        let stale = "docs/tidings.1 is out of step with --help: run scripts/generate-manual.sh"
        #expect(listed == commands.map(\.name), "\(stale)")
        guard listed == commands.map(\.name) else { return }
        for (index, command) in commands.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : lines.count
            let section = lines[starts[index]..<end].joined(separator: "\n")
            #expect(section.contains(command.abstract), "\(command.name): abstract; \(stale)")
            // The built-in `help` command's own `--help` is left out of the manual by the plugin.
            for option in command.options where !(command.name == "help" && option == "help") {
                // `.It Fl -config Ar path`, or after its short name: `.It Fl h , -help`.
                let written = section.contains("Fl -\(option)") || section.contains(" , -\(option)")
                #expect(written, "\(command.name) --\(option); \(stale)")
            }
        }
    }
}
