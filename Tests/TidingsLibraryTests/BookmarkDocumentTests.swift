import Foundation
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsLibrary

/// The one bookmarks JSON format, read and written by the sidecar and by the export/import
/// commands alike; files in the formats written before the two were one must still read.
@Suite struct BookmarkDocumentTests {
    /// A sidecar as `BookmarkSidecar` wrote it before: unknown fields left out, not `null`.
    static let oldSidecar = """
        {
          "bookmarks" : [
            {
              "bookmarkedAt" : "2024-03-01T10:00:00.250Z",
              "categories" : [
                "Economy"
              ],
              "date" : "2019-05-10",
              "id" : "0123456789ab",
              "outlet" : "Reuters",
              "title" : "Ferry service resumes"
            },
            {
              "bookmarkedAt" : "2024-02-01T09:00:00Z",
              "categories" : [

              ],
              "id" : "BA9876543210"
            }
          ],
          "exportedAt" : "2024-03-02T00:00:00.000Z",
          "format" : "tidings-bookmarks",
          "version" : 1
        }

        """

    /// An export as `tidings bookmarks export --format json` wrote it: every field, `null` where unknown.
    static let oldExport = """
        {
          "bookmarks" : [
            {
              "bookmarkedAt" : "2024-03-01T10:00:00.250Z",
              "categories" : [
                "Economy"
              ],
              "date" : "2019-05-10",
              "id" : "0123456789ab",
              "outlet" : "Reuters",
              "title" : "Ferry service resumes"
            },
            {
              "bookmarkedAt" : "2024-02-01T09:00:00.000Z",
              "categories" : [

              ],
              "date" : null,
              "id" : "ba9876543210",
              "outlet" : null,
              "title" : null
            }
          ],
          "exportedAt" : "2024-03-02T00:00:00.000Z",
          "format" : "tidings-bookmarks",
          "version" : 1
        }

        """

    static let expected = [
        Bookmark(
            postID: "0123456789ab", bookmarkedAt: Date(timeIntervalSince1970: 1_709_287_200.25),
            title: "Ferry service resumes",
            outlet: "Reuters", categories: ["Economy"], date: "2019-05-10", isInLibrary: false),
        Bookmark(postID: "ba9876543210", bookmarkedAt: Date(timeIntervalSince1970: 1_706_778_000), isInLibrary: false),
    ]

    @Test(arguments: [oldSidecar, oldExport])
    func filesInTheFormatsSoFarReadBothWays(text: String) throws {
        let data = Data(text.utf8)
        #expect(try BookmarkDocument.bookmarks(from: data) == Self.expected)
        #expect(BookmarkDocument.salvageBookmarks(from: data) == Self.expected)
    }

    @Test func sidecarReadsAFileInTheOldFormat() throws {
        let folder = try TemporaryFolder()
        let library = folder.path + "/library.sqlite"
        try folder.write("bookmarks.json", Self.oldSidecar)
        #expect(BookmarkSidecar.read(forLibrary: library) == Self.expected)
    }

    /// What the export writes: the export's layout byte for byte (every field, `null` where
    /// unknown, no `inLibrary`), so old readers still read it.
    @Test func writesTheExportLayout() throws {
        let data = try BookmarkDocument(Self.expected, at: Date(timeIntervalSince1970: 1_709_337_600)).json()
        #expect(String(decoding: data, as: UTF8.self) == Self.oldExport)
    }

