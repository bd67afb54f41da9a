import ArgumentParser
import Foundation
import TidingsLibrary

/// `tidings check`: is the library file sound?
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the library file for damage (pages and full-text index).",
        discussion: """
            Runs SQLite's quick check of every page and FTS5's check that the search index \
            matches the posts. Exit status 0 when the library is sound; 65 when it is damaged \
            (then `tidings rebuild` makes a new one from the archives, keeping bookmarks); 74 \
            when there is no library file.
            """)

    @OptionGroup var options: LibraryOptions

    func run() throws {
        try reporting {
            let path = LibraryLocation.resolve(explicit: options.library)
            guard FileManager.default.fileExists(atPath: path) else {
                throw Failure(LibraryError.noLibrary(path: path).description, status: 74)
            }
            let report = Library.check(path: path)
            if let refusal = report.refusal { throw Failure(refusal, status: 74) }
            if report.isReadOnly {
                Output.info(
                    "\(path) is read-only here: its pages were checked, its full-text index not (that check has to write)"
                )
            }
            // A 0-byte file is no library either (the check leaves it empty); one emptied while
            // its bookmarks copy is not is damage, reported below with the rebuild advice.
            if report.problems == [LibraryError.noLibrary(path: path).description] {
                throw Failure(report.problems[0], status: 74)
            }
            for archive in report.unfinishedArchives {
                Output.info("\(archive): its last import stopped part way; `tidings import` it again to finish")
            }
            if report.isSound {
                Output.line(
                    "the library is sound: \(counted(report.posts, "post")), \(counted(report.bookmarks, "bookmark"))")
                return
            }
            for problem in report.problems { Output.error(problem) }
            if !report.problems.contains(where: { $0.contains("tidings rebuild") }) {
                Output.error(Library.damagedAdvice)
            }
            throw ExitCode(65)
        }
    }
}

/// "1 post", "2 posts".
func counted(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
