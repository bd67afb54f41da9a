/// How the list's date column writes a post's day: a small strftime-like pattern.
///
/// Archives give days as `yyyy-MM-dd`; the pattern rearranges them with `%Y` (2026), `%y`
/// (26), `%m` (03), `%d` (09), `%e` (9), `%b` (Mar) and `%%`. Anything else is copied as
/// is; an unknown `%x` is refused when the pattern is read (``init(pattern:)``).
public struct DateFormat: Hashable, Sendable {
    public let pattern: String

    /// The format of the archive itself: `2026-03-09`.
    public static let iso = DateFormat(checked: "%Y-%m-%d")

    /// The conversions a pattern may use.
    public static let conversions: [Character] = ["Y", "y", "m", "d", "e", "b", "%"]

    /// Reads `pattern`; nil when it uses an unknown conversion, ends with a lone `%`, or
    /// writes nothing of the date at all.
    public init?(pattern: String) {
        var usesDate = false
        var iterator = pattern.makeIterator()
        while let character = iterator.next() {
            guard character == "%" else { continue }
            guard let conversion = iterator.next(), Self.conversions.contains(conversion) else { return nil }
            if conversion != "%" { usesDate = true }
        }
        guard usesDate, pattern.count <= 20 else { return nil }
        self.pattern = pattern
    }

    private init(checked pattern: String) { self.pattern = pattern }

    /// `day` (`yyyy-MM-dd`) in this format; a day not in that form is shown as it is.
    public func format(_ day: String) -> String {
        guard self != .iso else { return day }
        let parts = day.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), (1...12).contains(month), let dayNumber = Int(parts[2])
        else { return day }
        var out = ""
        var iterator = pattern.makeIterator()
        while let character = iterator.next() {
            guard character == "%", let conversion = iterator.next() else {
                out.append(character)
                continue
            }
            switch conversion {
            case "Y": out += parts[0]
            case "y": out += parts[0].suffix(2)
            case "m": out += parts[1]
            case "d": out += parts[2]
            case "e": out += String(dayNumber)
            case "b": out += Self.months[month - 1]
            default: out.append(conversion)
            }
        }
        return out
    }

    /// The widest text this format gives, in columns: the list's date column.
    public var width: Int {
        format("2026-12-30").count
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
