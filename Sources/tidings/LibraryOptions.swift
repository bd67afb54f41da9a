import ArgumentParser
import TidingsLibrary

/// The `--library` option every subcommand shares.
struct LibraryOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The library file to use (default: $TIDINGS_LIBRARY, else $XDG_DATA_HOME/tidings/library.sqlite).",
            valueName: "path"))
    var library: String?

    /// A library is opened by name through SQLite, which takes the name as UTF-8 text: a path
    /// holding other bytes (``RawPath``) would open, or make, a file of another name.
    func validate() throws {
        try ValidationError.requireUTF8(
            library, option: "--library", advice: ", and a library needs a UTF-8 name; rename it or give another path")
    }

    /// The library file's path, resolved as ``open(mayCreate:)`` resolves it.
    var path: String { LibraryLocation.resolve(explicit: library) }

    /// Opens the library, turning a failure into a message and exit status 74.
    ///
    /// - Parameter mayCreate: true only for the commands that may make a new library
    ///   (`import`, `bookmarks import`, the browser); the others report "no library at PATH".
    func open(mayCreate: Bool = false) throws -> Library {
        let path = LibraryLocation.resolve(explicit: library)
        do {
            return try Library(path: path, mayCreate: mayCreate)
        } catch {
            throw Failure(error)
        }
    }

    /// Opens the library for a command that changes bookmarks, warning on stderr when the
    /// copy beside it cannot be written because its name is taken by a file Tidings did not
    /// write (which is left alone).
    func openForBookmarks(mayCreate: Bool = false) throws -> Library {
        let library = try open(mayCreate: mayCreate)
        if let warning = BookmarkSidecar.blockedWarning(forLibrary: library.path) { Output.info(warning) }
        return library
    }
}
