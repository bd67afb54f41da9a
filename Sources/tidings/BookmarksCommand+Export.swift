import ArgumentParser
import Foundation
import TidingsLibrary

/// `tidings bookmarks export`: every bookmark as JSON (to restore) or Markdown (to read).
struct ExportBookmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export bookmarks as JSON (for `tidings bookmarks import`) or Markdown.",
        discussion: """
            JSON: {"format": "tidings-bookmarks", "version": 1, "exportedAt", "bookmarks": [{"id", \
            "title", "outlet", "categories", "date", "bookmarkedAt"}]}, most recently bookmarked \
            first. Markdown: a list of titles with outlet, categories, date and id. With -o, FILE \
            is replaced atomically: if the export fails, an existing FILE is left byte for byte \
            as it was. Without --format, a FILE ending in .json or .md chooses it; otherwise \
            Markdown on a terminal (to read) and JSON in a pipe or a file (to keep).
            """)

    /// The two ways to write bookmarks.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, markdown
    }

    @OptionGroup var options: LibraryOptions
    @Option(help: "json or markdown.") var format: Format?
    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?

    /// The format asked for, else the one the output file's extension names, else Markdown
    /// for a person at a terminal and JSON for a pipe or a file.
    var resolvedFormat: Format {
        if let format { return format }
        switch output.map({ ($0 as NSString).pathExtension.lowercased() }) {
        case "json": return .json
        case "md", "markdown": return .markdown
        default: return output == nil && Output.isTerminal ? .markdown : .json
        }
    }

    func run() throws {
        try reporting {
            let bookmarks = try options.open().bookmarks()
            let data: Data
            switch resolvedFormat {
            case .json:
                do {
                    data = try BookmarkDocument(bookmarks).json()  // invisible characters escaped
                } catch {
                    throw Failure("could not encode the bookmarks: \(error)", status: 74)
                }
            case .markdown:
                data = BookmarkMarkdown.document(bookmarks)
            }
            guard let output else {
                Output.write(data, to: FileHandle.standardOutput)
                return
            }
            do {
                try AtomicFile.write(data, to: output)
            } catch {
                throw Failure(String(describing: error), status: 74)
            }
            Output.info("exported \(bookmarks.count) bookmark\(bookmarks.count == 1 ? "" : "s") to \(output)")
        }
    }
}
