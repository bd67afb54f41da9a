import ArgumentParser
import TidingsLibrary

/// `tidings import PATH...`: reads archive files and folders into the library.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Import archive pages (files, or folders of .txt files) and saved web pages or feeds into the library.",
        discussion: """
            Prints one summary line. Problems are reported on stderr as FILE:LINE: error: REASON; \
            every good post is imported all the same. Re-importing an unchanged file changes nothing. \
            Files ending .html, .htm, .xml, .rss or .atom, and file:// URLs, are read as web pages or \
            feeds (told apart by content), like `tidings fetch`. \
            Exit status 65 when any file was rejected or had errors.
            """)

    @OptionGroup var options: LibraryOptions

    @Argument(help: ArgumentHelp("Archive files or folders to import.", valueName: "path"))
    var paths: [String]

    func run() throws {
        try reporting {
            let (web, text) = WebImport.split(paths)
            var status: Int32?
            let library: Library
            if !text.isEmpty || web.isEmpty {
                // A first import builds the library beside its place and puts it there whole.
                let path = options.path
                let (opened, summary) = try Library.importArchives(at: text, intoLibraryAt: path) {
                    Output.info("waiting for another import into \(path) to finish…")
                }
                library = opened
                for diagnostic in summary.diagnostics { Output.diagnostic(diagnostic) }
                Output.line(summary.description)
                if !summary.isClean { status = 65 }
            } else {
                library = try options.open(mayCreate: true)
            }
            if !web.isEmpty, let webStatus = try WebImport.run(web, into: library) {
                status = max(status ?? 0, webStatus)
            }
            if let status { throw ExitCode(status) }
        }
    }
}
