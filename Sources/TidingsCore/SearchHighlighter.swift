/// Finds where a query's words and phrases appear in a piece of text, so that a screen or a
/// snippet can mark them.
///
/// Matching follows the index's rules (``SearchText``: words without case or accents, the
/// word being typed as a prefix, Korean inside longer words) but runs in plain Swift on the
/// text at hand, so the browser can mark titles and paragraphs without asking the database.
/// Ranges count `Character`s (grapheme clusters) from the start of the text, the unit
/// `TidingsUI`'s wrapped lines use. Excluded terms and label filters are never marked.
public struct SearchHighlighter: Hashable, Sendable {
    /// A segment to look for, with its words folded once.
    private enum Needle: Hashable, Sendable {
        case words([String], prefix: Bool)
        case characters([Character])
    }

    private let everywhere: [Needle]
    private let titleOnly: [Needle]

    /// A highlighter for the words and phrases `query` looks for.
    public init(_ query: SearchQuery) {
        var everywhere: [Needle] = []
        var titleOnly: [Needle] = []
        for term in query.positiveTerms {
            for segment in term.segments {
                let needle: Needle
                switch segment {
                case .words(let words, let prefix): needle = .words(words.map { SearchText.fold($0) }, prefix: prefix)
                case .hangul(let run), .syllable(let run): needle = .characters(Array(run))
                }
                if term.inTitle { titleOnly.append(needle) } else { everywhere.append(needle) }
            }
        }
        self.everywhere = everywhere
        self.titleOnly = titleOnly
    }

    /// The ranges of `text` to mark, in characters, sorted and not overlapping. Pass
    /// `isTitle` for a post's title, where `title:` terms are marked too.
    public func matches(in text: String, isTitle: Bool = false) -> [Range<Int>] {
        let needles = isTitle ? everywhere + titleOnly : everywhere
        guard !needles.isEmpty, !text.isEmpty else { return [] }
        let words = SearchText.words(in: text)
        var characters: [Character]?
        var found: [Range<Int>] = []
        for needle in needles {
            switch needle {
            case .words(let wanted, let prefix):
                found += SearchHighlighter.find(wanted, prefix: prefix, in: words)
            case .characters(let wanted):
                if characters == nil { characters = Array(text) }
                found += SearchHighlighter.find(wanted, in: characters!)
            }
        }
        return SearchHighlighter.merged(found)
    }

    /// Consecutive words equal to `wanted` (the last one only starting with it for a prefix).
    private static func find(_ wanted: [String], prefix: Bool, in words: [SearchText.Word]) -> [Range<Int>] {
        guard !wanted.isEmpty, words.count >= wanted.count else { return [] }
        var found: [Range<Int>] = []
        for start in 0...(words.count - wanted.count) {
            var matched = true
            for (offset, folded) in wanted.enumerated() {
                let word = words[start + offset].folded
                let isLast = offset == wanted.count - 1
                if (isLast && prefix) ? !word.hasPrefix(folded) : word != folded {
                    matched = false
                    break
                }
            }
            guard matched else { continue }
            let last = words[start + wanted.count - 1]
            let end =
                prefix
                ? last.characters.lowerBound + typedLength(of: wanted[wanted.count - 1], in: last)
                : last.characters.upperBound
            found.append(words[start].characters.lowerBound..<end)
        }
        return found
    }

    /// How many characters of `word` the typed prefix covers: `kor` marks `Kor` in `Korea`,
    /// also when folding changed the lengths (`İ` folds to two scalars).
    private static func typedLength(of folded: String, in word: SearchText.Word) -> Int {
        let wanted = folded.unicodeScalars.count
        var covered = 0
        var count = 0
        for piece in word.foldedCharacters where covered < wanted {
            covered += piece.unicodeScalars.count
            count += 1
        }
        return max(1, count)
    }

    /// Every place `wanted` appears in `characters` (Korean inside longer words).
    private static func find(_ wanted: [Character], in characters: [Character]) -> [Range<Int>] {
        guard !wanted.isEmpty, characters.count >= wanted.count else { return [] }
        var found: [Range<Int>] = []
        var start = 0
        while start <= characters.count - wanted.count {
            if characters[start] == wanted[0], Array(characters[start..<(start + wanted.count)]) == wanted {
                found.append(start..<(start + wanted.count))
                start += wanted.count
            } else {
                start += 1
            }
        }
        return found
    }

    /// Sorts ranges and joins those that overlap.
    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound < last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
