/// Where the config file is: `--config PATH`, else `$TIDINGS_CONFIG`, else
/// `$XDG_CONFIG_HOME/tidings/config.toml`, else `~/.config/tidings/config.toml`.
public struct ConfigLocation: Equatable, Sendable {
    public var path: String
    /// Whether the user named this file (option or variable): then it must exist. The
    /// usual place may simply hold no file, and the defaults apply.
    public var isExplicit: Bool

    public init(path: String, isExplicit: Bool) {
        self.path = path
        self.isExplicit = isExplicit
    }

    /// The file for `option` (the `--config` value, if given) and `environment`.
    public static func resolve(option: String?, environment: [String: String]) -> ConfigLocation {
        if let option, !option.isEmpty { return ConfigLocation(path: option, isExplicit: true) }
        if let path = environment["TIDINGS_CONFIG"], !path.isEmpty {
            return ConfigLocation(path: path, isExplicit: true)
        }
        // The XDG spec ignores a relative XDG_CONFIG_HOME.
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return ConfigLocation(path: xdg + "/tidings/config.toml", isExplicit: false)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "~"
        return ConfigLocation(path: home + "/.config/tidings/config.toml", isExplicit: false)
    }
}
