import ArgumentParser
import TidingsLibrary

/// `tidings import PATH...`: reads archive files and folders into the library.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import archive pages (files, or folders of .txt files) into the library.",
        discussion: """
            Prints one summary line. Problems are reported on stderr as FILE:LINE: error: REASON; \
            every good post is imported all the same. Re-importing an unchanged file changes nothing. \
            Exit status 65 when any file was rejected or had errors.
            """)

    @OptionGroup var options: LibraryOptions

    @Argument(help: ArgumentHelp("Archive files or folders to import.", valueName: "path"))
    var paths: [String]

    func run() throws {
        try reporting {
            let library = try options.open(mayCreate: true)
            let summary = try library.importArchives(at: paths) {
                Output.info("waiting for another import into \(library.path) to finish…")
            }
            for diagnostic in summary.diagnostics { Output.diagnostic(diagnostic) }
            Output.line(summary.description)
            if !summary.isClean { throw ExitCode(65) }
        }
    }
}
