import TidingsCore

extension PostDate {
    /// The calendar day of a feed's date: RFC 822 (`Tue, 10 May 2019 08:00:00 +0000`, RSS
    /// `pubDate`), RFC 3339 / W3C-DTF (`2019-05-10T08:00:00Z`, Atom and `dc:date`), or any form
    /// the text archive knows. The day is the one written, in the zone written: a post dated
    /// late on the 10th in Seoul is the 10th, as its page shows it. Nil when unreadable.
    init?(webText text: String) {
        let trimmed = WebText.line(text)
        if trimmed.utf8.count >= 10, let iso = PostDate(iso: String(trimmed.prefix(10))) {
            self = iso
            return
        }
        // An RFC 822 date may start with the day's name and a comma, sometimes with no space
        // after it (`Tue,10 May 2019`).
        let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        var rest = Substring(trimmed)
        if let comma = rest.firstIndex(of: ","), rest[..<comma].allSatisfy(\.isLetter),
            dayNames.contains(String(rest[..<comma].lowercased().prefix(3)))
        {
            rest = rest[rest.index(after: comma)...]
        }
        var words = rest.split(separator: " ").map(String.init)
        if let first = words.first, first.allSatisfy(\.isLetter),
            dayNames.contains(String(first.lowercased().prefix(3)))
        {
            words.removeFirst()
        }
        guard words.count >= 3 else { return nil }
        var year = words[2]
        // RFC 822 allows two-digit years; the blog's posts are all after 2000.
        if year.count == 2, let short = Int(year) { year = String(short < 70 ? 2000 + short : 1900 + short) }
        if let date = PostDate(archiveText: "\(words[0]) \(words[1]) \(year)") {
            self = date
        } else {
            return nil
        }
    }
}
