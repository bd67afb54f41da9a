extension PostDate {
    /// Reads the dates an archive's `Posted on` line carries.
    ///
    /// Understood: `May 10, 2019`, `May 10 2019`, `10 May 2019`, `2019-05-10`, with full or
    /// abbreviated English month names (`Sept.`, `Dec`), in any case. Anything else is nil,
    /// and the parser reports it as a warning rather than guessing.
    public init?(archiveText text: String) {
        let trimmed = text.trimmingWhitespace()
        if let iso = PostDate(iso: trimmed) {
            self = iso
            return
        }
        let words = trimmed.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard words.count == 3 else { return nil }
        if let month = PostDate.month(named: words[0]), let day = Int(words[1]), let year = Int(words[2]),
            words[2].count == 4
        {
            self.init(year: year, month: month, day: day)
        } else if let day = Int(words[0]), let month = PostDate.month(named: words[1]), let year = Int(words[2]),
            words[2].count == 4
        {
            self.init(year: year, month: month, day: day)
        } else {
            return nil
        }
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ]

    /// The month number for an English month name or its abbreviation of three letters or more.
    static func month(named word: String) -> Int? {
        var name = word.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard name.count >= 3 else { return nil }
        for (index, month) in monthNames.enumerated() where month.hasPrefix(name) {
            return index + 1
        }
        return nil
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and no-break spaces.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
