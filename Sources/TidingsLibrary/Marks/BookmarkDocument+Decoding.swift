import Foundation

extension BookmarkDocument {
    /// Why a file is not a bookmarks document Tidings can restore.
    public enum Problem: Error, Equatable, Sendable {
        /// Not JSON with `"format": "tidings-bookmarks"` at the top level.
        case notBookmarks
        /// The top level has no `version`.
        case missingVersion
        /// Written by a newer Tidings (the version it says).
        case newerVersion(Int)
        /// The JSON does not have the document's shape: which key, where.
        case malformed(String)
        /// Entry `index` (from 0) has an id or a time that Tidings never writes.
        case invalidEntry(index: Int, id: String, time: String)
    }

    /// True when `data` is JSON whose top level says `"format": "tidings-bookmarks"`.
    public static func isBookmarksDocument(_ data: Data) -> Bool {
        struct Header: Decodable { var format: String? }
        return (try? JSONDecoder().decode(Header.self, from: data))?.format == format
    }

    /// The bookmarks of a document, all or none: the first problem found rejects it whole
    /// (what `tidings bookmarks import` wants: nothing restored from a bad file).
    public static func bookmarks(from data: Data) throws(Problem) -> [Bookmark] {
        struct Header: Decodable {
            var format: String?
            var version: Int?
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty && looksLikeBookmarks(data) {
            // A bookmarks export cut short or mangled: say where the JSON breaks.
            throw .malformed(JSONBreak.locate(data))
        } catch {
            throw .notBookmarks
        }
        guard header.format == format else { throw .notBookmarks }
        guard let written = header.version else { throw .missingVersion }
        guard written <= version else { throw .newerVersion(written) }
        let document: BookmarkDocument
        do {
            document = try JSONDecoder().decode(BookmarkDocument.self, from: data)
        } catch {
            throw .malformed(reason(error))
        }
        var bookmarks: [Bookmark] = []
        for (index, entry) in document.bookmarks.enumerated() {
            guard let bookmark = entry.bookmark else {
                throw .invalidEntry(index: index, id: entry.id, time: entry.bookmarkedAt)
            }
            bookmarks.append(bookmark)
        }
        return bookmarks
    }

    /// What can be saved from a document: its valid entries, or none when it is not one.
    /// For the copy beside a library, read when the library is damaged: any bookmark it still
    /// yields is worth more than a clean refusal, and a version check would only lose them.
    public static func salvageBookmarks(from data: Data) -> [Bookmark] {
        // Entry by entry: one damaged entry (a missing time, an id of the wrong type) must
        // not cost the others, as decoding the whole document would.
        struct SalvagedEntry: Decodable {
            var entry: Entry?
            init(from decoder: any Decoder) throws { entry = try? Entry(from: decoder) }
        }
        struct SalvagedDocument: Decodable {
            var format: String
            var bookmarks: [SalvagedEntry]
        }
        guard let document = try? JSONDecoder().decode(SalvagedDocument.self, from: data),
            document.format == format
        else { return [] }
        return document.bookmarks.compactMap { $0.entry?.bookmark }
    }

    /// True when a file that is not valid JSON was meant to be a bookmarks document: its
    /// first bytes name the format or the `bookmarks` key (which sorts first in an export).
    private static func looksLikeBookmarks(_ data: Data) -> Bool {
        let start = String(decoding: data.prefix(4096), as: UTF8.self)
        return start.contains("\"\(format)\"") || start.contains("\"bookmarks\"")
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
