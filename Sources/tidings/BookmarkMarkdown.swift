import Foundation
import TidingsLibrary
import TidingsScreen

/// The bookmarks export for people: `tidings bookmarks export --format markdown`. (The JSON
/// export, for `bookmarks import`, is ``BookmarkDocument`` in the library.)
enum BookmarkMarkdown {
    /// A readable list: title in bold, then outlet, categories, date and id.
    static func document(_ bookmarks: [Bookmark]) -> Data {
        let count = bookmarks.count == 1 ? "1 bookmark" : "\(bookmarks.count) bookmarks"
        var text = "# Tidings bookmarks\n\n\(count), most recently bookmarked first.\n\n"
        for bookmark in bookmarks {
            var details = [
                bookmark.outlet, bookmark.categories.isEmpty ? nil : bookmark.categories.joined(separator: ", "),
                bookmark.date,
            ].compactMap { $0 }.map(escaped)
            if !bookmark.isInLibrary { details.append("not in this library") }
            details.append("`\(Sanitizer.clean(bookmark.postID))`")
            text += "- **\(escaped(bookmark.title ?? "(untitled)"))**  \n  \(details.joined(separator: " · "))\n"
        }
        return Data(text.utf8)
    }

    /// Archive text made safe for a terminal and inert as Markdown.
    private static func escaped(_ text: String) -> String {
        var out = ""
        for character in Sanitizer.clean(text) {
            if "\\`*_[]<>".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }
}
