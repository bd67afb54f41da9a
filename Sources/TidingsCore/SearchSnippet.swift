/// A short piece of a post's text around its first match, with the matches to mark.
///
/// Made in Swift from the post's paragraphs and a ``SearchHighlighter`` rather than by FTS5's
/// `snippet()`: Korean matches live in the index's bigram column, whose text is not fit to
/// show, and one way of finding matches keeps the snippet, the titles and the article pane
/// in agreement.
public struct SearchSnippet: Hashable, Sendable, Codable {
    /// One line of text: cut at word boundaries, `…` where it was cut.
    public var text: String
    /// Ranges of ``text`` to mark, in characters, sorted and not overlapping.
    public var matches: [Range<Int>]

    public init(text: String, matches: [Range<Int>]) {
        self.text = text
        self.matches = matches
    }

    /// The snippet of `paragraphs` for `highlighter`, about `length` characters long: around
    /// the first match, or the opening of the text when no paragraph matches (a match in the
    /// title only, or a query of filters). Nil when the post has no text.
    public init?(paragraphs: [String], highlighter: SearchHighlighter, length: Int = 160) {
        let length = max(20, length)
        var chosen: (text: [Character], matches: [Range<Int>])?
        for paragraph in paragraphs where !paragraph.isEmpty {
            let matches = highlighter.matches(in: paragraph)
            if !matches.isEmpty {
                chosen = (Array(paragraph), matches)
                break
            }
            if chosen == nil { chosen = (Array(paragraph), []) }
        }
        guard let (characters, matches) = chosen else { return nil }
        // Start a little before the first match, at the start of a word.
        var start = max(0, (matches.first?.lowerBound ?? 0) - length / 4)
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        if let first = matches.first, first.lowerBound - start > length / 2 { start = first.lowerBound }
        var end = min(characters.count, start + length)
        if end < characters.count {
            var cut = end
            while cut > start, !characters[cut - 1].isWhitespace { cut -= 1 }
            if cut > start + length / 2 { end = cut }
        }
        var text = String(characters[start..<end]).trimmingTrailingWhitespace
        var shift = -start
        if start > 0 {
            text = "…" + text
            shift += 1
        }
        if end < characters.count { text += "…" }
        let limit = text.count
        self.text = text
        self.matches = matches.compactMap { range in
            let lower = range.lowerBound + shift
            let upper = min(range.upperBound + shift, limit - (end < characters.count ? 1 : 0))
            return lower >= (start > 0 ? 1 : 0) && lower < upper ? lower..<upper : nil
        }
    }

    /// The text with every match between `open` and `close`: `[Kim] met …` for a terminal
    /// line that cannot use colour (the CLI), where the browser uses attributes instead.
    public func marked(open: String = "[", close: String = "]") -> String {
        let starts = Set(matches.map(\.lowerBound))
        let ends = Set(matches.map(\.upperBound))
        var result = ""
        for (offset, character) in text.enumerated() {
            if ends.contains(offset) { result += close }
            if starts.contains(offset) { result += open }
            result.append(character)
        }
        if ends.contains(text.count) { result += close }
        return result
    }
}

extension String {
    /// The string without whitespace at its end.
    fileprivate var trimmingTrailingWhitespace: String {
        var characters = Substring(self)
        while characters.last?.isWhitespace == true { characters = characters.dropLast() }
        return String(characters)
    }
}
