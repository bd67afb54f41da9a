/// Fitting text into a number of terminal columns: truncation, word wrap and padding.
///
/// Widths come from ``TextWidth`` and grapheme clusters are never split, so a cut never
/// leaves half an accent or half a Hangul syllable. Inputs should already be sanitised
/// (``Sanitizer/clean(_:)``): a TAB or an escape sequence would be measured as 0 columns
/// here and change width when ``ScreenBuffer/put(_:x:y:maxWidth:style:)`` cleans it.
public enum TextLayout {
    /// `text` cut at a grapheme boundary to at most `width` columns, ending with `ellipsis`
    /// when anything was cut. Spaces left before the ellipsis are dropped ("Hello …" reads
    /// worse than "Hello…"). Width 0 gives ""; an ellipsis wider than `width` is itself cut.
    public static func truncate(
        _ text: String, toColumns width: Int, ellipsis: String = "…"
    ) -> String {
        guard width > 0 else { return "" }
        if TextWidth.columns(of: text) <= width { return text }
        let ellipsisWidth = TextWidth.columns(of: ellipsis)
        if ellipsisWidth > width { return truncate(ellipsis, toColumns: width, ellipsis: "") }
        let room = width - ellipsisWidth
        var used = 0
        var utf8Count = 0
        // UTF-8 length of the kept prefix up to its last non-space character.
        var contentUTF8Count = 0
        for character in text {
            used += TextWidth.columns(of: character)
            if used > room { break }
            utf8Count += character.utf8.count
            if character != " " { contentUTF8Count = utf8Count }
        }
        // One index computation at the end instead of walking indices per character.
        let end = text.utf8.index(text.utf8.startIndex, offsetBy: contentUTF8Count)
        return String(text[..<end]) + ellipsis
    }

    /// `text` cut in the middle to at most `width` columns: its start and its end stay, a
    /// `…` replaces what is between, so a long path keeps its folder and its file name.
    public static func truncateMiddle(_ text: String, toColumns width: Int) -> String {
        guard width > 0 else { return "" }
        if TextWidth.columns(of: text) <= width { return text }
        guard width > 2 else { return truncate(text, toColumns: width) }
        let tailRoom = (width - 1) / 2
        var tail: [Character] = []
        var used = 0
        for character in text.reversed() {
            used += TextWidth.columns(of: character)
            if used > tailRoom { break }
            tail.append(character)
        }
        let headRoom = width - 1 - TextWidth.columns(of: String(tail))
        return truncate(text, toColumns: headRoom, ellipsis: "") + "…" + String(tail.reversed())
    }

    /// `text` truncated (with "…") or padded with spaces to exactly `width` columns.
    ///
    /// When a wide character does not fit before the ellipsis the result is padded back to
    /// `width`, so callers can rely on the exact width for column layouts.
    public static func pad(_ text: String, toColumns width: Int) -> String {
        guard width > 0 else { return "" }
        var fitted = text
        var used = TextWidth.columns(of: text)
        if used > width {
            fitted = truncate(text, toColumns: width)
            used = TextWidth.columns(of: fitted)
        }
        if used < width { fitted += String(repeating: " ", count: width - used) }
        return fitted
    }

    /// Word-wraps `paragraph` to lines of at most `width` columns (see
    /// ``wrapWithOffsets(_:width:)``); an empty paragraph gives `[""]`.
    public static func wrap(_ paragraph: String, width: Int) -> [String] {
        wrapWithOffsets(paragraph, width: width).map(\.text)
    }

    /// Word-wraps `paragraph`, keeping for each line the characters it covers.
    ///
    /// Lines break at spaces; the spaces at a break are dropped, as are trailing spaces, while
    /// leading spaces of the paragraph are kept as indentation when they fit. A word longer
    /// than `width` (a URL, a run of CJK without spaces) continues on the current line and is
    /// broken at grapheme boundaries. No line is wider than `width`, except that a single
    /// character wider than `width` itself (a Hangul syllable at width 1) gets a line of its own,
    /// which ``ScreenBuffer/put(_:x:y:maxWidth:style:)`` then clips. Always at least one line.
    ///
    /// This walks the paragraph's characters once; renderers should cache the result per
    /// (paragraph, width) rather than re-wrapping on every keystroke.
    public static func wrapWithOffsets(_ paragraph: String, width: Int) -> [WrappedLine] {
        let chars = Array(paragraph)
        WorkCount.current?.addLaidOut(chars.count)
        guard width > 0, !chars.isEmpty else {
            return [WrappedLine(text: "", characters: 0..<0, columns: 0)]
        }
        var wrapper = Wrapper(chars: chars, width: width)
        wrapper.run()
        if wrapper.lines.isEmpty {
            wrapper.lines.append(WrappedLine(text: "", characters: 0..<0, columns: 0))
        }
        return wrapper.lines
    }

