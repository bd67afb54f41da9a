import TidingsCore
import TidingsScreen

/// The highlighting checks the fuzzer runs on random text and queries, shared with the tests:
/// matches land inside the cleaned text, agree with the definition of the mapping, and the
/// sanitiser's work stays linear in the text (doubling it at most triples the work).
public enum HighlightSelfCheck {
    /// Checks highlighting `query` in `text`; nil when all holds, else what failed.
    public static func failure(text: String, query: String) -> String? {
        let highlighter = SearchHighlighter(SearchQuery(query, typing: true))
        let ranges = highlighter.matches(in: text)
        let clean = Sanitizer.clean(text)
        let mapped = Sanitizer.cleanRanges(ranges, raw: text, clean: clean)
        let count = clean.count
        for range in mapped where range.lowerBound < 0 || range.upperBound > count || range.isEmpty {
            return "range \(range) outside the cleaned text of \(count) characters"
        }
        if text.unicodeScalars.count <= 2_000 {
            let reference = referenceRanges(ranges, raw: text, clean: clean)
            if mapped != reference { return "mapped \(mapped), by definition \(reference)" }
        }
        let single = work(text, highlighter)
        let double = work(text + text, highlighter)
        if double > 3 * single + 64 { return "work \(single) for the text, \(double) for it twice" }
        return nil
    }

    /// The sanitiser's work while `text`'s matches are mapped onto its cleaned form. A range
    /// at the start is always added, so that the text and its double take the same path even
    /// when only the double has a match (a word made where the copies meet: the fuzzer's first
    /// finding was the check's, not the code's).
    static func work(_ text: String, _ highlighter: SearchHighlighter) -> Int {
        let ranges = (text.isEmpty ? [] : [0..<1]) + highlighter.matches(in: text)
        let clean = Sanitizer.clean(text)
        let counter = WorkCount()
        WorkCount.$current.withValue(counter) { _ = Sanitizer.cleanRanges(ranges, raw: text, clean: clean) }
        return counter.value
    }

    /// The mapping by its definition: a raw bound maps to the length of the cleaned text
    /// before it. Quadratic: only for short texts.
    static func referenceRanges(_ ranges: [Range<Int>], raw: String, clean: String) -> [Range<Int>] {
        let characters = Array(raw)
        func map(_ bound: Int) -> Int {
            Sanitizer.clean(String(characters[..<min(max(0, bound), characters.count)])).count
        }
        let count = clean.count
        return ranges.map { range in
            let lower = map(range.lowerBound)
            return lower..<max(lower, map(range.upperBound))
        }
        .map { min(max(0, $0.lowerBound), count)..<min(max(0, $0.upperBound), count) }
        .filter { !$0.isEmpty }
        .sorted { $0.lowerBound < $1.lowerBound }
    }
}
