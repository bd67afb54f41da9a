import Foundation
import TidingsCore

/// The bookmarks JSON format: what `tidings bookmarks export --format json` writes and
/// `bookmarks import` reads, and what the copy beside the library holds (``BookmarkSidecar``).
///
/// ```json
/// {"format": "tidings-bookmarks", "version": 1, "exportedAt": "…",
///  "bookmarks": [{"id", "title", "outlet", "categories", "date", "bookmarkedAt"}]}
/// ```
/// Only `id` is needed to restore a bookmark; `bookmarkedAt` keeps the Bookmarks shelf's
/// order, and the rest names the post when the restoring library does not hold it. Readers
/// accept the optional fields missing or `null` (the sidecar used to leave them out).
public struct BookmarkDocument: Codable, Sendable {
    public static let format = "tidings-bookmarks"
    public static let version = 1

    public var format = BookmarkDocument.format
    public var version = BookmarkDocument.version
    public var exportedAt: String
    public var bookmarks: [Entry]

    /// A document of `bookmarks`, stamped with `time`.
    public init(_ bookmarks: [Bookmark], at time: Date = Date()) {
        exportedAt = BookmarkDocument.timestamp(time)
        self.bookmarks = bookmarks.map { Entry($0) }
    }

    /// Pretty-printed JSON with keys sorted, so that exports diff well; ends with a newline.
    /// Archive text may hold C1 or bidi controls: they are escaped (``JSONText``), so that a
    /// terminal shown the file, the export or the copy beside the library, cannot act on them;
    /// the file decodes the same.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = JSONText.escapingInvisibles(try encoder.encode(self))
        data.append(0x0A)
        return data
    }

    /// Bookmark times: ISO 8601 in UTC with milliseconds, so the shelf's order survives.
    public static func timestamp(_ time: Date) -> String {
        formatter(fractional: true).string(from: time)
    }

    /// Reads a time with or without fractional seconds.
    public static func date(_ text: String) -> Date? {
        formatter(fractional: true).date(from: text) ?? formatter(fractional: false).date(from: text)
    }

    private static func formatter(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions =
            fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }
}
