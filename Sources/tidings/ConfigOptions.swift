import ArgumentParser
import Foundation
import TidingsConfig

/// The `--config` option of the browser and of `tidings config`.
struct ConfigOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The config file to read (default: $TIDINGS_CONFIG, else $XDG_CONFIG_HOME/tidings/config.toml).",
            valueName: "path"))
    var config: String?

    /// Config files are found, read and named in messages as UTF-8 paths; a path holding other
    /// bytes (``RawPath``) would name another file.
    func validate() throws {
        try ValidationError.requireUTF8(config, option: "--config", advice: "; rename the file or give another path")
    }

    /// Where the config file is for these options and the environment.
    var location: ConfigLocation {
        ConfigLocation.resolve(option: config, environment: ProcessInfo.processInfo.environment)
    }

    /// The configuration in effect; a file that cannot be used is a ``Failure`` with exit
    /// status 78 (EX_CONFIG) and the message naming the file, line and column.
    func load(_ location: ConfigLocation? = nil) throws -> Configuration {
        do {
            return try ConfigReader.load(location ?? self.location)
        } catch {
            throw Failure(error.description, status: ConfigCommand.badConfigStatus)
        }
    }
}