    /// The sidecar the library writes is a document `bookmarks import` accepts.
    @Test func sidecarWrittenByTheLibraryImports() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "page.txt",
            Page.make(
                header: "Category: Economy",
                Page.post("Ferry service resumes", body: ["Boats crossed."], outlet: "Reuters")))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path + "/page.txt"])
        let id = try #require(try library.posts().first?.id)
        _ = try library.setBookmark(true, postID: id)
        #expect(library.writeBookmarkSidecar())
        let data = try #require(FileManager.default.contents(atPath: BookmarkSidecar.path(forLibrary: library.path)))
        let read = try BookmarkDocument.bookmarks(from: data)
        #expect(read.map(\.postID) == [id])
        #expect(read.first?.title == "Ferry service resumes")
        #expect(read.first?.categories == ["Economy"])
        #expect(BookmarkSidecar.read(forLibrary: library.path) == read)
    }

    @Test func listEntriesSayWhetherThePostIsPresent() throws {
        let entry = BookmarkDocument.Entry(Self.expected[1], withPresence: true)
        let text = String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)
        #expect(text.contains("\"inLibrary\":false"))
        #expect(
            !String(decoding: try JSONEncoder().encode(BookmarkDocument.Entry(Self.expected[1])), as: UTF8.self)
                .contains("inLibrary"))
    }

    /// The direct reading of Tidings' own time form agrees with Foundation's, over four
    /// centuries of random times (leap days, the ends of months and years).
    @Test func timesReadDirectlyAgreeWithFoundation() {
        var random = SplitMix64(seed: 13)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for _ in 0..<2_000 {
            let time = Date(
                timeIntervalSince1970: Double(Int64(random.next() % 12_600_000_000) - 6_300_000_000) / 1.0 + 0.25)
            let text = formatter.string(from: time)
            #expect(BookmarkDocument.utcDate(text) == formatter.date(from: text), "\(text)")
        }
        #expect(BookmarkDocument.date("2024-03-01T10:00:00Z") == Date(timeIntervalSince1970: 1_709_287_200))
        #expect(BookmarkDocument.utcDate("2024-03-01T10:00:00+01:00") == nil)
        #expect(BookmarkDocument.date("2024-03-01T10:00:00+01:00") == Date(timeIntervalSince1970: 1_709_283_600))
        #expect(BookmarkDocument.date("soon") == nil)
        #expect(BookmarkDocument.utcDate("2024-03-01T10:00:00.12345678901234567890Z") == nil)
    }

    /// A day the month does not have, or a second past 59, is refused in either form, not
    /// rolled over into the next month as Foundation's formatter would.
    @Test func impossibleTimesAreRefused() {
        for text in [
            "2024-02-30T10:00:00Z", "2023-02-29T10:00:00Z", "2024-04-31T10:00:00.5Z", "2100-02-29T00:00:00Z",
            "2024-01-01T10:00:60Z", "2024-02-31T10:00:00+02:00", "2024-13-01T10:00:00Z", "2024-00-10T10:00:00Z",
            "2024-01-00T10:00:00Z", "2024-01-01T24:00:00Z",
        ] {
            #expect(BookmarkDocument.date(text) == nil, "\(text)")
        }
        for text in [
            "2024-02-29T23:59:59Z", "2000-02-29T00:00:00.999Z", "2024-04-30T10:00:00+02:00", "2023-12-31T00:00:00Z",
        ] {
            #expect(BookmarkDocument.date(text) != nil, "\(text)")
        }
    }

    @Test func strictReadingRejectsABadFileWhole() {
        func problem(_ text: String) -> BookmarkDocument.Problem? {
            do {
                _ = try BookmarkDocument.bookmarks(from: Data(text.utf8))
                return nil
            } catch {
                return error
            }
        }
        #expect(problem("[1, 2]") == .notBookmarks)
        #expect(problem(#"{"format": "other", "version": 1}"#) == .notBookmarks)
        #expect(problem(#"{"format": "tidings-bookmarks"}"#) == .missingVersion)
        #expect(problem(#"{"format": "tidings-bookmarks", "version": 2, "bookmarks": []}"#) == .newerVersion(2))
        #expect(
            problem(#"{"format": "tidings-bookmarks", "version": 1, "exportedAt": "x"}"#)
                == .malformed("missing \"bookmarks\" at the top level"))
        let badTime =
            #"{"format": "tidings-bookmarks", "version": 1, "exportedAt": "x", "bookmarks": ["#
            + #"{"id": "0123456789ab", "bookmarkedAt": "2024-03-01T10:00:00Z"}, {"id": "0123456789ab", "bookmarkedAt": "soon"}]}"#
        #expect(problem(badTime) == .invalidEntry(index: 1, id: "0123456789ab", time: "soon"))
        // A key given twice is refused, saying where; in JSON that is not a bookmarks
        // document it is simply not one.
        let twice =
            "{\"format\": \"tidings-bookmarks\", \"version\": 1, \"exportedAt\": \"x\", \"bookmarks\": [\n"
            + #"  {"id": "0123456789ab", "bookmarkedAt": "2024-03-01T10:00:00Z"},"# + "\n"
            + #"  {"id": "0123456789ab", "title": "a", "title": "b", "bookmarkedAt": "2024-03-01T10:00:00Z"}]}"#
        #expect(
            problem(twice)
                == .malformed("the key \"title\" appears twice in one object (in .bookmarks[1], line 3, column 40)"))
        #expect(problem(#"{"hello": 1, "hello": 2}"#) == .notBookmarks)
        #expect(
            problem(#"{"format": "tidings-bookmarks", "version": 1, "bookmarks": [1]}"#)
                == .malformed(".bookmarks[0] is not an object"))
        // Before: any run of number characters passed for a number (`--`, `01`).
        let badNumber = problem(#"{"format": "tidings-bookmarks", "version": 01, "bookmarks": []}"#)
        if case .malformed(let message) = badNumber {
            #expect(message.contains("“01” is not a number at line 1, column 44 (in .version)"), "\(message)")
        } else {
            Issue.record("\(String(describing: badNumber))")
        }
        for number in ["0", "-0", "12", "1.5", "1e5", "1E+5", "-1.25e-3", "10"] {
            #expect(JSONReader.isJSONNumber(ArraySlice(number.utf8)), "\(number)")
        }
        for number in ["--", "01", "1e", "+1", "1.", "-", "1.e3", "-01", "1e+", "1-2"] {
            #expect(!JSONReader.isJSONNumber(ArraySlice(number.utf8)), "\(number)")
        }
        // The sidecar's reader keeps what it can.
        #expect(BookmarkDocument.salvageBookmarks(from: Data(badTime.utf8)).count == 1)
        #expect(BookmarkDocument.salvageBookmarks(from: Data("[1, 2]".utf8)).isEmpty)
        // An entry that does not decode at all (no time, a numeric id) costs only itself.
        let damaged =
            #"{"format": "tidings-bookmarks", "version": 1, "bookmarks": ["#
            + #"{"id": "0123456789ab"}, {"id": 42, "bookmarkedAt": "2024-03-01T10:00:00Z"}, "#
            + #"{"id": "abcdefghjkmn", "bookmarkedAt": "2024-03-02T10:00:00Z"}]}"#
        #expect(BookmarkDocument.salvageBookmarks(from: Data(damaged.utf8)).map(\.postID) == ["abcdefghjkmn"])
    }

    /// Bytes that are not UTF-8 are refused where their string starts, not replaced by U+FFFD
    /// into a stored title; a key from the file shows in a message cut short and with any
    /// control character written out (`\u001b` decodes to ESC itself).
    @Test func hostileTextIsRefusedOrShownVisibly() {
        func problem(_ bytes: [UInt8]) -> BookmarkDocument.Problem? {
            do {
                _ = try BookmarkDocument.bookmarks(from: Data(bytes))
                return nil
            } catch {
                return error
            }
        }
        let head = Array(
            #"{"format": "tidings-bookmarks", "version": 1, "bookmarks": [{"id": "0123456789ab", "title": ""#.utf8)
        let latin1 = head + [0x63, 0x61, 0x66, 0xE9] + Array(#"", "bookmarkedAt": "2024-03-01T10:00:00Z"}]}"#.utf8)
        #expect(
            problem(latin1)
                == .malformed("a string that is not UTF-8 text at line 1, column 93 (in .bookmarks[0].title)"))
        let escape = #"{"format": "tidings-bookmarks", "version": 1, "bookmarks": [], "\u001b[2J": 1, "\u001b[2J": 2}"#
        guard case .malformed(let message) = problem(Array(escape.utf8)) else {
            Issue.record("no message for a repeated key")
            return
        }
        #expect(message.hasPrefix("the key \"\\u{1B}[2J\" appears twice"), "\(message)")
        #expect(!message.unicodeScalars.contains { $0.value < 0x20 }, "\(message)")
        let long = String(repeating: "k", count: 10_000)
        let longKey =
            #"{"format": "tidings-bookmarks", "version": 1, "bookmarks": [], ""# + long + #"": 1, ""# + long
            + #"": 2}"#
        guard case .malformed(let longMessage) = problem(Array(longKey.utf8)) else {
            Issue.record("no message for a repeated long key")
            return
        }
        #expect(longMessage.contains(String(repeating: "k", count: 40) + "…\""), "\(longMessage.prefix(200))")
        #expect(longMessage.count < 200, "\(longMessage.count)")
    }
}
