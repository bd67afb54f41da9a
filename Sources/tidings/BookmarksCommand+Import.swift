import ArgumentParser
import Foundation
import TidingsCore
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
    @Argument(
        help: ArgumentHelp(
            "A file written by `tidings bookmarks export --format json`; - for standard input "
                + "(pipes and devices are read as streams, up to 256 MB).", valueName: "file"))
    var file: String

    func run() throws {
        try reporting {
            let bookmarks = try ImportBookmarks.read(file)
            let outcome = try options.openForBookmarks(mayCreate: true).restoreBookmarks(bookmarks)
            Output.line(
                "restored \(outcome.restored.count), already bookmarked \(outcome.alreadyBookmarked.count), "
                    + "not in this library \(outcome.notInLibrary.count)")
            for missing in outcome.notInLibrary {
                let outlet = missing.outlet.map { " (\($0))" } ?? ""
                Output.line("  not in this library: \(missing.postID)  \(missing.title ?? "(untitled)")\(outlet)")
            }
        }
    }

    /// The bookmarks of an export file; a bad file is rejected whole, naming what is wrong.
    static func read(_ path: String) throws(Failure) -> [Bookmark] {
        let data = try InputFile.read(path, limit: InputFile.bookmarksLimit)
        do {
            return try BookmarkDocument.bookmarks(from: data)
        } catch {
            switch error {
            case .notBookmarks:
                throw Failure(
                    "\(path) is not a Tidings bookmarks export (want JSON with \"format\": \"\(BookmarkDocument.format)\")",
                    status: 65)
            case .missingVersion:
                throw Failure("\(path): malformed bookmarks export: missing \"version\" at the top level", status: 65)
            case .newerVersion(let version):
                throw Failure(
                    "\(path) is a version \(version) export, newer than this Tidings reads (\(BookmarkDocument.version))",
                    status: 65)
            case .malformed(let reason):
                throw Failure("\(path): malformed bookmarks export: \(reason)", status: 65)
            case .invalidEntry(let index, let id, let time):
                throw Failure(
                    "\(path): bookmark \(index + 1) has an invalid id “\(VisibleText.escaped(id))” "
                        + "or time “\(VisibleText.escaped(time))”", status: 65)
            }
        }
    }

    /// Why a file could not be read, in a few words ("no such file"), never Foundation's
    /// "The operation could not be completed" sentence.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        switch nsError.code {
        case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
        case NSFileReadNoPermissionError: return "permission denied"
        default: break
        }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(underlying.code))).lowercased()
        }
        return "it could not be read"
    }
}
