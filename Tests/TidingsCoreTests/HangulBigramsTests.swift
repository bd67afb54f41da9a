import Testing
import TidingsTestSupport

@testable import TidingsCore

@Suite struct HangulBigramsTests {
    /// The index text by its definition: each run's bigrams joined by spaces, runs by ` | `.
    static func reference(title: String, paragraphs: [String]) -> String? {
        let runs = ([title] + paragraphs).flatMap { HangulBigrams.runs(in: $0) }
        guard !runs.isEmpty else { return nil }
        return runs.map { HangulBigrams.bigrams(of: $0).joined(separator: " ") }.joined(separator: " | ")
    }

    @Test func bigramsOfEveryRun() {
        #expect(HangulBigrams.indexText(title: "김정은이 말했다", paragraphs: []) == "김정 정은 은이 | 말했 했다")
        #expect(HangulBigrams.indexText(title: "North Korea", paragraphs: ["No Hangul here."]) == nil)
        // A single syllable is no run; a run ends at anything that is not a syllable, jamo too.
        #expect(HangulBigrams.indexText(title: "김 ㄱ", paragraphs: ["평양ㅋ서울"]) == "평양 | 서울")
        // Runs never span two fields.
        #expect(HangulBigrams.indexText(title: "가나", paragraphs: ["다라"]) == "가나 | 다라")
        // The first and last syllables (U+AC00, U+D7A3) count; the code points beside them do not.
        #expect(HangulBigrams.indexText(title: "가힣\u{D7A4}\u{ABFF}가힣", paragraphs: []) == "가힣 | 가힣")
    }

    @Test func byteReadingMatchesTheDefinition() {
        let pool: [String] = [
            "가", "힣", "김", "정", "은", "ㄱ", "ᄀ", "\u{D7A4}", "\u{ABFF}", "a", " ", "é", "😀", "。", "\n",
            "an ASCII run of more than eight bytes ",
        ]
        var random = SplitMix64(seed: 0x4A6E)
        for round in 0..<2_000 {
            func text() -> String { (0..<random.next(12)).map { _ in pool[random.next(pool.count)] }.joined() }
            let title = text()
            let paragraphs = (0..<random.next(4)).map { _ in text() }
            #expect(
                HangulBigrams.indexText(title: title, paragraphs: paragraphs)
                    == Self.reference(title: title, paragraphs: paragraphs), "round \(round): \(title) \(paragraphs)")
        }
    }
}
