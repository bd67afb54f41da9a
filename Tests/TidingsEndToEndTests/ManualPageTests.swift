import Foundation
import Testing

/// `docs/tidings.1` is generated from the command's help (scripts/generate-manual.sh); this
/// keeps it in step. Always: every command in order, and every text of `--help` (the root's
/// abstract and discussion, each command's, each shown argument's names, abstract and
/// discussion) written in its section as the generator writes it. Where the generator has
/// been built (the script builds it), also the whole page regenerated and compared line by
/// line, all but the `.Dd` date.
struct ManualPageTests {
    struct Command {
        var name: String
        var texts: [String]
        var options: [String]
    }

    static let stale = "docs/tidings.1 is out of step with --help: run scripts/generate-manual.sh"

    /// The texts of a command or argument: its abstract and each line of its discussion.
    static func texts(of item: [String: Any]) -> [String] {
        let discussion = (item["discussion"] as? String).map { $0.split(separator: "\n").map(String.init) } ?? []
        return ([item["abstract"] as? String].compactMap { $0 } + discussion).filter { !$0.isEmpty }
    }

    /// A command's own texts and its shown arguments' texts and long names.
    static func command(_ json: [String: Any]) -> Command {
        let arguments = (json["arguments"] as? [[String: Any]] ?? []).filter { $0["shouldDisplay"] as? Bool ?? true }
        let options = arguments.flatMap { argument in
            (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }
                .compactMap { $0["name"] as? String }
        }
        return Command(
            name: json["commandName"] as? String ?? "", texts: texts(of: json) + arguments.flatMap(texts(of:)),
            options: options)
    }

    /// The commands under the root in the order the manual lists them (depth first).
    static func commands(in json: [String: Any]) -> [Command] {
        var out: [Command] = []
        func walk(_ command: [String: Any]) {
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                out.append(Self.command(sub))
                walk(sub)
            }
        }
        walk(json)
        return out
    }

    /// A text line as the generator writes it: ASCII only, `\` as `\e`. (A line it begins
    /// with `\&`, one starting with `.`, `'` or a blank, still contains this.)
    static func written(_ text: String) -> String {
        String(text.filter(\.isASCII)).replacingOccurrences(of: "\\", with: "\\e")
    }

    @Test func manualMatchesTheHelp() async throws {
        let manualPath = CLI.repository + "/docs/tidings.1"
        let manual = try String(contentsOfFile: manualPath, encoding: .utf8)
        let cli = try CLI()
        let dump = try await cli.run("--experimental-dump-help")
        #expect(dump.status == 0, "\(dump)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(dump.standardOutput.utf8)) as? [String: Any])
        let rootJSON = try #require(json["command"] as? [String: Any])
        let commands = Self.commands(in: rootJSON)
        #expect(commands.contains { $0.name == "config" })

        let lines = manual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let starts = lines.indices.filter { lines[$0].hasPrefix(".It Em ") }
        let listed = starts.map { String(lines[$0].dropFirst(".It Em ".count)) }
        #expect(listed == commands.map(\.name), "\(Self.stale)")
        guard listed == commands.map(\.name) else { return }

        // The root: its abstract in NAME, its discussion and options before the first command.
        let root = Self.command(rootJSON)
        let abstract = try #require(rootJSON["abstract"] as? String)
        let quoted = Self.written(abstract).replacingOccurrences(of: "\"", with: "\\(dq")
        #expect(lines.contains(".Nd \"\(quoted)\""), "root abstract; \(Self.stale)")
        let head = lines[..<(starts.first ?? lines.count)].joined(separator: "\n")
        for text in root.texts.dropFirst() {
            #expect(head.contains(Self.written(text)), "root: \(text); \(Self.stale)")
        }
        for (index, command) in commands.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : lines.count
            let section = lines[starts[index]..<end].joined(separator: "\n")
            for text in command.texts {
                #expect(section.contains(Self.written(text)), "\(command.name): \(text); \(Self.stale)")
            }
            // The built-in `help` command's own `--help` is left out of the manual by the plugin.
            for option in command.options where !(command.name == "help" && option == "help") {
                // `.It Fl -config Ar path`, or after its short name: `.It Fl h , -help`.
                let written = section.contains("Fl -\(option)") || section.contains(" , -\(option)")
                #expect(written, "\(command.name) --\(option); \(Self.stale)")
            }
        }
    }

    /// The generator the plugin runs, where a build has made it (scripts/generate-manual.sh does).
    static var generator: String? { try? BuiltProducts.executable(named: "generate-manual-tool") }

    @Test(.enabled(if: generator != nil, "generate-manual-tool not built: scripts/generate-manual.sh builds it"))
    func manualIsWhatTheGeneratorWrites() async throws {
        let generator = try #require(Self.generator)
        let cli = try CLI()
        let folder = cli.scratch.file("manual")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The arguments scripts/generate-manual.sh hands the plugin, which adds the tool and folder.
        let result = try await ProcessRunner.run(
            generator,
            arguments: [
                try BuiltProducts.executable(named: "tidings"), "--output-directory", folder, "--date", "2000-01-01",
                "--authors", "The Tidings authors",
            ],
            environment: cli.environment, workingDirectory: cli.scratch.path, timeout: .seconds(120))
        #expect(result.status == 0, "\(result)")
        let fresh = try String(contentsOfFile: folder + "/tidings.1", encoding: .utf8)
        let committed = try String(contentsOfFile: CLI.repository + "/docs/tidings.1", encoding: .utf8)
        func undated(_ text: String) -> [Substring] {
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix(".Dd ") }
        }
        let (committedLines, freshLines) = (undated(committed), undated(fresh))
        let first = zip(committedLines, freshLines).first { $0.0 != $0.1 }
        let difference =
            first.map { "committed \"\($0.0)\", generated \"\($0.1)\"" }
            ?? "\(committedLines.count) lines committed, \(freshLines.count) generated"
        let same = committedLines == freshLines
        #expect(same, "\(Self.stale); first difference: \(difference)")
    }
}
