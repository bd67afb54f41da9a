import ArgumentParser
import Foundation
import TidingsLibrary

/// `tidings bookmarks import FILE`: restores a JSON export, on this machine or another.
struct ImportBookmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Restore bookmarks from a JSON export.",
        discussion: """
            Prints one summary line: restored, already bookmarked, not in this library. Each \
            bookmark keeps its original time. A bookmark whose post this library does not hold is \
            kept all the same (it shows once the post is imported) and listed below the summary \
            with its title. All bookmarks are saved in one transaction, or none. Exit status 0 \
            when the file was restored, even with posts not in this library; 65 when FILE is not \
            a Tidings bookmarks export (nothing is restored); 74 when it cannot be read or saved.
            """)

    @OptionGroup var options: LibraryOptions
    @Argument(help: ArgumentHelp("A file written by `tidings bookmarks export --format json`.", valueName: "file"))
    var file: String

    func run() throws {
        try reporting {
            let bookmarks = try ImportBookmarks.read(file)
            let outcome = try options.open().restoreBookmarks(bookmarks)
            Output.line("restored \(outcome.restored.count), already bookmarked \(outcome.alreadyBookmarked.count), "
                + "not in this library \(outcome.notInLibrary.count)")
            for missing in outcome.notInLibrary {
                let outlet = missing.outlet.map { " (\($0))" } ?? ""
                Output.line("  not in this library: \(missing.postID)  \(missing.title ?? "(untitled)")\(outlet)")
            }
        }
    }

    /// The bookmarks of an export file; a bad file is rejected whole, naming what is wrong.
    static func read(_ path: String) throws(Failure) -> [Bookmark] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw Failure("cannot read \(path): \((error as NSError).localizedDescription)", status: 74)
        }
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == BookmarkExport.format else {
            throw Failure("\(path) is not a Tidings bookmarks export (want JSON with \"format\": \"\(BookmarkExport.format)\")", status: 65)
        }
        guard let version = header.version else {
            throw Failure("\(path): malformed bookmarks export: missing \"version\" at the top level", status: 65)
        }
        guard version <= BookmarkExport.version else {
            throw Failure("\(path) is a version \(version) export, newer than this Tidings reads (\(BookmarkExport.version))", status: 65)
        }
        let document: BookmarkExport
        do {
            document = try JSONDecoder().decode(BookmarkExport.self, from: data)
        } catch {
            throw Failure("\(path): malformed bookmarks export: \(ImportBookmarks.reason(error))", status: 65)
        }
        var bookmarks: [Bookmark] = []
        for (index, entry) in document.bookmarks.enumerated() {
            guard let bookmark = entry.bookmark else {
                throw Failure("\(path): bookmark \(index + 1) has an invalid id “\(entry.id)” or time “\(entry.bookmarkedAt)”", status: 65)
            }
            bookmarks.append(bookmark)
        }
        return bookmarks
    }

    /// A decoding error in a sentence: which key, where.
    private static func reason(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(context.debugDescription) at \(path(context))"
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return keys.isEmpty ? "the top level" : keys
    }
}
