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
        var all: [Bookmark] = []
        try check(data)
        try scan(data) { all.append($0) }
        return all
    }

    /// Hands the bookmarks of a document to `take`, `batch` at a time, once the whole document
    /// has been checked: a bad file is rejected before anything is handed out.
    ///
    /// Two passes of ``JSONReader`` over the bytes, the first only checking: the document is
    /// never held twice, nor all its bookmarks at once (a 300,000-entry export took 640 MB
    /// through `JSONDecoder`). Throws a ``Problem`` for a bad file, or what `take` throws.
    public static func bookmarks(from data: Data, batch: Int, _ take: ([Bookmark]) throws -> Void) throws {
        try check(data)
        var pending: [Bookmark] = []
        pending.reserveCapacity(batch)
        var failure: (any Error)?
        try scan(data) { bookmark in
            guard failure == nil else { return }
            pending.append(bookmark)
            guard pending.count >= batch else { return }
            do { try take(pending) } catch { failure = error }
            pending.removeAll(keepingCapacity: true)
        }
        if let failure { throw failure }
        if !pending.isEmpty { try take(pending) }
    }

    /// Checks a whole document: its shape, its header, every entry, no key given twice.
    private static func check(_ data: Data) throws(Problem) {
        try scan(data) { _ in }
    }

    /// Reads a document once, handing each entry's bookmark to `each`.
    private static func scan(_ data: Data, _ each: (Bookmark) -> Void) throws(Problem) {
        // The first entry that is not a bookmark: reported once the document is known to be one.
        var entryProblem: Problem?
        let read:
            Result<(members: [String: JSONReader.Value], streamed: Bool, duplicate: String?), JSONReader.Failure> =
                data.withUnsafeBytes { bytes in
                    var reader = JSONReader(bytes)
                    do throws(JSONReader.Failure) {
                        let (members, streamed) = try reader.readTopLevel(streaming: "bookmarks") { index, value in
                            guard entryProblem == nil else { return }
                            switch entry(value, at: index) {
                            case .success(let bookmark): each(bookmark)
                            case .failure(let problem): entryProblem = problem
                            }
                        }
                        return .success((members, streamed, reader.duplicateKey))
                    } catch {
                        return .failure(error)
                    }
                }
        switch read {
        case .failure(let failure):
            // Text meant to be a bookmarks document says where it breaks; anything else is
            // simply not one.
            throw looksLikeBookmarks(data) ? .malformed(failure.message) : .notBookmarks
        case .success(let (members, streamed, duplicate)):
            guard case .string(format) = members["format"] else { throw .notBookmarks }
            if let duplicate { throw .malformed(duplicate) }
            guard let written = members["version"] else { throw .missingVersion }
            guard case .number(let text) = written, let number = Int(text) else {
                throw .malformed("\"version\" is not a whole number at the top level")
            }
            guard number <= version else { throw .newerVersion(number) }
            guard case .string = members["exportedAt"] ?? .string("") else {
                throw .malformed("\"exportedAt\" is not a string at the top level")
            }
            guard streamed else {
                throw .malformed(
                    members["bookmarks"] == nil
                        ? "missing \"bookmarks\" at the top level" : "\"bookmarks\" is not a list at the top level")
            }
            if let entryProblem { throw entryProblem }
        }
    }

    /// Entry `index` of a document as a bookmark, or why it is not one.
    private static func entry(_ value: JSONReader.Value, at index: Int) -> Result<Bookmark, Problem> {
        let place = ".bookmarks[\(index)]"
        guard case .object(let fields) = value else { return .failure(.malformed("\(place) is not an object")) }
        func text(_ key: String, required: Bool) -> Result<String?, Problem> {
            switch fields[key] {
            case .string(let text): return .success(text)
            case nil where required: return .failure(.malformed("missing \"\(key)\" at \(place)"))
            case nil, .null: return required ? .failure(.malformed("\"\(key)\" is null at \(place)")) : .success(nil)
            default: return .failure(.malformed("\"\(key)\" is not a string at \(place)"))
            }
        }
        do throws(Problem) {
            let id = try text("id", required: true).get() ?? ""
            let time = try text("bookmarkedAt", required: true).get() ?? ""
            let title = try text("title", required: false).get()
            let outlet = try text("outlet", required: false).get()
            let date = try text("date", required: false).get()
            var categories: [String] = []
            switch fields["categories"] {
            case nil, .null: break
            case .array(let values):
                for value in values {
                    guard case .string(let name) = value else {
                        return .failure(.malformed("\"categories\" holds something other than text at \(place)"))
                    }
                    categories.append(name)
                }
            default: return .failure(.malformed("\"categories\" is not a list at \(place)"))
            }
            let lowered = id.lowercased()
            guard Library.isPostID(lowered), let when = BookmarkDocument.date(time) else {
                return .failure(.invalidEntry(index: index, id: id, time: time))
            }
            return .success(
                Bookmark(
                    postID: lowered, bookmarkedAt: when, title: title, outlet: outlet, categories: categories,
                    date: date, isInLibrary: false))
        } catch {
            return .failure(error)
        }
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
}
