import ArgumentParser
import Foundation
import TidingsLibrary

/// `tidings rebuild [PATH...]`: a fresh library from the archives, keeping bookmarks.
struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild a damaged library from its archives, keeping bookmarks and reading state.",
        discussion: """
            Saves every bookmark and read mark the library file still holds (and the copy of the \
            bookmarks kept beside it, bookmarks.json), moves the file aside as \
            FILE.damaged-YYYYMMDD-HHMMSS (it is never deleted), creates a new library, imports \
            again every archive the old one recorded plus the paths given, and restores the \
            bookmarks and read marks. Close every browser on the library first.
            """)

    @OptionGroup var options: LibraryOptions

    @Argument(help: ArgumentHelp("More archive files or folders to import (besides those the library recorded).",
                                 valueName: "path"))
    var paths: [String] = []

    func run() throws {
        try reporting {
            let path = LibraryLocation.resolve(explicit: options.library)
            let outcome = try Library.rebuild(path: path, archives: paths)
            if let aside = outcome.damagedCopy { Output.info("the old library file is kept as \(aside)") }
            for problem in outcome.problems { Output.info(problem) }
            for missing in outcome.missingArchives { Output.info("\(missing): recorded in the old library but no longer there") }
            for diagnostic in outcome.importSummary.diagnostics { Output.diagnostic(diagnostic) }
            if outcome.archives.isEmpty {
                Output.info("no archives to import: give their paths, as with `tidings import`")
            }
            Output.line("rebuilt: \(outcome.importSummary.description); \(counted(outcome.bookmarks, "bookmark")) "
                        + "(\(outcome.bookmarksFromFile) read from the old file, \(outcome.bookmarksFromSidecar) from bookmarks.json), "
                        + "\(counted(outcome.readingRestored, "read mark"))")
        }
    }
}
