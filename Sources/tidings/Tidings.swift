import ArgumentParser
import Foundation
import TidingsCore
import TidingsScreen

/// The `tidings` command: the browser by default, subcommands for scripts.
@main
struct Tidings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tidings",
        abstract: "A fast terminal reader for an archive of news posts.",
        discussion: """
            With no subcommand, opens the browser on the library. The library is one SQLite file: \
            --library PATH, else $TIDINGS_LIBRARY, else $XDG_DATA_HOME/tidings/library.sqlite \
            (~/.local/share/tidings/library.sqlite).

            Exit status: 0 success; 1 a post or name was not found; 64 bad usage; 65 an archive \
            file was rejected or had errors (its good posts are kept), or `tidings check` found the \
            library damaged, or a web source sent what could not be read; 69 a web source could not be \
            reached (refused, DNS, timeout, 5xx, TLS); 74 the library could not be read or written \
            (or there is none at PATH, or PATH is not a Tidings library); 75 `tidings rebuild` \
            refused because another program has the library open (close it and try again).

            Only `import`, `fetch`, `bookmarks import` and the browser create a library; the other \
            commands say "no library at PATH" rather than make an empty one.

            Keys, colours and layout come from a TOML config file: --config PATH, else \
            $TIDINGS_CONFIG, else $XDG_CONFIG_HOME/tidings/config.toml (~/.config/tidings/config.toml); \
            `tidings config` prints one. A file that cannot be used stops the browser with exit status 78.
            """,
        version: "0.1.0",
        subcommands: [
            Browse.self, Import.self, List.self, Show.self, SearchCommand.self, Categories.self, Stats.self,
            BookmarksCommand.self, Check.self, Rebuild.self, Fetch.self, Update.self, SourcesCommand.self,
            ConfigCommand.self,
        ],
        defaultSubcommand: Browse.self
    )

    /// The arguments as given, each carried exactly (``RawPath``): `CommandLine.arguments`
    /// repairs bytes that are not UTF-8, and a file named `caf\xE9.txt` would then not open.
    static func rawArguments() -> [String] {
        (1..<Int(CommandLine.argc)).compactMap { index in
            CommandLine.unsafeArgv[index].map {
                RawPath.string(fromBytes: UnsafeRawBufferPointer(start: $0, count: strlen($0)))
            }
        }
    }

    /// Parses and runs like `ParsableCommand.main()`, but with every message the argument
    /// parser prints (usage errors quote the arguments given, which may hold escape
    /// sequences) sanitised line by line and written through ``Output``, like every other.
    static func main() {
        do {
            var command = try parseAsRoot(rawArguments())
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                let safe =
                    message.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { Sanitizer.clean($0) }.joined(separator: "\n") + "\n"
                Output.write(
                    Data(safe.utf8), to: code == .success ? FileHandle.standardOutput : FileHandle.standardError)
            }
            Foundation.exit(code.rawValue)
        }
    }
}
