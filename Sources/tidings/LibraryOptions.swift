import ArgumentParser
import TidingsLibrary

/// The `--library` option every subcommand shares.
struct LibraryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The library file to use (default: $TIDINGS_LIBRARY, else $XDG_DATA_HOME/tidings/library.sqlite).",
        valueName: "path"))
    var library: String?

    /// Opens the library, turning a failure into a message and exit status 74.
    func open() throws -> Library {
        let path = LibraryLocation.resolve(explicit: library)
        do {
            return try Library(path: path)
        } catch {
            throw Failure(error)
        }
    }

    /// Opens the library for a command that changes bookmarks, warning on stderr when the
    /// copy beside it cannot be written because its name is taken by a file Tidings did not
    /// write (which is left alone).
    func openForBookmarks() throws -> Library {
        let library = try open()
        if let warning = BookmarkSidecar.blockedWarning(forLibrary: library.path) { Output.info(warning) }
        return library
    }
}
