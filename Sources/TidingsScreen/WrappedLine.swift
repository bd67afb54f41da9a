/// One line of a word-wrapped paragraph, and where it came from.
///
/// Made by ``TextLayout/wrapWithOffsets(_:width:)``. `characters` counts `Character`s
/// (grapheme clusters) from the start of the paragraph, so a search match found as a
/// character range in the paragraph can be mapped onto the screen with
/// ``TextLayout/highlightSpans(of:in:)`` after wrapping.
public struct WrappedLine: Hashable, Sendable {
    /// The line's text: exactly the paragraph's characters in `characters`.
    public var text: String
    /// The paragraph characters this line shows; spaces dropped at a break belong to no line.
    public var characters: Range<Int>
    /// Display width of `text`, never more than the wrap width (but see
    /// ``TextLayout/wrapWithOffsets(_:width:)`` for a character wider than the whole line).
    public var columns: Int

    public init(text: String, characters: Range<Int>, columns: Int) {
        self.text = text
        self.characters = characters
        self.columns = columns
    }

    /// The columns of this line that show the paragraph characters in `range`, or nil when
    /// the line shows none of them.
    public func columnSpan(of range: Range<Int>) -> Range<Int>? {
        let lower = max(range.lowerBound, characters.lowerBound)
        let upper = min(range.upperBound, characters.upperBound)
        guard lower < upper else { return nil }
        var offset = characters.lowerBound
        var column = 0
        var start = 0
        for character in text {
            if offset == lower { start = column }
            if offset == upper { break }
            column += TextWidth.columns(of: character)
            offset += 1
        }
        return start..<column
    }
}

/// Part of a highlighted character range as it falls on one wrapped line.
public struct HighlightSpan: Hashable, Sendable {
    /// Index into the wrapped lines.
    public var line: Int
    /// Columns within that line, counted from the line's first column.
    public var columns: Range<Int>

    public init(line: Int, columns: Range<Int>) {
        self.line = line
        self.columns = columns
    }
}
