import ArgumentParser
import Foundation
import TidingsLibrary

/// `tidings rebuild [PATH...]`: a fresh library from the archives, keeping bookmarks.
struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild a damaged library from its archives, keeping bookmarks and reading state.",
        discussion: """
            Saves every bookmark and read mark the library file still holds (and the copy of the \
            bookmarks kept beside it, FILE.bookmarks.json), moves the file aside as \
            FILE.damaged-YYYYMMDD-HHMMSS (it is never deleted), creates a new library, imports \
            again every archive the old one recorded plus the paths given, and restores the \
            bookmarks and read marks. A sound library is left alone (exit 0), and so is a file \
            that is not a Tidings library (exit 74). It refuses while another program has the \
            library open (a browser would go on saving into the file set aside): close it first. \
            --force rebuilds all the same, a sound library or an open one.
            """)

    @OptionGroup var options: LibraryOptions

    @Argument(
        help: ArgumentHelp(
            "More archive files or folders to import (besides those the library recorded).",
            valueName: "path"))
    var paths: [String] = []

    @Flag(help: "Rebuild even a sound library, or one other programs have open (their changes from now on are lost).")
    var force = false

    func run() throws {
        try reporting {
            let path = LibraryLocation.resolve(explicit: options.library)
            if Library.isForeignFile(path) { throw Failure(LibraryError.notALibrary(path: path)) }
            let users = LibraryUsers.others(of: path)
            if !users.isEmpty, !force {
                // 75 (EX_TEMPFAIL): nothing is wrong with the request; try again once they are closed.
                throw Failure(
                    "the library is open in \(users.map(\.description).joined(separator: ", ")): "
                        + "close it, then run `tidings rebuild` again (or pass --force)", status: 75)
            }
            if !force, FileManager.default.fileExists(atPath: path) {
                let report = Library.check(path: path)
                if report.isSound {
                    Output.line(
                        "the library is sound (\(counted(report.posts, "post")), \(counted(report.bookmarks, "bookmark"))): "
                            + "nothing rebuilt; pass --force to rebuild it all the same")
                    return
                }
            }
            let outcome = try Library.rebuild(path: path, archives: paths)
            if let aside = outcome.damagedCopy {
                Output.info("the old library file is kept as \(aside)")
                // A program started between the check above and the move has the old file:
                // whatever it saves from now on goes there.
                for user in LibraryUsers.others(of: aside) {
                    Output.info(
                        "\(user) still has the old library file open: close it; what it saves now is not in the new library"
                    )
                }
            }
            for problem in outcome.problems { Output.info(problem) }
            for missing in outcome.missingArchives {
                Output.info("\(missing): recorded in the old library but no longer there")
            }
            for diagnostic in outcome.importSummary.diagnostics { Output.diagnostic(diagnostic) }
            if outcome.archives.isEmpty {
                Output.info("no archives to import: give their paths, as with `tidings import`")
            }
            if !outcome.webSources.isEmpty {
                Output.info(
                    "\(counted(outcome.webSources.count, "web source")) kept: run `tidings update` to fetch their posts again"
                )
            }
            Output.line(
                "rebuilt: \(outcome.importSummary.description); \(counted(outcome.bookmarks, "bookmark")) "
                    + "(\(outcome.bookmarksFromFile) read from the old file, \(outcome.bookmarksFromSidecar) from the bookmarks copy), "
                    + "\(counted(outcome.readingRestored, "read mark"))")
        }
    }
}
