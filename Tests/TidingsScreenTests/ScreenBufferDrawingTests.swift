import Testing
import TidingsScreen

@Suite struct ScreenBufferDrawingTests {
    /// The texts of row `y`, one entry per cell ("" for continuation cells).
    private func texts(_ buffer: ScreenBuffer, row y: Int = 0) -> [String] {
        buffer.row(y).map(\.text)
    }

    /// Every lead of a wide character is followed by its continuation and vice versa.
    private func isWellFormed(_ buffer: ScreenBuffer) -> Bool {
        for y in 0..<buffer.height {
            let row = Array(buffer.row(y))
            for (x, cell) in row.enumerated() {
                if cell.width == 2 && (x + 1 >= row.count || !row[x + 1].isContinuation) { return false }
                if cell.isContinuation && (x == 0 || row[x - 1].width != 2) { return false }
            }
        }
        return true
    }

    private func buffer(_ columns: Int, _ rows: Int = 1) -> ScreenBuffer {
        ScreenBuffer(size: Size(columns: columns, rows: rows))
    }

    @Test func putWritesTextAndReturnsColumns() {
        var b = buffer(8)
        #expect(b.put("abc", x: 1, y: 0, style: .bold) == 3)
        #expect(texts(b) == [" ", "a", "b", "c", " ", " ", " ", " "])
        #expect(b[1, 0].style == .bold)
        #expect(b.put("x", x: 0, y: 5) == 0)  // off the buffer
    }

    @Test func putWideCharacters() {
        var b = buffer(6)
        #expect(b.put("한글", x: 0, y: 0) == 4)
        #expect(texts(b) == ["한", "", "글", "", " ", " "])
        #expect(b[0, 0].width == 2 && b[1, 0].isContinuation)
        #expect(isWellFormed(b))
    }

    @Test func wideCharacterStraddlingTheBufferEdgeBecomesASpace() {
        var b = buffer(5)
        #expect(b.put("ab한글", x: 0, y: 0) == 5)
        #expect(texts(b) == ["a", "b", "한", "", " "])
        #expect(isWellFormed(b))
    }

    @Test func wideCharacterStraddlingMaxWidthBecomesASpace() {
        var b = buffer(6)
        b.fill(x: 0, y: 0, width: 6, height: 1, with: Cell("."))
        #expect(b.put("한글", x: 0, y: 0, maxWidth: 3, style: .reverse) == 3)
        #expect(texts(b) == ["한", "", " ", ".", ".", "."])
        #expect(b[2, 0].style == .reverse)
    }

    @Test func overwritingTheLeftHalfBlanksTheRightHalf() {
        var b = buffer(4)
        b.put("한", x: 0, y: 0)
        b.put("x", x: 0, y: 0)
        #expect(texts(b) == ["x", " ", " ", " "])
        #expect(!b[1, 0].isContinuation)
        #expect(isWellFormed(b))
    }

    @Test func overwritingTheRightHalfBlanksTheLeftHalf() {
        var b = buffer(4)
        b.put("한", x: 0, y: 0, style: .reverse)
        b.put("x", x: 1, y: 0)
        #expect(texts(b) == [" ", "x", " ", " "])
        #expect(b[0, 0].style == .reverse)  // the blank keeps the style it had
        #expect(isWellFormed(b))
    }

    @Test func wideOverWideAtAnOffset() {
        var b = buffer(6)
        b.put("한글", x: 0, y: 0)
        b.put("가", x: 1, y: 0)
        #expect(texts(b) == [" ", "가", "", " ", " ", " "])
        #expect(isWellFormed(b))
    }

    @Test func textCutByTheLeftEdge() {
        var b = buffer(4)
        #expect(b.put("한x", x: -1, y: 0) == 3)
        #expect(texts(b) == [" ", "x", " ", " "])
        #expect(isWellFormed(b))
    }

    @Test func putSanitises() {
        var b = buffer(6)
        #expect(b.put("a\u{1B}[31mb\u{7}c", x: 0, y: 0) == 3)
        #expect(texts(b) == ["a", "b", "c", " ", " ", " "])
        #expect(b.put("👍🏽", x: 3, y: 0) == 2)
        #expect(b[3, 0].text == "👍")
    }

    @Test func combiningMarksShareTheirBaseCell() {
        var b = buffer(3)
        #expect(b.put("e\u{301}x", x: 0, y: 0) == 2)
        #expect(b[0, 0].text.unicodeScalars.count == 2)
        #expect(b[1, 0].text == "x")
    }

    @Test func flagsTakeOneCellPerRegionalIndicator() {
        var b = buffer(3)
        #expect(b.put("🇰🇷", x: 0, y: 0) == 2)
        #expect(texts(b) == ["\u{1F1F0}", "\u{1F1F7}", " "])
        var narrow = buffer(3)
        #expect(narrow.put("🇰🇷", x: 0, y: 0, maxWidth: 1) == 1)  // no half flag
        #expect(texts(narrow) == [" ", " ", " "])
    }

    @Test func fillBlanksCutWideCharacters() {
        var b = buffer(5)
        b.put("한글", x: 0, y: 0)
        b.fill(x: 1, y: 0, width: 2, height: 1)
        #expect(texts(b) == [" ", " ", " ", " ", " "])
        #expect(isWellFormed(b))
    }

    @Test func setStyleWidensToWholeCharacters() {
        var b = buffer(5)
        b.put("한", x: 0, y: 0)
        b.setStyle(x: 1, y: 0, width: 1, style: .reverse)
        #expect(b[0, 0].style == .reverse && b[1, 0].style == .reverse)
        #expect(b[0, 0].text == "한")
        b.setStyle(x: 4, y: 0, width: 9, style: .bold)  // clipped, no crash
        #expect(b[4, 0].style == .bold)
    }

    @Test func addAttributesKeepsTextAndColour() {
        var b = buffer(4)
        b.put("ab", x: 0, y: 0, style: Style(color: .title))
        b.addAttributes(.reverse, x: 0, y: 0, width: 1)
        #expect(b[0, 0] == Cell("a", style: Style(.reverse, color: .title)))
        #expect(b[1, 0] == Cell("b", style: Style(color: .title)))
    }

    @Test func boxLines() {
        var b = buffer(3, 3)
        b.hLine(x: 0, y: 0, width: 3)
        b.vLine(x: 1, y: 0, height: 3, style: .dim)
        #expect(texts(b, row: 0) == ["─", "│", "─"])
        #expect(texts(b, row: 2) == [" ", "│", " "])
        #expect(b[1, 2].style == .dim)
    }

    /// Random overlapping writes of wide and narrow text never leave an orphan half.
    @Test func randomWritesStayWellFormed() {
        let pieces = ["한글", "a", "가나다", "👍", "xy", "🇰🇷", "e\u{301}", "日本"]
        var b = buffer(9, 2)
        var state: UInt64 = 12_345
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<2_000 {
            let x = next(11) - 1
            let y = next(2)
            switch next(4) {
            case 0: b.fill(x: x, y: y, width: next(4), height: 1)
            case 1: b.setStyle(x: x, y: y, width: next(4), style: .reverse)
            default: b.put(pieces[next(pieces.count)], x: x, y: y, maxWidth: next(2) == 0 ? nil : next(6))
            }
            #expect(isWellFormed(b))
        }
    }
}
