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
            skipped and counted, unless --keep-missing keeps it (it shows once the post is \
            imported; the first \(ImportBookmarks.listedMissing) are listed below the summary with \
            their titles). Bookmarks are saved \(Library.restoreBatch) to a transaction; importing \
            the same file again after a failure completes it. Exit status 0 when the file was \
            restored, even with posts not in this library; 65 when FILE is not a Tidings \
            bookmarks export (nothing is restored); 74 when it cannot be read or saved.
            """)

    /// Missing posts listed by name with --keep-missing; the rest are counted.
    static let listedMissing = 50

    @OptionGroup var options: LibraryOptions
    @Flag(help: "Keep bookmarks of posts this library does not hold (they show once the posts are imported).")
    var keepMissing = false
    @Argument(
        help: ArgumentHelp(
            "A file written by `tidings bookmarks export --format json`; - for standard input "
                + "(pipes and devices are read as streams, up to 256 MB).", valueName: "file"))
    var file: String

    func run() throws {
        try reporting {
            let library = try options.openForBookmarks(mayCreate: true)
            var outcome = BookmarkRestore()
            // The copy beside the library is written once, after the last batch, even when a
            // batch fails: what the batches before it saved is in the library.
            var savedAny = false
            defer { if savedAny { _ = library.writeBookmarkSidecar() } }
            try ImportBookmarks.read(file) { (batch) throws(LibraryError) in
                savedAny = true
                let part = try library.restoreBookmarks(batch, keepingMissing: keepMissing, updatingCopy: false)
                outcome.restored += part.restored
                outcome.alreadyBookmarked += part.alreadyBookmarked
                outcome.notInLibrary += part.notInLibrary
                outcome.skippedMissing += part.skippedMissing
            }
            let missing = outcome.notInLibrary.count + outcome.skippedMissing
            Output.line(
                "restored \(outcome.restored.count), already bookmarked \(outcome.alreadyBookmarked.count), "
                    + "not in this library \(missing)")
            if outcome.skippedMissing > 0 {
                let one = outcome.skippedMissing == 1
                Output.line(
                    "  skipped \(outcome.skippedMissing) bookmark\(one ? "" : "s") whose post\(one ? " is" : "s are") "
                        + "not in this library (--keep-missing keeps \(one ? "it" : "them"))")
            }
            for missing in outcome.notInLibrary.prefix(Self.listedMissing) {
                let outlet = missing.outlet.map { " (\($0))" } ?? ""
                Output.line("  not in this library: \(missing.postID)  \(missing.title ?? "(untitled)")\(outlet)")
            }
            if outcome.notInLibrary.count > Self.listedMissing {
                Output.line("  and \(outcome.notInLibrary.count - Self.listedMissing) more not in this library, kept")
            }
        }
    }

    /// Hands the bookmarks of an export file to `take`, a batch at a time; a bad file is
    /// rejected whole, naming what is wrong, before any is handed out.
    static func read(_ path: String, _ take: ([Bookmark]) throws(LibraryError) -> Void) throws {
        let data = try InputFile.read(path, limit: InputFile.bookmarksLimit)
        do {
            try BookmarkDocument.bookmarks(from: data, batch: Library.restoreBatch) { try take($0) }
        } catch let error as LibraryError {
            throw error
        } catch let error as BookmarkDocument.Problem {
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