    /// Where the character range `range` of a paragraph appears once it is wrapped into
    /// `lines` (from ``wrapWithOffsets(_:width:)``): one span per line it touches, in order.
    /// Characters at a dropped break space are not shown anywhere and so yield no span.
    public static func highlightSpans(
        of range: Range<Int>, in lines: [WrappedLine]
    ) -> [HighlightSpan] {
        var spans: [HighlightSpan] = []
        for (index, line) in lines.enumerated() {
            if line.characters.lowerBound >= range.upperBound { break }
            if let columns = line.columnSpan(of: range) {
                spans.append(HighlightSpan(line: index, columns: columns))
            }
        }
        return spans
    }
}

/// The greedy line breaker behind ``TextLayout/wrapWithOffsets(_:width:)``.
private struct Wrapper {
    let chars: [Character]
    let width: Int
    var lines: [WrappedLine] = []
    /// The current line: chars[lineStart..<lineEnd], `lineWidth` columns; empty if !hasContent.
    var lineStart = 0
    var lineEnd = 0
    var lineWidth = 0
    var hasContent = false

    init(chars: [Character], width: Int) {
        self.chars = chars
        self.width = width
    }

    mutating func run() {
        let n = chars.count
        var i = 0
        while i < n {
            let spaceStart = i
            while i < n && chars[i] == " " { i += 1 }
            let spaceWidth = i - spaceStart
            if i == n { break }  // trailing spaces are dropped
            let wordStart = i
            var wordWidth = 0
            while i < n && chars[i] != " " {
                wordWidth += TextWidth.columns(of: chars[i])
                i += 1
            }
            place(
                word: wordStart..<i, wordWidth: wordWidth,
                spaceStart: spaceStart, spaceWidth: spaceWidth)
        }
        if hasContent { emit() }
    }

    private mutating func place(
        word: Range<Int>, wordWidth: Int, spaceStart: Int, spaceWidth: Int
    ) {
        if !hasContent && lines.isEmpty && spaceWidth > 0 && spaceWidth + wordWidth <= width {
            // Leading spaces of the paragraph: keep them as indentation.
            start(at: spaceStart)
            extend(to: word.upperBound, by: spaceWidth + wordWidth)
            return
        }
        if hasContent && lineWidth + spaceWidth + wordWidth <= width {
            extend(to: word.upperBound, by: spaceWidth + wordWidth)
            return
        }
        if wordWidth <= width {
            if hasContent { emit() }
            start(at: word.lowerBound)
            extend(to: word.upperBound, by: wordWidth)
            return
        }
        breakLongWord(word, spaceWidth: spaceWidth)
    }

    /// Fills the current line with the start of the word, then whole lines, leaving the
    /// last piece open so the next word may follow it.
    private mutating func breakLongWord(_ word: Range<Int>, spaceWidth: Int) {
        var gap = hasContent ? spaceWidth : 0
        if hasContent && lineWidth + gap >= width {
            emit()
            gap = 0
        }
        var j = word.lowerBound
        while j < word.upperBound {
            let w = TextWidth.columns(of: chars[j])
            let used = hasContent ? lineWidth + gap : 0
            if used + w <= width || !hasContent {
                if !hasContent { start(at: j) }
                extend(to: j + 1, by: gap + w)
                gap = 0
                j += 1
            } else {
                emit()
                gap = 0
            }
        }
    }

    private mutating func start(at index: Int) {
        lineStart = index
        lineEnd = index
        lineWidth = 0
        hasContent = true
    }

    private mutating func extend(to end: Int, by columns: Int) {
        lineEnd = end
        lineWidth += columns
    }

    private mutating func emit() {
        let text = String(chars[lineStart..<lineEnd])
        lines.append(WrappedLine(text: text, characters: lineStart..<lineEnd, columns: lineWidth))
        hasContent = false
    }
}
