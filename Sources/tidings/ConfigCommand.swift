import ArgumentParser
import Foundation
import TidingsConfig

/// `tidings config`: the configuration in effect as TOML, or `--check` of a file.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the configuration in effect as TOML, or check a config file.",
        discussion: """
            Prints every setting, the defaults included, with comments: a starting file \
            (tidings config > ~/.config/tidings/config.toml). With --check, checks PATH (or the \
            file the browser would read) and prints the first problem with its line and column. \
            Tidings never writes the config file.

            Exit status: 0 the file is good (or there is none at the usual place); 78 it cannot be \
            used, or a named file does not exist.
            """)

    /// EX_CONFIG from sysexits.h: the configuration is wrong.
    static let badConfigStatus: Int32 = 78

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Check the file and print whether it is good instead of the configuration.")
    var check = false

    @Argument(help: ArgumentHelp("The file to check (with --check).", valueName: "path"))
    var path: String?

    func validate() throws {
        if path != nil, !check { throw ValidationError("a PATH is only taken with --check; use --config PATH") }
    }

    func run() throws {
        try reporting {
            let location = path.map { ConfigLocation(path: $0, isExplicit: true) } ?? options.location
            let configuration = try options.load(location)
            guard !check else {
                let exists = FileManager.default.fileExists(atPath: location.path)
                Output.line(
                    exists ? "\(location.path): good" : "no config file at \(location.path): the defaults apply")
                return
            }
            for line in ConfigWriter.text(of: configuration).split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast()
            {
                Output.line(String(line))
            }
        }
    }
}
