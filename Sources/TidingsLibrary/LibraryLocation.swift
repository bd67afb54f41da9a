import Foundation

/// Finds the library file: `--library`, else `TIDINGS_LIBRARY`, else the XDG data folder.
public enum LibraryLocation {
    /// The path to use, following the precedence above.
    public static func resolve(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["TIDINGS_LIBRARY"], !fromEnvironment.isEmpty { return fromEnvironment }
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            dataHome = home + "/.local/share"
        }
        return dataHome + "/tidings/library.sqlite"
    }
}
