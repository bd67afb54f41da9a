import ArgumentParser
import Foundation
import TidingsLibrary

/// `tidings bookmarks`: list, add, remove, export and import bookmarks from scripts.
struct BookmarksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bookmarks",
        abstract: "List, add, remove, export and import bookmarks.",
        discussion: """
            Bookmarks follow a post's stable id, so they survive re-importing the archives. A \
            bookmark whose post has left the library is kept and listed as not in this library; \
            it shows again once the post is imported. Every change is on disk when the command ends.
            """,
        subcommands: [
            ListBookmarks.self, AddBookmark.self, RemoveBookmark.self, ExportBookmarks.self,
            ImportBookmarks.self, BurstBookmarks.self,
        ],
        defaultSubcommand: ListBookmarks.self
    )
}

/// `tidings bookmarks [list]`: every bookmark, most recently bookmarked first.
struct ListBookmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List bookmarks, most recently bookmarked first (the default).")

    @OptionGroup var options: LibraryOptions
    @Flag(
        help: """
            Print JSON Lines: {"id", "title", "outlet", "categories", "date", "bookmarkedAt", "inLibrary"}.
            """) var json = false

    func run() throws {
        try reporting {
            let bookmarks = try options.open().bookmarks()
            if bookmarks.isEmpty, !json { Output.info("no bookmarks yet") }
            for bookmark in bookmarks {
                if json {
                    try Output.json(BookmarkDocument.Entry(bookmark, withPresence: true))
                } else {
                    Output.line(ListBookmarks.line(bookmark))
                }
            }
        }
    }

    /// `id  date  outlet  title`, like `tidings list`, marking a post the library lacks.
    static func line(_ bookmark: Bookmark) -> String {
        let date = bookmark.date ?? "----------"
        let outlet = (bookmark.outlet ?? "-").padding(to: 14)
        let missing = bookmark.isInLibrary ? "" : "  (not in this library)"
        return "\(bookmark.postID)  \(date)  \(outlet)  \(bookmark.title ?? "(untitled)")\(missing)"
    }
}

/// `tidings bookmarks add ID`.
struct AddBookmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Bookmark a post (an id prefix of 4+ characters will do).")

    @OptionGroup var options: LibraryOptions
    @Argument(help: "The post id, as `tidings list` prints it.") var id: String

    func run() throws {
        try reporting {
            let change = try options.openForBookmarks().setBookmark(true, postID: id)
            Output.line((change.changed ? "bookmarked " : "already bookmarked ") + describe(change))
        }
    }
}

/// `tidings bookmarks remove ID`.
struct RemoveBookmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a post's bookmark (also one whose post is no longer in the library).")

    @OptionGroup var options: LibraryOptions
    @Argument(help: "The post id, as `tidings bookmarks` prints it.") var id: String

    func run() throws {
        try reporting {
            let change = try options.openForBookmarks().setBookmark(false, postID: id)
            Output.line((change.changed ? "removed the bookmark of " : "not bookmarked: ") + describe(change))
        }
    }
}

/// `ID  TITLE` for messages about one bookmark.
private func describe(_ change: BookmarkChange) -> String {
    change.postID + "  " + (change.title ?? "(untitled)")
}
