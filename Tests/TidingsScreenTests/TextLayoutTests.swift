import Testing
import TidingsScreen

@Suite struct TextLayoutTests {
    // MARK: truncate

    @Test func truncateKeepsTextThatFits() {
        #expect(TextLayout.truncate("Hello", toColumns: 5) == "Hello")
        #expect(TextLayout.truncate("Hello", toColumns: 50) == "Hello")
        #expect(TextLayout.truncate("", toColumns: 3) == "")
    }

    @Test func truncateEndsWithEllipsis() {
        #expect(TextLayout.truncate("Hello world", toColumns: 8) == "Hello w…")
        // No space left dangling before the ellipsis.
        #expect(TextLayout.truncate("Hello world", toColumns: 7) == "Hello…")
    }

    @Test func truncateTinyWidths() {
        #expect(TextLayout.truncate("Hello", toColumns: 0) == "")
        #expect(TextLayout.truncate("Hello", toColumns: -3) == "")
        #expect(TextLayout.truncate("Hello", toColumns: 1) == "…")
        #expect(TextLayout.truncate("a", toColumns: 1) == "a")
        #expect(TextLayout.truncate("안녕", toColumns: 1) == "…")
        #expect(TextLayout.truncate("Hello", toColumns: 2, ellipsis: "...") == "..")
    }

    @Test func truncateHangulByWidth() {
        #expect(TextLayout.truncate("안녕하세요", toColumns: 6) == "안녕…")  // 5 columns: 하 would make 7
        #expect(TextLayout.truncate("안녕하세요", toColumns: 7) == "안녕하…")
        #expect(TextLayout.truncate("안녕하세요", toColumns: 10) == "안녕하세요")
    }

    @Test func truncateNeverSplitsCombiningAccents() {
        let text = String(repeating: "e\u{301}", count: 4)
        let cut = TextLayout.truncate(text, toColumns: 3)
        #expect(Array(cut.unicodeScalars.map(\.value)) == [0x65, 0x301, 0x65, 0x301, 0x2026])
        #expect(TextWidth.columns(of: cut) == 3)
    }

    @Test func truncateEmojiAndFlags() {
        #expect(TextLayout.truncate("👍👍👍", toColumns: 4) == "👍…")
        #expect(TextLayout.truncate("🇰🇷🇫🇷🇯🇵", toColumns: 5) == "🇰🇷🇫🇷…")
        #expect(TextLayout.truncate("🇰🇷🇫🇷🇯🇵", toColumns: 4) == "🇰🇷…")  // not half a flag
    }

    @Test func truncateResultsNeverExceedTheWidth() {
        let texts = ["한국어 뉴스 제목입니다", "Crème brûlée", "mixed 한글 and 👍 emoji", "🇰🇷🇫🇷"]
        for text in texts {
            for width in 0...25 {
                #expect(TextWidth.columns(of: TextLayout.truncate(text, toColumns: width)) <= width)
            }
        }
    }

    // MARK: pad

    @Test func padToExactWidth() {
        #expect(TextLayout.pad("ab", toColumns: 4) == "ab  ")
        #expect(TextLayout.pad("abcdef", toColumns: 4) == "abc…")
        #expect(TextLayout.pad("안녕하세요", toColumns: 6) == "안녕… ")
        #expect(TextLayout.pad("x", toColumns: 0) == "")
        for width in 1...12 {
            #expect(TextWidth.columns(of: TextLayout.pad("안녕 world", toColumns: width)) == width)
        }
    }

    // MARK: wrap

    @Test func wrapEmptyAndBlank() {
        #expect(TextLayout.wrap("", width: 10) == [""])
        #expect(TextLayout.wrap("    ", width: 10) == [""])
        #expect(TextLayout.wrap("text", width: 0) == [""])
    }

    @Test func wrapAtSpaces() {
        #expect(TextLayout.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("hello world", width: 5) == ["hello", "world"])
        #expect(TextLayout.wrap("hello   ", width: 10) == ["hello"])
        #expect(TextLayout.wrap("a  b", width: 10) == ["a  b"])
        #expect(TextLayout.wrap("  indented text", width: 20) == ["  indented text"])
    }

