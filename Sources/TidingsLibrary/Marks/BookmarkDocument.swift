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
    ///
    /// The form Tidings writes (`2024-03-01T10:00:00.123Z`, UTC) is read directly: making an
    /// `ISO8601DateFormatter` costs far more than the parse, and a 300,000-entry import spent
    /// most of its minute doing that. Other forms (an offset instead of `Z`) go to Foundation.
    /// Foundation's formatter rolls an impossible day over (`2024-02-31` reads as 2 March), so
    /// the date and time fields of every form are checked against the calendar first.
    public static func date(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard let fields = calendarFields(bytes) else { return nil }
        if let date = utcDate(bytes, fields) { return date }
        return formatter(fractional: true).date(from: text) ?? formatter(fractional: false).date(from: text)
    }

    /// The date and time fields a time begins with.
    struct CalendarFields {
        var year, month, day, hour, minute, second: Int
    }

    /// The fields of `b`'s `YYYY-MM-DDTHH:MM:SS`, nil unless they name a day the month has and
    /// a time of day (no leap second: Tidings never writes one, and Foundation refuses it).
    static func calendarFields(_ b: [UInt8]) -> CalendarFields? {
        guard b.count >= 19, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? { decimal(b, range) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), hour < 24, minute < 60, second < 60
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        return CalendarFields(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff…]Z`, or nil for anything else.
    static func utcDate(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        return calendarFields(bytes).flatMap { utcDate(bytes, $0) }
    }

    /// The time `b` names when it ends `[.fff…]Z` after its `fields`, else nil.
    private static func utcDate(_ b: [UInt8], _ fields: CalendarFields) -> Date? {
        guard b.count >= 20, b.last == UInt8(ascii: "Z") else { return nil }
        var fraction = 0.0
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count > 21, b.count <= 30, let digits = decimal(b, 20..<(b.count - 1))
            else { return nil }
            fraction = Double(digits) / pow(10, Double(b.count - 21))
        } else if b[19] != UInt8(ascii: "Z") {
            return nil
        }
        // Days from 1970-01-01 to the date in the proleptic Gregorian calendar (civil-from-days
        // inverted: years start in March, so February's length sits at the end of one).
        let (year, month, day) = (fields.year, fields.month, fields.day)
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + fields.hour * 3_600 + fields.minute * 60 + fields.second) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    /// The decimal number written in `b[range]`, nil if any byte there is not a digit.
    private static func decimal(_ b: [UInt8], _ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            guard (0x30...0x39).contains(b[index]) else { return nil }
            value = value * 10 + Int(b[index] - 0x30)
        }
        return value
    }

    private static func formatter(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions =
            fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }
}
