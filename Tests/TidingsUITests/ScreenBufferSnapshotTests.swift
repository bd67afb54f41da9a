import Testing
import TidingsScreen
import TidingsTestSupport
import TidingsUI

@Suite struct ScreenBufferSnapshotTests {
    /// A 20x4 frame with Hangul, a selected row, a match highlight and a box line.
    @Test func smallFrameWithHangulAndStyles() {
        var b = ScreenBuffer(size: Size(columns: 20, rows: 4))
        b.put("Tidings 뉴스", x: 0, y: 0, style: .bold)
        b.put("3/10", x: 16, y: 0, style: .dim)
        b.put("▸ 한국어 제목입니다 and more", x: 0, y: 1, maxWidth: 20)
        b.setStyle(x: 0, y: 1, width: 20, style: Style([.bold, .reverse]))
        b.put("Café “quote” …", x: 2, y: 2)
        b.addAttributes(.underline, x: 2, y: 2, width: 4)
        b.setStyle(x: 8, y: 2, width: 5, style: Style(color: .match))
        b.hLine(x: 0, y: 3, width: 20, style: .dim)
        b.put("!", x: 19, y: 3, style: Style([.bold, .underline], color: .warning))
        assertSnapshot(b, named: "small-frame-hangul-styles")
    }

    @Test func snapshotFormatDetails() {
        var b = ScreenBuffer(size: Size(columns: 6, rows: 2))
        b.put("한x", x: 0, y: 0, style: .reverse)
        b.put("ab", x: 0, y: 1)
        // Row 1 is plain, so its style line is empty.
        #expect(b.snapshot() == "한x\nab\n--- styles\nrrr\n\n")
    }
}
