/// Search highlights arrive as `Character` ranges of the text as stored; the screen shows the
/// cleaned text, so the ranges must be moved onto it before they are drawn.
extension Sanitizer {
    /// Highlight ranges given for `raw` as ranges of its cleaned form `clean`: clamped, empty
    /// ones dropped, sorted. Text that needed cleaning (rare: escape sequences, bidi controls)
    /// has each bound mapped by cleaning the text before it.
    public static func cleanRanges(_ ranges: [Range<Int>], raw: String, clean: String) -> [Range<Int>] {
        guard !ranges.isEmpty else { return [] }
        let count = clean.count
        var mapped = ranges
        if !Sanitizer.isClean(raw) {
            let characters = Array(raw)
            func map(_ bound: Int) -> Int {
                Sanitizer.clean(String(characters[..<min(max(0, bound), characters.count)])).count
            }
            mapped = ranges.map { range in
                let lower = map(range.lowerBound)
                return lower..<max(lower, map(range.upperBound))
            }
        }
        return mapped
            .map { min(max(0, $0.lowerBound), count)..<min(max(0, $0.upperBound), count) }
            .filter { !$0.isEmpty }
            .sorted { $0.lowerBound < $1.lowerBound }
    }
}
