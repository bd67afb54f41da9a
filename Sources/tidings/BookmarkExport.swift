import Foundation
import TidingsLibrary
import TidingsUI

/// The bookmarks export: versioned JSON that `tidings bookmarks import` restores, or Markdown
/// for people.
///
/// ```json
/// {"format": "tidings-bookmarks", "version": 1, "exportedAt": "…",
///  "bookmarks": [{"id", "title", "outlet", "categories", "date", "bookmarkedAt"}]}
/// ```
/// Only `id` is needed to restore a bookmark; `bookmarkedAt` keeps the Bookmarks shelf's
/// order, and the rest names the post when the restoring library does not hold it.
struct BookmarkExport: Codable {
    static let format = "tidings-bookmarks"
    static let version = 1

    var format = BookmarkExport.format
    var version = BookmarkExport.version
    var exportedAt: String
    var bookmarks: [Entry]

    /// One bookmark; every field is written, `null` where unknown.
    struct Entry: Codable {
        var id: String
        var title: String?
        var outlet: String?
        var categories: [String]
        var date: String?
        var bookmarkedAt: String
        /// Written by `bookmarks list --json` only; exports leave it out.
        var inLibrary: Bool?

        enum CodingKeys: String, CodingKey {
            case id, title, outlet, categories, date, bookmarkedAt, inLibrary
        }

        init(_ bookmark: Bookmark, withPresence: Bool) {
            id = bookmark.postID
            title = bookmark.title
            outlet = bookmark.outlet
            categories = bookmark.categories
            date = bookmark.date
            bookmarkedAt = Timestamp.string(bookmark.bookmarkedAt)
            inLibrary = withPresence ? bookmark.isInLibrary : nil
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            outlet = try container.decodeIfPresent(String.self, forKey: .outlet)
            categories = try container.decodeIfPresent([String].self, forKey: .categories) ?? []
            date = try container.decodeIfPresent(String.self, forKey: .date)
            bookmarkedAt = try container.decode(String.self, forKey: .bookmarkedAt)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(outlet, forKey: .outlet)
            try container.encode(categories, forKey: .categories)
            try container.encode(date, forKey: .date)
            try container.encode(bookmarkedAt, forKey: .bookmarkedAt)
            try container.encodeIfPresent(inLibrary, forKey: .inLibrary)
        }

        /// The bookmark to restore, or nil when the id or the time is not one Tidings writes.
        var bookmark: Bookmark? {
            let id = id.lowercased()
            guard id.count == 12, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
                  let time = Timestamp.date(bookmarkedAt) else { return nil }
            return Bookmark(postID: id, bookmarkedAt: time, title: title, outlet: outlet,
                            categories: categories, date: date, isInLibrary: false)
        }
    }

    init(_ bookmarks: [Bookmark], at time: Date = Date()) {
        exportedAt = Timestamp.string(time)
        self.bookmarks = bookmarks.map { Entry($0, withPresence: false) }
    }

    /// Pretty-printed JSON with keys sorted, so that exports diff well.
    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = JSONText.escapingInvisibles(try encoder.encode(self))
        data.append(0x0A)
        return data
    }

    /// A readable list: title in bold, then outlet, categories, date and id.
    static func markdown(_ bookmarks: [Bookmark]) -> Data {
        let count = bookmarks.count == 1 ? "1 bookmark" : "\(bookmarks.count) bookmarks"
        var text = "# Tidings bookmarks\n\n\(count), most recently bookmarked first.\n\n"
        for bookmark in bookmarks {
            var details = [bookmark.outlet, bookmark.categories.isEmpty ? nil : bookmark.categories.joined(separator: ", "),
                           bookmark.date].compactMap { $0 }.map(escaped)
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

/// Bookmark times in exports: ISO 8601 in UTC with milliseconds, so the shelf's order survives.
enum Timestamp {
    static func string(_ date: Date) -> String {
        formatter(fractional: true).string(from: date)
    }

    /// Accepts the time with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        formatter(fractional: true).date(from: text) ?? formatter(fractional: false).date(from: text)
    }

    private static func formatter(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }
}