    @Test func wrapHangulTakesTwoColumns() {
        let text = "한국어 뉴스 제목입니다"
        #expect(TextLayout.wrap(text, width: 10) == ["한국어", "뉴스", "제목입니다"])
        #expect(TextLayout.wrap(text, width: 11) == ["한국어 뉴스", "제목입니다"])
        #expect(TextLayout.wrap(text, width: 30) == [text])
    }

    @Test func wrapBreaksLongWords() {
        #expect(
            TextLayout.wrap("see https://example.com/a/b", width: 10)
                == ["see https:", "//example.", "com/a/b"])
        #expect(TextLayout.wrap("가나다라마바", width: 5) == ["가나", "다라", "마바"])
        #expect(TextLayout.wrap("x 가나다라마바", width: 5) == ["x 가", "나다", "라마", "바"])
        #expect(TextLayout.wrap("e\u{301}e\u{301}e\u{301}", width: 2) == ["e\u{301}e\u{301}", "e\u{301}"])
    }

    @Test func wrapCharacterWiderThanTheLineGetsItsOwnLine() {
        #expect(TextLayout.wrap("가나", width: 1) == ["가", "나"])
    }

    /// Every line fits, shows exactly its characters, and no visible character is lost.
    @Test func wrapPropertiesOnMixedText() {
        let words = ["a", "news", "한국어", "extraordinarily", "👍", "Crème", "日本語のテキストです", "—", "e\u{301}"]
        var generator = LayoutGenerator(seed: 42)
        for _ in 0..<500 {
            var paragraph = ""
            for _ in 0..<Int(generator.next() % 14) {
                paragraph += words[Int(generator.next() % UInt64(words.count))]
                paragraph += String(repeating: " ", count: Int(generator.next() % 3))
            }
            let width = 2 + Int(generator.next() % 20)
            let lines = TextLayout.wrapWithOffsets(paragraph, width: width)
            let characters = Array(paragraph)
            var shown: [Character] = []
            for line in lines {
                #expect(line.columns <= width)
                #expect(TextWidth.columns(of: line.text) == line.columns)
                #expect(Array(line.text) == Array(characters[line.characters]))
                #expect(line.text.last != " ")
                shown += line.text.filter { $0 != " " }
            }
            #expect(shown == characters.filter { $0 != " " }, "\(paragraph) @\(width)")
        }
    }

    // MARK: offsets and highlights

    @Test func wrappedLinesKnowTheirCharacters() {
        let lines = TextLayout.wrapWithOffsets("the quick brown fox", width: 10)
        #expect(lines.map(\.characters) == [0..<9, 10..<19])
        #expect(lines.map(\.columns) == [9, 9])
    }

    @Test func highlightAcrossALineBreak() {
        let lines = TextLayout.wrapWithOffsets("the quick brown fox", width: 10)
        // "quick brown": characters 4..<15; the break space belongs to no line.
        #expect(
            TextLayout.highlightSpans(of: 4..<15, in: lines)
                == [HighlightSpan(line: 0, columns: 4..<9), HighlightSpan(line: 1, columns: 0..<5)])
        #expect(TextLayout.highlightSpans(of: 9..<10, in: lines) == [])
    }

    @Test func highlightColumnsCountHangulAsTwo() {
        let lines = TextLayout.wrapWithOffsets("한국어 뉴스", width: 6)
        #expect(lines.map(\.text) == ["한국어", "뉴스"])
        #expect(TextLayout.highlightSpans(of: 1..<3, in: lines) == [HighlightSpan(line: 0, columns: 2..<6)])
        #expect(TextLayout.highlightSpans(of: 4..<5, in: lines) == [HighlightSpan(line: 1, columns: 0..<2)])
    }
}

/// A small deterministic generator, so that a failure reproduces.
private struct LayoutGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 17
    }
}
