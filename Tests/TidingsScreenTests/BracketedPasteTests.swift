import Testing

@testable import TidingsScreen

/// Issue 16, point 5: what the terminal reads between `ESC[200~` and `ESC[201~` becomes one
/// paste, bounded whatever the terminal sends.
@Suite("Bracketed paste decoding")
struct BracketedPasteTests {
    private static func collect(
        _ text: String, then ending: [BracketedPaste.Input] = [.end]
    ) -> BracketedPaste.Collector {
        var collector = BracketedPaste.Collector()
        for scalar in text.unicodeScalars {
            if collector.take(.character(scalar.value)) { return collector }
        }
        for input in ending where collector.take(input) { break }
        return collector
    }

    @Test("the text up to the end marker is one paste, cleaned: line ends (CR too) and tabs as spaces, sequences whole")
    func textAndControls() {
        let collector = Self.collect("zebra\rq\tA\u{1B}[2J\u{07}\u{7F}\u{9B}31m\u{0}한\u{1B}]52;c;eA==\u{07}!")
        #expect(collector.isFinished && !collector.endedWithoutMarker)
        #expect(collector.text == "zebra q A한!")
        #expect(collector.droppedCount == 0)
    }

    @Test("function keys decoded inside a paste and a second begin marker are not text")
    func keysInsideAPaste() {
        var collector = BracketedPaste.Collector()
        collector.take(.character(UInt32(("a" as Unicode.Scalar).value)))
        collector.take(.functionKey)
        collector.take(.begin)
        #expect(!collector.isFinished)
        collector.take(.character(UInt32(("b" as Unicode.Scalar).value)))
        let ended = collector.take(.end)
        #expect(ended)
        #expect(collector.text == "ab")
        // Nothing after the end is taken.
        collector.take(.character(UInt32(("c" as Unicode.Scalar).value)))
        #expect(collector.text == "ab")
    }

    @Test("an unterminated paste ends at the first silence")
    func silenceEndsIt() {
        let collector = Self.collect("qqq", then: [.silence])
        #expect(collector.isFinished && collector.endedWithoutMarker)
        #expect(collector.text == "qqq")
    }

    @Test("a huge paste keeps its first characters; one that never ends stops at the read limit")
    func limits() {
        let long = Self.collect(String(repeating: "x", count: BracketedPaste.keptLimit + 10))
        #expect(long.keptCount == BracketedPaste.keptLimit)
        #expect(long.text.unicodeScalars.count == BracketedPaste.keptLimit)
        #expect(long.droppedCount == 10)
        var endless = BracketedPaste.Collector()
        var read = 0
        while !endless.take(.character(0x79)) { read += 1 }
        #expect(read + 1 == BracketedPaste.readLimit)
        #expect(endless.endedWithoutMarker)
    }
}
