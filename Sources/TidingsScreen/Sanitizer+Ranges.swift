/// Search highlights arrive as `Character` ranges of the text as stored; the screen shows the
/// cleaned text, so the ranges must be moved onto it before they are drawn.
extension Sanitizer {
    /// Highlight ranges given for `raw` as ranges of its cleaned form `clean`: clamped, empty
    /// ones dropped, sorted. Text that needed cleaning (rare: escape sequences, bidi controls,
    /// soft hyphens) is cleaned once more with its scalar offsets recorded, and every bound is
    /// mapped through tables built in one pass each: the cost is linear in the text whatever
    /// the number of ranges (mapping each bound by cleaning the text before it was quadratic:
    /// 71 s for one soft hyphen in an 89 KB paragraph).
    public static func cleanRanges(_ ranges: [Range<Int>], raw: String, clean: String) -> [Range<Int>] {
        guard !ranges.isEmpty else { return [] }
        let count = clean.count
        var mapped = ranges
        if !Sanitizer.isClean(raw) {
            let map = BoundMap(raw: raw)
            mapped = ranges.map { range in
                let lower = map[range.lowerBound]
                return lower..<max(lower, map[range.upperBound])
            }
        }
        return
            mapped
            .map { min(max(0, $0.lowerBound), count)..<min(max(0, $0.upperBound), count) }
            .filter { !$0.isEmpty }
            .sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Character offsets of a raw text mapped to character offsets of its cleaned form.
    struct BoundMap {
        /// For each character offset of the raw text (0 through its count), the cleaned
        /// text's character count up to there.
        private let table: [Int]

        init(raw: String) {
            let (clean, scalarOffsets) = Sanitizer.cleanWithOffsets(raw)
            // Clean scalar offset -> characters of the clean text that begin before it.
            var charactersBefore = [Int](repeating: 0, count: clean.unicodeScalars.count + 1)
            var scalar = 0
            for (index, character) in clean.enumerated() {
                let width = character.unicodeScalars.count
                for inside in 1...max(1, width) where scalar + inside < charactersBefore.count {
                    charactersBefore[scalar + inside] = index + 1
                }
                scalar += width
            }
            var table: [Int] = []
            table.reserveCapacity(raw.count + 1)
            var rawScalar = 0
            for character in raw {
                table.append(charactersBefore[scalarOffsets[rawScalar]])
                rawScalar += character.unicodeScalars.count
            }
            table.append(charactersBefore[scalarOffsets[rawScalar]])
            self.table = table
        }

        /// The cleaned offset for raw character offset `bound`, clamped to the text.
        subscript(bound: Int) -> Int { table[min(max(0, bound), table.count - 1)] }
    }
}
