import Testing
import TidingsCore
import TidingsScreen
import TidingsTestSupport

@testable import TidingsUI

/// Issue 16, point 4: marking search matches in text that needs cleaning cost time quadratic in
/// its length (each range bound re-cleaned the text before it): one soft hyphen in an 89 KB
/// paragraph took 71 s to paint. Cost is shown linear by counting the scalars the sanitiser
/// reads (``WorkCount``), which a busy machine cannot disturb, and the mapping is checked
/// against the obvious definition on random hostile text.
@Suite struct HighlightCostTests {
    /// Pieces random text is made of: words, escape sequences whole and cut, C1 forms, bidi
    /// controls, soft hyphens, combining marks, emoji sequences, Hangul.
    static let pieces = [
        "zebra", " ", "word", "\u{AD}", "\u{1B}[31m", "\u{1B}]0;title\u{07}", "\u{1B}", "\u{9B}2J", "\u{9D}x\u{9C}",
        "\u{202E}", "\u{2066}", "e\u{301}", "👨‍👩‍👧", "👍🏽", "❤️", "한국", "\t", "\n", "\u{FEFF}", "\u{1B}P", "\u{07}", "é",
    ]

    static func randomText(_ random: inout SplitMix64, pieces count: Int) -> String {
        var text = ""
        for _ in 0..<count { text += pieces[Int(random.next() % UInt64(pieces.count))] }
        return text
    }

    @Test func mappingAgreesWithTheDefinitionOnRandomHostileText() {
        var random = SplitMix64(seed: 16)
        for round in 0..<400 {
            let raw = Self.randomText(&random, pieces: Int(random.next() % 40))
            let clean = Sanitizer.clean(raw)
            let length = raw.count
            var ranges: [Range<Int>] = []
            for _ in 0..<Int(random.next() % 6) {
                let a = Int(random.next() % UInt64(length + 3)) - 1
                let b = a + Int(random.next() % 8)
                ranges.append(a..<b)
            }
            #expect(
                Sanitizer.cleanRanges(ranges, raw: raw, clean: clean)
                    == HighlightSelfCheck.referenceRanges(ranges, raw: raw, clean: clean),
                "round \(round): \(raw.debugDescription) \(ranges)")
        }
    }

    /// The scalars the sanitiser reads while an article with `matches` highlighted words is
    /// laid out.
    static func work(paragraphWords words: Int, prefix: String) -> Int {
        let raw = prefix + Array(repeating: "zebra", count: words).joined(separator: " ")
        let highlighter = SearchHighlighter(SearchQuery("zebra"))
        let article = Article(id: "p", title: "t", paragraphs: [raw])
        let counter = WorkCount()
        WorkCount.$current.withValue(counter) {
            _ = ArticleLayout(article: article, highlighter: highlighter, width: 80)
        }
        return counter.value
    }

    /// Doubling the paragraph at most triples the work, for the two cases the red team found:
    /// one soft hyphen, and an ESC before 20,000 matches.
    @Test(arguments: ["\u{AD}", "\u{1B}"])
    func highlightingIsLinearInTheText(prefix: String) {
        let small = Self.work(paragraphWords: 2_500, prefix: prefix)
        let large = Self.work(paragraphWords: 5_000, prefix: prefix)
        #expect(small > 0)
        #expect(large <= 3 * small, "work \(small) for 2,500 matches, \(large) for 5,000")
        #expect(Self.work(paragraphWords: 20_000, prefix: prefix) <= 10 * large)
    }
}
